"""Comparing two revisions on a real server: JSON aligned by article, and an .odt with tracked
changes that real LibreOffice reads as insertions and deletions."""
import io
import os
import re
import shutil
import tempfile
import unittest
import zipfile

from harness import soffice_convert
from server_harness import Server


def replace_in_odt(odt, old, new):
    zin = zipfile.ZipFile(io.BytesIO(odt))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "content.xml":
                data = data.decode().replace(old, new).encode()
            zout.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


class CompareRevisions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="sanding-compare-")
        cls.server = Server(f"sqlite:{cls.dir}/s.db", cls.dir, users=[("dr", "drafter", "emergency")])
        s = cls.server
        assert s.request("POST", "/api/v1/bodies/emergency/drafts", user="dr").status == 201
        r1 = s.request("GET", "/api/v1/bodies/emergency/revisions/1", user="dr").data
        r2 = replace_in_odt(r1, "【待填写：主要职责】", "负责全区应急管理工作。")
        assert s.upload("dr", "emergency", r2, "第二稿").status == 201

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_json_names_the_changed_article_and_the_edit(self):
        r = self.server.request("GET", "/api/v1/bodies/emergency/compare?from=1&to=2", user="dr")
        self.assertEqual(r.status, 200, r.text)
        d = r.json()
        self.assertEqual(d["changed_articles"], 1)
        changed = [a for a in d["articles"] if a["status"] != "same"]
        self.assertEqual(changed[0]["article"], "第三条")
        p = changed[0]["paragraphs"][0]
        self.assertEqual((p["status"], p["before"], p["after"]), ("changed", "（一）【待填写：主要职责】", "（一）负责全区应急管理工作。"))
        inserted = "".join(op["text"] for op in p["ops"] if op["op"] != "delete")
        self.assertEqual(inserted, p["after"])

    def test_an_inserted_unit_is_exactly_one_insertion(self):
        s = self.server
        r2 = s.request("GET", "/api/v1/bodies/emergency/revisions/2", user="dr").data
        r3 = replace_in_odt(r2, "（三）风险监测和综合减灾股", "（三）防汛抗旱股。负责防汛抗旱工作。</text:p><text:p text:style-name=\"sanding_Body\">（四）风险监测和综合减灾股")
        for old, new in (("（四）安全生产", "（五）安全生产"), ("（五）危险化学品", "（六）危险化学品"), ("（六）工贸", "（七）工贸")):
            r3 = replace_in_odt(r3, old, new)
        self.assertEqual(s.upload("dr", "emergency", r3, "第三稿").status, 201)
        d = s.request("GET", "/api/v1/bodies/emergency/compare?from=2&to=3", user="dr").json()
        changed = [a for a in d["articles"] if a["status"] != "same"]
        self.assertEqual([a["article"] for a in changed], ["第四条"])
        self.assertEqual([(p["status"], p["after"]) for p in changed[0]["paragraphs"]], [("added", "（三）防汛抗旱股。负责防汛抗旱工作。")])

    def test_bad_parameters(self):
        for q, status in [("from=1", 400), ("from=x&to=2", 400), ("from=1&to=9", 404), ("from=1&to=2&context=x", 400)]:
            with self.subTest(q):
                self.assertEqual(self.server.request("GET", f"/api/v1/bodies/emergency/compare?{q}", user="dr").status, status)

    def test_odt_carries_tracked_changes_that_libreoffice_reads(self):
        r = self.server.request("GET", "/api/v1/bodies/emergency/compare?from=1&to=2&format=odt", user="dr")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.headers.get("Content-Type"), "application/vnd.oasis.opendocument.text")
        path = os.path.join(self.dir, "cmp.odt")
        with open(path, "wb") as f:
            f.write(r.data)
        conv = soffice_convert([path], self.dir, "fodt", os.path.join(self.dir, "profile"))
        self.assertEqual(conv.returncode, 0, conv.stderr)
        with open(os.path.join(self.dir, "cmp.fodt"), encoding="utf-8") as f:
            fodt = f.read()
        self.assertIn("<text:insertion>", fodt)
        self.assertIn("<text:deletion>", fodt)
        inserted = re.findall(r'<text:change-start text:change-id="([^"]+)"/>([^<]*)<text:change-end', fodt)
        self.assertTrue(any("负" in text for _, text in inserted), inserted)
        self.assertIn("修订1→2", fodt)  # the author of the changes names the revisions


if __name__ == "__main__":
    unittest.main()
