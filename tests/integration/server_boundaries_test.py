"""GET /api/v1/boundaries on a real `sanding serve` (SQLite): the overlaps and gaps between the
latest revisions the bodies uploaded, as a reviewer preparing the 职责边界协调会 reads them."""
import io
import json
import os
import subprocess
import shutil
import tempfile
import unittest
import zipfile
from xml.sax.saxutils import escape

import boundaries_corpus
from harness import SANDING
from server_harness import Server

BODIES = ["natural-resources", "agriculture", "water-resources"]
USERS = [("reviewer", "reviewer", None), ("office", "office", None)]
USERS += [(f"drafter-{b}", "drafter", b) for b in BODIES]

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def odt_of(lines):
    """A minimal .odt whose paragraphs are the lines (as a drafter might type them)."""
    body = "".join(f"<text:p>{escape(l)}</text:p>" for l in lines)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


class BoundariesApiTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sanding-boundaries-api-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.srv = Server("sqlite:" + os.path.join(self.tmp, "sanding.db"), self.tmp, users=USERS)
        self.addCleanup(self.srv.stop)
        corpus_dir = os.path.join(self.tmp, "corpus")
        self.planted = boundaries_corpus.generate(SANDING, corpus_dir)
        self.drafts = {}
        for b in BODIES:
            with open(os.path.join(corpus_dir, "drafts", b + ".txt"), encoding="utf-8") as f:
                self.drafts[b] = f.read().splitlines()

    def ok(self, r, status=200):
        self.assertEqual(r.status, status, r.text)
        return r.json()

    def test_overlap_between_uploaded_drafts_then_resolved_by_a_new_revision(self):
        nr, ag = self.drafts["natural-resources"], self.drafts["agriculture"]
        # The agriculture draft claims natural resources' 耕地保护 duty in its own words.
        claim = "承担永久基本农田和耕地的保护，落实耕地占补平衡。"
        at = next(i for i, l in enumerate(ag) if "交办的其他任务" in l)
        ag = ag[:at] + ["（一）" + claim] + ag[at:]
        self.ok(self.srv.upload("drafter-natural-resources", "natural-resources", odt_of(nr)), 201)
        self.ok(self.srv.upload("drafter-agriculture", "agriculture", odt_of(ag)), 201)

        report = self.ok(self.srv.request("GET", "/api/v1/boundaries", user="reviewer"))
        self.assertEqual(sorted(d["body"] for d in report["drafts"]), ["agriculture", "natural-resources"])
        self.assertTrue(report["catalogue"])
        pair = next(o for o in report["overlaps"] if o["b"]["text"] == claim or o["a"]["text"] == claim)
        self.assertEqual({pair["a"]["name"], pair["b"]["name"]}, {"区自然资源局", "区农业农村局"})
        self.assertFalse(pair["resolved"])
        self.assertGreaterEqual(pair["score"], 0.45)
        # Water resources has uploaded nothing: its catalogue duties are gaps.
        self.assertTrue(any(g["kind"] == "uncovered" and g["body"] == "water-resources" for g in report["gaps"]))

        # A 有关职责分工 clause in the agriculture draft naming 区自然资源局 and the duty resolves it.
        at = next(i for i, l in enumerate(ag) if "有关职责分工。" in l)
        ag = ag[:at + 1] + ["1.与区自然资源局的有关职责分工。区自然资源局负责耕地和永久基本农田保护，区农业农村局配合。"] + ag[at + 1:]
        self.ok(self.srv.upload("drafter-agriculture", "agriculture", odt_of(ag)), 201)
        report = self.ok(self.srv.request("GET", "/api/v1/boundaries?min_score=0.45", user="office"))
        pair = next(o for o in report["overlaps"] if claim in (o["a"]["text"], o["b"]["text"]))
        self.assertTrue(pair["resolved"])
        self.assertIn("区自然资源局负责耕地", pair["resolved_by"])
        self.assertEqual(next(d["revision"] for d in report["drafts"] if d["body"] == "agriculture"), 2)
        # The meeting paper from the API: an .odt whose text names the bodies, never their ids.
        r = self.srv.request("GET", "/api/v1/boundaries?format=odt", user="reviewer")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.headers["Content-Type"], "application/vnd.oasis.opendocument.text")
        with zipfile.ZipFile(io.BytesIO(r.data)) as z:
            content = z.read("content.xml").decode()
        self.assertIn("职责边界协调会议材料", content)
        self.assertIn("目录列明由区水利局承担", content)
        self.assertNotIn("water-resources", content)

    def test_the_command_line_reads_the_same_report_from_the_server(self):
        nr, ag = self.drafts["natural-resources"], self.drafts["agriculture"]
        at = next(i for i, l in enumerate(ag) if "交办的其他任务" in l)
        ag = ag[:at] + ["（一）承担永久基本农田和耕地的保护，落实耕地占补平衡。"] + ag[at:]
        self.ok(self.srv.upload("drafter-natural-resources", "natural-resources", odt_of(nr)), 201)
        self.ok(self.srv.upload("drafter-agriculture", "agriculture", odt_of(ag)), 201)
        api = self.ok(self.srv.request("GET", "/api/v1/boundaries", user="reviewer"))
        env = dict(os.environ, SANDING_PASSWORD=self.srv.passwords["reviewer"])
        run = lambda *a, **kw: subprocess.run([SANDING, "boundaries", "--server", f"http://127.0.0.1:{self.srv.port}", *a], capture_output=True, text=True,
                                              env=kw.get("env", env), stdin=subprocess.DEVNULL, timeout=120)
        r = run("--user", "reviewer", "--format", "json")
        self.assertEqual(r.returncode, 1, r.stderr)  # an unresolved overlap
        cli = json.loads(r.stdout)
        self.assertEqual([(o["a"]["body"], o["b"]["body"], o["score"]) for o in cli["overlaps"]],
                         [(o["a"]["body"], o["b"]["body"], o["score"]) for o in api["overlaps"]])
        paper = os.path.join(self.tmp, "paper.odt")
        r = run("--user", "reviewer", "--paper", paper)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("区农业农村局", r.stdout)
        self.assertIn("职责交叉", r.stdout)
        with zipfile.ZipFile(paper) as z:
            self.assertIn("职责边界协调会议材料", z.read("content.xml").decode())
        # What goes wrong is said plainly, with exit status 2.
        for args, env_, said in [(("--user", "reviewer"), dict(os.environ, SANDING_PASSWORD="wrong"), "登录失败"),
                                 (("--user", "drafter-agriculture"), dict(os.environ, SANDING_PASSWORD=self.srv.passwords["drafter-agriculture"]), "只有审核组"),
                                 ((), env, "SANDING_USER"),
                                 (("--user", "reviewer", "--min-score", "2"), env, "--min-score"),
                                 (("--user", "reviewer", "some.odt"), env, "草案文件")]:
            with self.subTest(said=said):
                r = run(*args, env=env_)
                self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                self.assertIn(said, r.stderr)
        r = subprocess.run([SANDING, "boundaries", "--server", "http://127.0.0.1:9", "--user", "reviewer"], capture_output=True, text=True, env=env,
                           stdin=subprocess.DEVNULL, timeout=60)
        self.assertEqual(r.returncode, 2)
        self.assertIn("无法连接服务器", r.stderr)

    def test_decision_recorded_audited_and_shown_to_both_drafters_until_their_drafts_say_it(self):
        nr, ag = self.drafts["natural-resources"], self.drafts["agriculture"]
        self.ok(self.srv.upload("drafter-natural-resources", "natural-resources", odt_of(nr)), 201)
        self.ok(self.srv.upload("drafter-agriculture", "agriculture", odt_of(ag)), 201)
        decision = {"lead": "natural-resources", "support": "agriculture", "duty": "耕地和永久基本农田保护",
                    "comment": "协调会议定"}
        r = self.srv.request("POST", "/api/v1/boundaries/decisions", decision, user="drafter-agriculture")
        self.assertEqual(r.status, 403)
        for bad, needle in [({**decision, "lead": "nowhere"}, "牵头机构不存在"),
                            ({**decision, "support": "natural-resources"}, "同一个机构"),
                            ({**decision, "duty": " "}, "职责不能为空")]:
            r = self.srv.request("POST", "/api/v1/boundaries/decisions", bad, user="reviewer")
            self.assertEqual(r.status, 400, bad)
            self.assertIn(needle, r.json()["error"]["message"])
        self.assertEqual(self.ok(self.srv.request("GET", "/api/v1/boundaries/decisions", user="reviewer")), [])
        self.ok(self.srv.request("POST", "/api/v1/boundaries/decisions", decision, user="reviewer"), 201)

        # Both drafters see it, each with a finding for their own draft; the water drafter sees nothing.
        for user, body in [("drafter-agriculture", "agriculture"), ("drafter-natural-resources", "natural-resources")]:
            [d] = self.ok(self.srv.request("GET", "/api/v1/boundaries/decisions", user=user))
            self.assertEqual((d["lead_name"], d["support_name"]), ("区自然资源局", "区农业农村局"))
            self.assertFalse(d["settled"])
            self.assertIn(body, [f["body"] for f in d["findings"]])
            self.assertIn("由区自然资源局牵头、区农业农村局配合", d["findings"][0]["message"])
        self.assertEqual(self.ok(self.srv.request("GET", "/api/v1/boundaries/decisions", user="drafter-water-resources")), [])
        # Each affected draft's findings carry it as an error (D15) until its 有关职责分工 says it.
        def d15(body, n, user):
            report = self.ok(self.srv.request("GET", f"/api/v1/bodies/{body}/revisions/{n}/findings", user=user))
            found = [f for f in report["findings"] if f["rule"] == "D15"]
            for f in found:
                self.assertEqual(f["severity"], "error")
            self.assertEqual(report["summary"]["total"], len(report["findings"]))
            return [f["message"] for f in found]
        [msg] = d15("agriculture", 1, "drafter-agriculture")
        self.assertIn("区农业农村局草案的有关职责分工尚未写明与区自然资源局的分工：耕地和永久基本农田保护", msg)
        self.assertEqual(len(d15("natural-resources", 1, "reviewer")), 1)
        audit = self.ok(self.srv.request("GET", "/api/v1/audit", user="office"))
        entries = audit if isinstance(audit, list) else audit.get("entries", [])
        self.assertTrue(any(e.get("action") == "boundaries.decide" and e.get("actor") == "reviewer" for e in entries), audit)

        # The agriculture draft's new revision says it: its finding goes; natural resources' stays.
        at = next(i for i, l in enumerate(ag) if "有关职责分工。" in l)
        ag = ag[:at + 1] + ["1.与区自然资源局的有关职责分工。区自然资源局牵头耕地和永久基本农田保护，区农业农村局配合。"] + ag[at + 1:]
        self.ok(self.srv.upload("drafter-agriculture", "agriculture", odt_of(ag)), 201)
        [d] = self.ok(self.srv.request("GET", "/api/v1/boundaries/decisions", user="reviewer"))
        self.assertEqual([f["body"] for f in d["findings"]], ["natural-resources"])
        self.assertEqual(d15("agriculture", 2, "drafter-agriculture"), [])
        self.assertEqual(len(d15("agriculture", 1, "drafter-agriculture")), 1)  # the old revision did not say it
        self.assertEqual(len(d15("natural-resources", 1, "reviewer")), 1)

    def test_who_may_and_bad_threshold(self):
        r = self.srv.request("GET", "/api/v1/boundaries", user="drafter-agriculture")
        self.assertEqual(r.status, 403)
        self.assertIn("职责边界", r.json()["error"]["message"])
        r = self.srv.request("GET", "/api/v1/boundaries?min_score=abc", user="reviewer")
        self.assertEqual(r.status, 400)
        self.assertIn("min_score", r.json()["error"]["message"])
        r = self.srv.request("GET", "/api/v1/boundaries?format=pdf", user="reviewer")
        self.assertEqual(r.status, 400)
        self.assertIn("协调会议材料", r.json()["error"]["message"])
        self.assertEqual(self.ok(self.srv.request("GET", "/api/v1/boundaries", user="reviewer"))["overlaps"], [])


if __name__ == "__main__":
    unittest.main()
