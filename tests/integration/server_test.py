"""`sanding serve` as its users meet it: a real server on a fresh SQLite file, and every test
again on a real PostgreSQL cluster started for this run. Drafters, heads, reviewers, the office and
the administrator see status codes, stable error codes with Chinese messages, and their data; a
collected bundle verifies offline; bad requests change nothing; the audit chain shows tampering;
a kill -9 loses no answered upload."""
import hashlib
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import urllib.parse
import threading
import time
import unittest
import zipfile
import xml.etree.ElementTree as ET

from harness import sanding
from server_harness import Postgres, Server, key_args

ODT = "application/vnd.oasis.opendocument.text"
_postgres = None        # one cluster for the whole module
_postgres_error = None  # why it could not start (the PostgreSQL tests then fail with it)


def setUpModule():
    global _postgres, _postgres_error
    try:
        _postgres = Postgres()
    except Exception as e:  # the SQLite tests still run; the PostgreSQL class reports this
        _postgres_error = e
        return
    unittest.addModuleCleanup(_postgres.stop)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def with_extra_entries(odt, extra):
    """The same document re-zipped with extra entries (e.g. Thumbnails/x) the reader ignores."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():  # mimetype first and stored, as ODF wants
            dst.writestr(info, src.read(info.filename))
        for name, content in extra.items():
            dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def rewrite_zip(path, name, change):
    """Rewrites one entry of a zip file in place (same order, same compression)."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in entries:
            dst.writestr(info, change(data) if info.filename == name else data)


def bundle_path(body, revision):
    """drafts/<序号>-<机构简称>-修订<N>.odt, from the demo framework the tests load."""
    root = ET.parse(os.path.join(os.path.dirname(__file__), "../../templates/framework/demo-district.xml")).getroot()
    bodies = [b for b in root.iter() if b.tag.split("}")[-1] == "body"]
    for i, b in enumerate(bodies, 1):
        if b.get("id") == body:
            short = next(c.text for c in b if c.tag.split("}")[-1] == "short-name")
            return f"drafts/{i:02d}-{short}-修订{revision}.odt"
    raise KeyError(body)


def flip_one_byte(data):
    b = bytearray(data)
    b[len(b) // 2] ^= 0x01
    return bytes(b)


class ServerTests:
    """The tests; a subclass says which database (new_db_url, kind, db_exec)."""

    kind = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sanding-server-test-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.servers = 0

    # --- fixtures -------------------------------------------------------------------------

    def serve(self, users=(), db=None, config=None, init=True, passwords=None):
        """A real `sanding serve` (stopped after the test) on a fresh database, or on `db`."""
        self.servers += 1
        workdir = os.path.join(self.tmp, f"server{self.servers}")
        os.makedirs(workdir)
        srv = Server(db or self.new_db_url(), workdir, users=users, init=init, config=config)
        self.addCleanup(srv.stop)
        if passwords:
            srv.passwords.update(passwords)
        return srv

    def config_file(self, text):
        path = os.path.join(self.tmp, f"sanding-{self.servers}.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    # --- what a user sees -----------------------------------------------------------------

    def assertRefused(self, r, status, code, *named):
        """An error answer: status, stable code, a Chinese message naming what it should."""
        self.assertEqual(r.status, status, r.text)
        self.assertEqual(r.error_code(), code, r.text)
        message = r.json()["error"]["message"]
        self.assertRegex(message, "[\u4e00-\u9fff]", "the message is for a person, in Chinese")
        for word in named:
            self.assertIn(word, message)

    def body(self, srv, body_id, user="admin"):
        r = srv.request("GET", f"/api/v1/bodies/{body_id}", user=user)
        self.assertEqual(r.status, 200, r.text)
        return r.json()

    def snapshot(self, srv, body_id):
        """What is stored about a body, and how long the audit log is."""
        b = self.body(srv, body_id)
        revisions = srv.request("GET", f"/api/v1/bodies/{body_id}/revisions", user="admin")
        self.assertEqual(revisions.status, 200, revisions.text)
        audit = srv.request("GET", "/api/v1/audit", user="admin")
        self.assertEqual(audit.status, 200, audit.text)
        return {"state": b["state"], "current_revision": b["current_revision"],
                "revisions": [(r["number"], r["sha256"], r["comment"]) for r in revisions.json()],
                "reviews": len(b["reviews"]), "signoff": b.get("signoff"), "audit_entries": len(audit.json())}

    def post(self, srv, user, body_id, action, payload=None):
        return srv.request("POST", f"/api/v1/bodies/{body_id}/{action}", {} if payload is None else payload, user=user)

    def download(self, srv, user, body_id, n):
        r = srv.request("GET", f"/api/v1/bodies/{body_id}/revisions/{n}", user=user)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.headers["Content-Type"], ODT)
        return r.data

    def audit_verify(self, url):
        return sanding("admin", "audit", "verify", "--db", url, *key_args(url))

    def approved_body(self, srv, body_id):
        """drafter-BODY drafts, submits; the reviewer approves. Returns revision 1's bytes."""
        self.assertEqual(srv.request("POST", f"/api/v1/bodies/{body_id}/drafts", user=f"drafter-{body_id}").status, 201)
        self.assertEqual(self.post(srv, f"drafter-{body_id}", body_id, "submit").status, 200)
        r = self.post(srv, "reviewer", body_id, "approve")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["state"], "approved")
        return self.download(srv, f"drafter-{body_id}", body_id, 1)

    # --- 1. the whole workflow ------------------------------------------------------------

    def test_two_bodies_from_draft_to_verified_bundle(self):
        bodies = ["natural-resources", "emergency"]
        users = [("reviewer", "reviewer", None), ("office", "office", None), ("admin", "admin", None)]
        for b in bodies:
            users += [(f"drafter-{b}", "drafter", b), (f"head-{b}", "head", b)]
        srv = self.serve(users)
        signed = {}
        for b in bodies:
            drafter, head = f"drafter-{b}", f"head-{b}"
            # Revision 1 from the model text.
            r = srv.request("POST", f"/api/v1/bodies/{b}/drafts", user=drafter)
            self.assertEqual(r.status, 201, r.text)
            rev1 = r.json()
            self.assertEqual((rev1["number"], rev1["author"]), (1, drafter))
            odt = self.download(srv, drafter, b, 1)
            self.assertEqual(sha256(odt), rev1["sha256"])
            self.assertEqual(len(odt), rev1["size"])
            with zipfile.ZipFile(io.BytesIO(odt)) as z:
                self.assertEqual(z.read("mimetype"), ODT.encode())

            # Revision 2: the same document uploaded back with a comment.
            r = srv.upload(drafter, b, odt, "第二稿：核对了主要职责")
            self.assertEqual(r.status, 201, r.text)
            self.assertEqual(r.json()["number"], 2)
            self.assertEqual(r.json()["sha256"], sha256(odt))
            self.assertEqual(r.json()["comment"], "第二稿：核对了主要职责")

            r = self.post(srv, drafter, b, "submit")
            self.assertEqual(r.status, 200, r.text)
            self.assertEqual((r.json()["state"], r.json()["state_label"]), ("submitted", "已提交"))

            r = self.post(srv, "reviewer", b, "return", {"comment": "第三条职责表述需按“三定”规定调整"})
            self.assertEqual(r.status, 200, r.text)
            self.assertEqual((r.json()["state"], r.json()["state_label"]), ("returned", "已退回"))
            seen = self.body(srv, b, user=drafter)  # the drafter reads why
            self.assertEqual([(x["revision"], x["reviewer"], x["verdict"], x["comment"]) for x in seen["reviews"]],
                             [(2, "reviewer", "returned", "第三条职责表述需按“三定”规定调整")])

            # Revision 3 (different bytes), submitted and approved.
            odt3 = with_extra_entries(odt, {"Thumbnails/x": os.urandom(64)})
            r = srv.upload(drafter, b, odt3, "第三稿：按审核意见修改")
            self.assertEqual(r.status, 201, r.text)
            self.assertEqual((r.json()["number"], r.json()["sha256"]), (3, sha256(odt3)))
            self.assertEqual(self.body(srv, b, user=drafter)["state"], "drafting")
            self.assertEqual(self.post(srv, drafter, b, "submit").status, 200)
            r = self.post(srv, "reviewer", b, "approve", {"comment": "同意"})
            self.assertEqual(r.status, 200, r.text)
            self.assertEqual((r.json()["state"], r.json()["current_revision"]), ("approved", 3))

            # Signing: only the approved revision, only with the right password, only once.
            pw = srv.passwords[head]
            r = self.post(srv, head, b, "signoff", {"revision": 2, "password": pw})
            self.assertRefused(r, 409, "signoff.not_approved_revision", "修订 3", "修订 2")
            r = self.post(srv, head, b, "signoff", {"revision": 3, "password": pw + "x"})
            self.assertRefused(r, 403, "auth.bad_password")
            self.assertEqual(self.body(srv, b, user=head)["state"], "approved")
            r = self.post(srv, head, b, "signoff", {"revision": 3, "password": pw})
            self.assertEqual(r.status, 201, r.text)
            so = r.json()
            self.assertEqual((so["body"], so["revision"], so["sha256"], so["signer"]), (b, 3, sha256(odt3), head))
            self.assertTrue(so["signature"])
            r = self.post(srv, head, b, "signoff", {"revision": 3, "password": pw})
            self.assertRefused(r, 409, "workflow.illegal", "已签发", "签发")
            seen = self.body(srv, b, user=head)
            self.assertEqual(seen["state"], "signed")
            self.assertEqual(seen["signoff"]["signature"], so["signature"])
            self.assertEqual([x["number"] for x in seen["revisions"]], [1, 2, 3])
            signed[b] = (sha256(odt3), odt3)

        # The office collects both (a state change, one audit entry each), then downloads the
        # bundle, which changes nothing: a second download moves no state and writes no audit.
        r = srv.request("POST", "/api/v1/collect", {}, user="office")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["count"], 2)
        self.assertEqual(sorted(x["body"] for x in r.json()["bodies"]), sorted(bodies))
        before = [e["seq"] for e in srv.request("GET", "/api/v1/audit", user="office").json()]
        collects = srv.request("GET", "/api/v1/audit?action=workflow.collect", user="office").json()
        self.assertEqual(sorted(e["body"] for e in collects), sorted(bodies))
        self.assertEqual({e["action_label"] for e in collects}, {"收集"})
        r = srv.request("GET", "/api/v1/bundle", user="office")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.headers["Content-Type"], "application/zip")
        self.assertIn("filename*=UTF-8''", r.headers["Content-Disposition"])
        self.assertIn(urllib.parse.quote("收集包"), r.headers["Content-Disposition"])
        self.assertEqual(srv.request("GET", "/api/v1/bundle", user="office").status, 200)
        self.assertEqual([e["seq"] for e in srv.request("GET", "/api/v1/audit", user="office").json()], before)
        self.assertEqual(srv.request("POST", "/api/v1/collect", {}, user="office").json()["count"], 0)
        bundle = os.path.join(self.tmp, "bundle.zip")
        with open(bundle, "wb") as f:
            f.write(r.data)
        paths = {b: bundle_path(b, 3) for b in bodies}
        key = srv.request("GET", "/api/v1/public-key").data
        with zipfile.ZipFile(bundle) as z:
            manifest = json.loads(z.read("manifest.json"))
            items = {it["body"]: it for it in manifest["items"]}
            self.assertEqual(sorted(items), sorted(bodies))
            self.assertEqual(manifest["count"], 2)
            for b in bodies:
                self.assertEqual(items[b]["revision"], 3)
                self.assertEqual(items[b]["path"], paths[b])
                self.assertEqual(items[b]["sha256"], signed[b][0])
                self.assertEqual(items[b]["signer"], f"head-{b}")
                self.assertEqual(z.read(items[b]["path"]), signed[b][1])
                self.assertGreater(z.getinfo(paths[b]).date_time[0], 2000)  # a real timestamp
            self.assertEqual(z.read(manifest["public_key"]), key)
            self.assertIn("manifest.sig", z.namelist())

        board = srv.request("GET", "/api/v1/board", user="office")
        self.assertEqual(board.status, 200, board.text)
        states = {x["id"]: (x["state"], x["state_label"], x["current_revision"]) for x in board.json()["bodies"]}
        for b in bodies:
            self.assertEqual(states[b], ("collected", "已收集", 3))
        self.assertEqual(states["finance"], ("not_started", "未开始", 0))  # never drafted: not 起草中

        # Offline verification against the server's key: both pass; without a key verify says it
        # checked only self-consistency and prints the fingerprint to compare.
        keyfile = os.path.join(self.tmp, "server-key.pem")
        with open(keyfile, "wb") as f:
            f.write(key)
        v = sanding("verify", bundle, "--key", keyfile)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        for b in bodies:
            self.assertRegex(v.stdout, rf"(?m)^通过\s+{re.escape(paths[b])}\s")
        self.assertNotRegex(v.stdout, "(?m)^失败")
        self.assertIn("2 份通过，0 处失败", v.stdout)
        self.assertIn("与可信公钥一致", v.stdout)
        v = sanding("verify", bundle)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        self.assertIn("只核验了收集包自身的一致性", v.stdout)
        fingerprint = re.search(r"指纹 ([0-9a-f]{64})", v.stdout).group(1)
        self.assertEqual(sanding("verify", bundle, "--fingerprint", fingerprint.upper()).returncode, 0)
        self.assertEqual(sanding("verify", bundle, "--fingerprint", "00" * 32).returncode, 1)

        # Re-packed with plain `zip -r` (directory entries, other timestamps): still verifies.
        if shutil.which("zip") and shutil.which("unzip"):
            unpacked = os.path.join(self.tmp, "unpacked")
            utf8 = dict(os.environ, LC_ALL="C.UTF-8")  # Info-ZIP decodes UTF-8 names only in a UTF-8 locale
            subprocess.run(["unzip", "-q", "-o", bundle, "-d", unpacked], check=True, env=utf8)
            repacked = os.path.join(self.tmp, "repacked.zip")
            subprocess.run(["zip", "-q", "-r", repacked, "."], cwd=unpacked, check=True, env=utf8)
            v = sanding("verify", repacked, "--key", keyfile)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

        rewrite_zip(bundle, paths["emergency"], flip_one_byte)
        v = sanding("verify", bundle, "--key", keyfile)
        self.assertEqual(v.returncode, 1, v.stdout + v.stderr)
        failed = [line for line in v.stdout.splitlines() if line.startswith("失败")]
        self.assertEqual(len(failed), 1, v.stdout)
        self.assertIn(paths["emergency"], failed[0])
        self.assertRegex(v.stdout, rf"(?m)^通过\s+{re.escape(paths['natural-resources'])}\s")
        self.assertIn("1 份通过，1 处失败", v.stdout)

        self.assertEqual(self.audit_verify(srv.db).returncode, 0)

    # --- 2. who may do what ---------------------------------------------------------------

    def test_roles_by_endpoints_by_bodies(self):
        A, B = "agriculture", "commerce"
        srv = self.serve([("drafter-a", "drafter", A), ("head-a", "head", A), ("drafter-b", "drafter", B),
                          ("head-b", "head", B), ("reviewer", "reviewer", None), ("office", "office", None),
                          ("admin", "admin", None)])
        for drafter, b in (("drafter-a", A), ("drafter-b", B)):
            self.assertEqual(srv.request("POST", f"/api/v1/bodies/{b}/drafts", user=drafter).status, 201)
        odt = self.download(srv, "drafter-a", A, 1)
        before = {b: self.snapshot(srv, b) for b in (A, B)}

        def endpoints(b, signer="head-a"):
            """Every per-body endpoint, with a request body that is valid apart from who asks."""
            p = f"/api/v1/bodies/{b}"
            return {
                "body": ("GET", p, None),
                "revisions": ("GET", f"{p}/revisions", None),
                "revision": ("GET", f"{p}/revisions/1", None),
                "findings": ("GET", f"{p}/revisions/1/findings", None),
                "compare": ("GET", f"{p}/compare?from=1&to=1", None),
                "drafts": ("POST", f"{p}/drafts", None),
                "upload": ("POST", f"{p}/revisions?comment=x", "odt"),
                "submit": ("POST", f"{p}/submit", {}),
                "return": ("POST", f"{p}/return", {"comment": "请修改"}),
                "approve": ("POST", f"{p}/approve", {}),
                "signoff": ("POST", f"{p}/signoff", {"revision": 1, "password": srv.passwords[signer]}),
            }

        matrix = []  # (user, method, path, payload, status, code)
        # Drafters and heads do not see other bodies: every endpoint answers as if there were none.
        for user, other in (("drafter-a", B), ("head-a", B), ("drafter-b", A), ("head-b", A)):
            for name, (m, p, payload) in endpoints(other, signer=user if user.startswith("head") else "head-a").items():
                matrix.append((user, m, p, payload, 404, "body.not_found"))
        for name, (m, p, payload) in endpoints("no-such-body").items():
            matrix.append(("drafter-a", m, p, payload, 404, "body.not_found"))
        a = endpoints(A)
        forbidden = {
            "head-a": ["drafts", "upload", "submit", "return", "approve"],
            "drafter-a": ["approve", "return", "signoff"],
            "reviewer": ["signoff", "upload", "drafts", "submit"],
            "office": ["upload", "approve", "return", "signoff", "drafts", "submit"],
            "admin": ["upload", "approve", "signoff", "drafts"],
        }
        for user, names in forbidden.items():
            for name in names:
                m, p, payload = a[name]
                if name == "signoff":
                    payload = {"revision": 1, "password": srv.passwords.get(user, "whatever-password")}
                matrix.append((user, m, p, payload, 403, "auth.forbidden"))
        for user in ("drafter-a", "head-a"):
            matrix.append((user, "GET", "/api/v1/board", None, 403, "auth.forbidden"))
        for user in ("reviewer", "drafter-a", "head-a", "admin"):
            matrix.append((user, "POST", "/api/v1/collect", {}, 403, "auth.forbidden"))
            matrix.append((user, "GET", "/api/v1/bundle", None, 403, "auth.forbidden"))
        for user in ("drafter-a", "head-a", "reviewer"):
            matrix.append((user, "GET", "/api/v1/audit", None, 403, "auth.forbidden"))
        # Allowed cells that change nothing.
        for user in ("reviewer", "office", "admin"):
            for b in (A, B):
                for name in ("body", "revisions", "revision", "findings", "compare"):
                    m, p, payload = endpoints(b)[name]
                    matrix.append((user, m, p, payload, 200, None))
        for user, b in (("drafter-a", A), ("head-a", A), ("drafter-b", B), ("head-b", B)):
            for name in ("body", "revisions", "revision", "findings", "compare"):
                m, p, payload = endpoints(b)[name]
                matrix.append((user, m, p, payload, 200, None))
        for user in ("reviewer", "office", "admin"):
            matrix.append((user, "GET", "/api/v1/board", None, 200, None))
        for user in ("office", "admin"):
            matrix.append((user, "GET", "/api/v1/audit", None, 200, None))
        matrix.append(("office", "POST", "/api/v1/collect", {}, 200, None))  # nothing signed: nothing moves
        matrix.append(("office", "GET", "/api/v1/bundle", None, 409, "bundle.empty"))  # nothing collected yet
        for user in ("drafter-a", "head-a", "reviewer", "office", "admin"):
            matrix.append((user, "GET", "/api/v1/me", None, 200, None))

        for user, method, path, payload, status, code in matrix:
            with self.subTest(user=user, method=method, path=path):
                headers = None
                if payload == "odt":
                    payload, headers = odt, {"Content-Type": ODT}
                r = srv.request(method, path, payload, user=user, headers=headers)
                if code:
                    self.assertRefused(r, status, code)
                else:
                    self.assertEqual(r.status, status, r.text)

        # What each one sees of the list of bodies and of themselves.
        r = srv.request("GET", "/api/v1/bodies", user="drafter-a")
        self.assertEqual([b["id"] for b in r.json()], [A])
        r = srv.request("GET", "/api/v1/bodies", user="reviewer")
        self.assertEqual(len(r.json()), 37)
        me = srv.request("GET", "/api/v1/me", user="head-b").json()
        self.assertEqual((me["name"], me["role"], me["body"]), ("head-b", "head", B))

        # Without a valid token nothing but the public endpoints answers.
        for method, path in (("GET", "/api/v1/me"), ("GET", "/api/v1/bodies"), ("GET", f"/api/v1/bodies/{A}"),
                             ("POST", f"/api/v1/bodies/{A}/submit"), ("GET", "/api/v1/board"), ("POST", "/api/v1/collect"), ("GET", "/api/v1/bundle")):
            with self.subTest(method=method, path=path, token=None):
                r = srv.request(method, path, {} if method == "POST" else None)
                self.assertRefused(r, 401, "auth.required", "登录")
                self.assertEqual(r.headers.get("WWW-Authenticate"), "Bearer")
                r = srv.request(method, path, {} if method == "POST" else None, headers={"Authorization": "Basic YTpi"})
                self.assertRefused(r, 401, "auth.required")
            for garbage in ("garbage", "0" * 64, "g" * 64, srv.token("drafter-a")[:-1]):
                with self.subTest(method=method, path=path, token=garbage):
                    r = srv.request(method, path, {} if method == "POST" else None, token=garbage)
                    self.assertRefused(r, 401, "auth.invalid_token")
        for path in ("/healthz", "/api/v1/rules", "/api/v1/public-key"):
            self.assertEqual(srv.request("GET", path).status, 200, path)

        # Logging out ends that token, and only that one.
        r = srv.request("POST", "/api/v1/login", {"username": "drafter-a", "password": srv.passwords["drafter-a"]})
        self.assertEqual(r.status, 200, r.text)
        token = r.json()["token"]
        self.assertEqual(srv.request("GET", "/api/v1/me", token=token).status, 200)
        self.assertEqual(srv.request("POST", "/api/v1/logout", token=token).status, 204)
        self.assertRefused(srv.request("GET", "/api/v1/me", token=token), 401, "auth.invalid_token")
        self.assertRefused(srv.request("GET", f"/api/v1/bodies/{A}", token=token), 401, "auth.invalid_token")
        self.assertEqual(srv.request("GET", "/api/v1/me", user="drafter-a").status, 200)
        r = srv.request("POST", "/api/v1/login", {"username": "drafter-a", "password": "wrong-password"})
        self.assertRefused(r, 401, "auth.bad_credentials")

        # None of it changed anything.
        for b in (A, B):
            self.assertEqual(self.snapshot(srv, b), before[b], b)

    # --- 3. illegal transitions -----------------------------------------------------------

    def test_me_says_what_the_server_allows(self):
        # The workspace shows a menu entry or button only where /api/v1/me's "may" says so; the
        # server must refuse exactly the rest (403), whatever the role.
        A = "agriculture"
        users = [("drafter-a", "drafter", A), ("head-a", "head", A), ("reviewer", "reviewer", None),
                 ("office", "office", None), ("admin", "admin", None)]
        srv = self.serve(users)
        self.assertEqual(srv.request("POST", f"/api/v1/bodies/{A}/drafts", user="drafter-a").status, 201)
        asks = {  # what each flag offers, asked so that an allowed request changes nothing stored
            "see_board": ("GET", "/api/v1/board", None),
            "see_queue": ("GET", "/api/v1/queue", None),
            "see_boundaries": ("GET", "/api/v1/boundaries", None),
            "record_boundary_decision": ("POST", "/api/v1/boundaries/decisions", {}),
            "see_audit_log": ("GET", "/api/v1/audit", None),
            "review": ("POST", f"/api/v1/bodies/{A}/approve", {}),
            "sign": ("POST", f"/api/v1/bodies/{A}/signoff", {"revision": 1}),  # + own password
            "collect": ("POST", "/api/v1/collect", {}),
        }
        seen = {}
        for name, role, _ in users:
            me = srv.request("GET", "/api/v1/me", user=name).json()
            self.assertEqual(set(me["may"]), set(asks), role)
            for flag, (method, path, payload) in asks.items():
                with self.subTest(role=role, flag=flag):
                    if flag == "sign":
                        payload = dict(payload, password=srv.passwords[name])
                    r = srv.request(method, path, payload, user=name)
                    self.assertEqual(r.status != 403, me["may"][flag], f"{method} {path} answered {r.status}")
                    seen.setdefault(flag, set()).add(me["may"][flag])
        # Every flag is true for some role and false for another: none is a constant.
        self.assertEqual({f: v for f, v in seen.items() if v != {True, False}}, {})
        self.assertEqual(self.snapshot(srv, A)["state"], "drafting")

    def test_illegal_transitions_answer_409_with_the_state(self):
        C = "transport"
        srv = self.serve([("drafter-transport", "drafter", C), ("head-transport", "head", C),
                          ("reviewer", "reviewer", None), ("admin", "admin", None)])
        d, h = "drafter-transport", "head-transport"
        pw = srv.passwords[h]

        def refused(cases, state, label):
            before = self.snapshot(srv, C)
            self.assertEqual(before["state"], state)
            for user, action, payload in cases:
                with self.subTest(state=state, user=user, action=action):
                    if action == "upload":
                        r = srv.upload(user, C, odt, "不应保存")
                    else:
                        r = self.post(srv, user, C, action, payload)
                    verb = {"approve": "审核通过", "return": "退回", "signoff": "签发", "submit": "提交审核",
                            "upload": "保存修订"}[action]
                    self.assertRefused(r, 409, "workflow.illegal", label, verb)
                    message = r.json()["error"]["message"]
                    for internal in (state, action, "sign-off"):  # never an internal id
                        self.assertNotIn(internal, message)
            self.assertEqual(self.snapshot(srv, C), before)

        refused([("reviewer", "approve", {}), ("reviewer", "return", {"comment": "退回"}),
                 (h, "signoff", {"revision": 1, "password": pw})], "drafting", "起草中")
        r = self.post(srv, d, C, "submit")
        self.assertRefused(r, 409, "workflow.no_revision")
        self.assertEqual(srv.request("POST", f"/api/v1/bodies/{C}/drafts", user=d).status, 201)
        odt = self.download(srv, d, C, 1)
        self.assertRefused(srv.request("POST", f"/api/v1/bodies/{C}/drafts", user=d), 409, "workflow.draft_exists", "修订 1")

        self.assertEqual(self.post(srv, d, C, "submit").status, 200)
        refused([(d, "submit", {}), (d, "upload", None), (h, "signoff", {"revision": 1, "password": pw})],
                "submitted", "已提交")

        self.assertEqual(self.post(srv, "reviewer", C, "return", {"comment": "请补充内设机构"}).status, 200)
        refused([("reviewer", "approve", {}), ("reviewer", "return", {"comment": "再退"}),
                 (h, "signoff", {"revision": 1, "password": pw})], "returned", "已退回")
        # Returned: only a new revision moves it on (not a resubmission of the same one).
        r = self.post(srv, d, C, "submit")
        self.assertRefused(r, 409, "workflow.illegal", "已退回", "提交审核")
        self.assertEqual(srv.upload(d, C, odt, "第二稿").status, 201)
        self.assertEqual(self.post(srv, d, C, "submit").status, 200)
        self.assertEqual(self.post(srv, "reviewer", C, "approve").status, 200)
        refused([("reviewer", "approve", {}), ("reviewer", "return", {"comment": "晚了"}), (d, "submit", {}),
                 (d, "upload", None)], "approved", "已审核通过")

        self.assertEqual(self.post(srv, h, C, "signoff", {"revision": 2, "password": pw}).status, 201)
        refused([(h, "signoff", {"revision": 2, "password": pw}), (d, "upload", None), (d, "submit", {}),
                 ("reviewer", "approve", {}), ("reviewer", "return", {"comment": "晚了"})], "signed", "已签发")

    # --- 4. bad input changes nothing -----------------------------------------------------

    def test_bad_input_changes_nothing(self):
        D = "health"
        srv = self.serve([("drafter-health", "drafter", D), ("head-health", "head", D), ("admin", "admin", None)])
        d, h = "drafter-health", "head-health"
        self.assertEqual(srv.request("POST", f"/api/v1/bodies/{D}/drafts", user=d).status, 201)
        odt = self.download(srv, d, D, 1)
        before = self.snapshot(srv, D)
        self.assertEqual(len(before["revisions"]), 1)

        json_type = {"Content-Type": "application/json"}
        odt_type = {"Content-Type": ODT}
        not_odt = io.BytesIO()
        with zipfile.ZipFile(not_odt, "w") as z:
            z.writestr("hello.txt", "你好")
        p = f"/api/v1/bodies/{D}"
        cases = [  # (name, user, method, path, raw body, headers, status, code, words in the message)
            ("malformed JSON", d, "POST", f"{p}/submit", b'{"comment": ', json_type, 400, "json.malformed", ()),
            ("not an object", d, "POST", f"{p}/submit", b'["comment"]', json_type, 400, "json.not_object", ()),
            ("comment of the wrong type", d, "POST", f"{p}/submit", b'{"comment": 5}', json_type, 400, "json.wrong_type",
             ("comment",)),
            ("unknown field", d, "POST", f"{p}/submit", b'{"comment": "x", "force": true}', json_type, 400,
             "json.unknown_field", ("force",)),
            ("invalid UTF-8", d, "POST", f"{p}/submit", b'{"comment": "\xff\xfe"}', json_type, 400, "request.invalid_utf8", ()),
            ("comment too long", d, "POST", f"{p}/submit", ('{"comment": "%s"}' % ("长" * 7000)).encode(), json_type, 400,
             "json.too_long", ()),
            ("JSON over 64 KiB", d, "POST", f"{p}/submit", ('{"comment": "%s"}' % ("x" * 70000)).encode(), json_type, 413,
             "request.too_large", ()),
            ("revision as a string", h, "POST", f"{p}/signoff",
             ('{"revision": "1", "password": "%s"}' % srv.passwords[h]).encode(), json_type, 400, "json.wrong_type", ("revision",)),
            ("revision as a boolean", h, "POST", f"{p}/signoff",
             ('{"revision": true, "password": "%s"}' % srv.passwords[h]).encode(), json_type, 400, "json.wrong_type", ("revision",)),
            ("no password", h, "POST", f"{p}/signoff", b'{"revision": 1}', json_type, 400, "json.missing_field", ("password",)),
            ("upload not a zip", d, "POST", f"{p}/revisions?comment=x", b"PK? not really a zip" * 10, odt_type, 422,
             "zip.not_zip", ()),
            ("upload a zip that is not an ODT", d, "POST", f"{p}/revisions", not_odt.getvalue(), odt_type, 422,
             "odt.missing_content", ("content.xml",)),
            ("upload a truncated ODT", d, "POST", f"{p}/revisions", odt[: len(odt) // 2], odt_type, 422, None, ()),
            ("upload nothing", d, "POST", f"{p}/revisions", b"", odt_type, 400, "request.empty", ()),
            ("upload as text/plain", d, "POST", f"{p}/revisions", odt, {"Content-Type": "text/plain"}, 415,
             "request.content_type", ("text/plain",)),
            ("upload as JSON", d, "POST", f"{p}/revisions", odt, json_type, 415, "request.content_type", ()),
            ("upload comment not UTF-8", d, "POST", f"{p}/revisions?comment=%FF%FE", odt, odt_type, 400,
             "request.bad_comment", ()),
            ("revision number not a number", d, "GET", f"{p}/revisions/abc", None, None, 400, "request.bad_revision", ()),
            ("compare without to", d, "GET", f"{p}/compare?from=1", None, None, 400, "request.bad_revision", ("to",)),
            ("no such revision", d, "GET", f"{p}/revisions/99", None, None, 404, "revision.not_found", ()),
        ]
        for name, user, method, path, raw, headers, status, code, words in cases:
            with self.subTest(case=name):
                r = srv.request(method, path, raw, user=user, headers=headers)
                if code:
                    self.assertRefused(r, status, code, *words)
                else:
                    self.assertEqual(r.status, status, r.text)
                    self.assertTrue(r.error_code(), r.text)
                self.assertEqual(self.snapshot(srv, D), before)

        # A second server on the same database with a 2 KiB upload limit.
        small = self.serve(db=srv.db, init=False, passwords=srv.passwords,
                           config=self.config_file("# test limits\nlimits.upload_bytes = 2048\n"))
        self.assertGreater(len(odt), 2048)
        r = small.upload(d, D, odt, "过大")
        self.assertRefused(r, 413, "request.too_large", "2048")
        # Without a Content-Length (chunked), the limit holds while reading.
        r = small.request("POST", f"{p}/revisions", iter([odt[:1500], odt[1500:]]), user=d, headers=odt_type)
        self.assertRefused(r, 413, "request.too_large", "2048")
        self.assertEqual(self.snapshot(srv, D), before)
        self.assertEqual(self.snapshot(small, D), before)
        # The same document is fine on the server with the default limit.
        r = srv.upload(d, D, odt, "正常")
        self.assertEqual((r.status, r.json()["number"]), (201, 2), r.text)

    # --- 5. the audit chain and append-only tables ----------------------------------------

    def test_audit_chain_shows_tampering_and_revisions_are_append_only(self):
        F = "finance"
        srv = self.serve([("drafter-finance", "drafter", F), ("head-finance", "head", F),
                          ("reviewer", "reviewer", None), ("admin", "admin", None)])
        odt = self.approved_body(srv, F)
        self.assertEqual(self.post(srv, "head-finance", F, "signoff",
                                   {"revision": 1, "password": srv.passwords["head-finance"]}).status, 201)
        v = self.audit_verify(srv.db)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        self.assertIn("审计日志完好", v.stdout)
        entries = srv.request("GET", "/api/v1/audit", user="admin").json()
        self.assertEqual([e["action"] for e in entries if e["body"] == F][-4:],
                         ["draft.create", "workflow.submit", "workflow.approve", "workflow.sign-off"])
        for prev, e in zip(entries, entries[1:]):
            self.assertEqual(e["prev_hash"], prev["hash"])

        # The database itself refuses to change or delete revisions, sign-offs and audit entries.
        for sql in (f"UPDATE revisions SET comment = '改过' WHERE body = '{F}'",
                    f"DELETE FROM revisions WHERE body = '{F}'",
                    f"UPDATE signoffs SET sha256 = 'x' WHERE body = '{F}'",
                    "UPDATE audit SET actor = 'someone' WHERE seq = 1",
                    "DELETE FROM audit"):
            with self.subTest(sql=sql):
                error = self.db_exec(srv.db, sql)
                self.assertIsNotNone(error, "the statement should have been refused")
                self.assertRegex(error, "immutable|append-only")
        rev = srv.request("GET", f"/api/v1/bodies/{F}/revisions", user="admin").json()
        self.assertEqual([(r["number"], r["sha256"], r["comment"]) for r in rev], [(1, sha256(odt), "由范本生成")])
        self.assertEqual(sha256(self.download(srv, "admin", F, 1)), sha256(odt))
        self.assertEqual(self.audit_verify(srv.db).returncode, 0)

        # With the guard removed by someone with database access, the chain still shows the change.
        seq = next(e["seq"] for e in entries if e["action"] == "workflow.approve" and e["body"] == F)
        self.assertIsNone(self.db_exec(srv.db, self.without_audit_guard(
            f"UPDATE audit SET detail = '{{\"from\":\"submitted\",\"to\":\"approved\",\"revision\":2}}' WHERE seq = {seq}")))
        v = self.audit_verify(srv.db)
        self.assertEqual(v.returncode, 1, v.stdout + v.stderr)
        self.assertIn(f"第 {seq} 条", v.stdout)
        self.assertEqual(re.findall(r"第 (\d+) 条", v.stdout), [str(seq)])

    # --- 6. kill -9 during concurrent uploads ---------------------------------------------

    def test_kill_9_during_50_concurrent_uploads_loses_no_answered_upload(self):
        E = "housing-construction"
        d = f"drafter-{E}"
        srv = self.serve([(d, "drafter", E), ("admin", "admin", None)])
        self.assertEqual(srv.request("POST", f"/api/v1/bodies/{E}/drafts", user=d).status, 201)
        odt = self.download(srv, d, E, 1)
        srv.token(d)  # logged in before the threads start

        n = 50
        uploads = [(with_extra_entries(odt, {"Thumbnails/x": os.urandom(48) + str(i).encode()}), f"并发上传 {i}：{os.urandom(4).hex()}")
                   for i in range(n)]
        results = [None] * n
        answered = 0
        lock = threading.Lock()
        enough = threading.Event()

        def upload(i):
            nonlocal answered
            try:
                r = srv.upload(d, E, uploads[i][0], uploads[i][1])
                results[i] = ("answer", r.status, r.json() if r.status == 201 else r.text)
            except Exception as e:  # the server died under it: no answer
                results[i] = ("no answer", None, repr(e))
                return
            with lock:
                answered += 1
                if answered >= n // 2:
                    enough.set()

        threads = [threading.Thread(target=upload, args=(i,), daemon=True) for i in range(n)]
        for t in threads:
            t.start()
        enough.wait(timeout=180)
        srv.kill9()
        deadline = time.monotonic() + 120
        for t in threads:
            t.join(timeout=max(0.0, deadline - time.monotonic()))
        self.assertFalse([t for t in threads if t.is_alive()], "every upload finished or failed once the server died")

        answers = [(i, r) for i, r in enumerate(results) if r[0] == "answer"]
        self.assertGreaterEqual(len(answers), n // 2 if enough.is_set() else 1, results)
        for i, (_, status, data) in answers:
            self.assertEqual(status, 201, f"upload {i}: {data}")  # a valid upload is not refused
        created = {i: data for i, (_, status, data) in answers if status == 201}

        srv.start()  # same database
        listed = srv.request("GET", f"/api/v1/bodies/{E}/revisions", user=d)
        self.assertEqual(listed.status, 200, listed.text)
        by_number = {r["number"]: r for r in listed.json()}
        self.assertEqual(sorted(by_number), list(range(1, len(by_number) + 1)), "numbers have no gaps or repeats")
        for i, rev in created.items():
            with self.subTest(upload=i):
                self.assertEqual(rev["sha256"], sha256(uploads[i][0]))
                self.assertIn(rev["number"], by_number)
                self.assertEqual(by_number[rev["number"]]["sha256"], rev["sha256"])
                self.assertEqual(by_number[rev["number"]]["comment"], uploads[i][1])
                self.assertEqual(sha256(self.download(srv, d, E, rev["number"])), rev["sha256"])
        # Whatever else was stored (committed but not answered) is one of the uploads, whole.
        sent = {sha256(data): comment for data, comment in uploads}
        for number, rev in by_number.items():
            if number == 1:
                continue
            with self.subTest(revision=number):
                self.assertEqual(sent.get(rev["sha256"]), rev["comment"])
                self.assertEqual(sha256(self.download(srv, d, E, number)), rev["sha256"])
        self.assertEqual(self.body(srv, E)["current_revision"], max(by_number))
        v = self.audit_verify(srv.db)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    # --- 7, 8. rules ETag, health ---------------------------------------------------------

    def test_rules_answer_304_to_their_etag(self):
        srv = self.serve()
        r = srv.request("GET", "/api/v1/rules")
        self.assertEqual(r.status, 200, r.text)
        etag = r.headers.get("ETag")
        self.assertRegex(etag or "", r'^"[0-9a-f]{32}"$')
        self.assertEqual(r.json()["etag"], etag)
        self.assertEqual(sorted(f["name"] for f in r.json()["files"]), ["misspellings.xml", "phrasing.xml", "structure.xml", "variants.xml"])
        r = srv.request("GET", "/api/v1/rules", headers={"If-None-Match": etag})
        self.assertEqual(r.status, 304)
        self.assertEqual(r.data, b"")
        self.assertEqual(r.headers.get("ETag"), etag)
        r = srv.request("GET", "/api/v1/rules", headers={"If-None-Match": '"0123"'})
        self.assertEqual(r.status, 200)
        # Every instance over the same database gives the same ETag.
        other = self.serve(db=srv.db, init=False)
        self.assertEqual(other.request("GET", "/api/v1/rules", headers={"If-None-Match": etag}).status, 304)

    def test_check_answers_alike_whether_kept_or_not_and_stores_nothing(self):
        srv = self.serve(users=[("reviewer", "reviewer", None), ("admin", "admin", None)])
        fresh = self.serve(db=srv.db, init=False, passwords=srv.passwords,
                           config=self.config_file("check.cache_bytes = 0\n"))  # checks every time
        audit_before = len(srv.request("GET", "/api/v1/audit", user="admin").json())

        def check(server, text, query="", content_type="text/plain; charset=utf-8"):
            return server.request("POST", "/api/v1/check" + query, text, user="reviewer", headers={"Content-Type": content_type})

        wrong = "第三条　区应急管理局的主要职责是：\n（一）负责全区应急管理工作,拟定应急预案。\n（二）完成区委、区政府交办的其它任务。\n"
        first = check(srv, wrong)
        self.assertEqual(first.status, 200, first.text)
        rules = {f["rule"] for f in first.json()["findings"]}
        self.assertIn("W01", rules)
        w01 = next(f for f in first.json()["findings"] if f["rule"] == "W01")
        self.assertEqual(wrong.encode()[w01["offset_utf8"]:w01["offset_utf8"] + w01["length_utf8"]].decode(), "其它")
        units = wrong.encode("utf-16-le")  # offsets into the text as a browser counts them
        self.assertEqual(units[2 * w01["offset_utf16"]:2 * (w01["offset_utf16"] + w01["length_utf16"])].decode("utf-16-le"), "其它")
        # Asked again, the same answer; and the same as a server that keeps no answers.
        self.assertEqual(check(srv, wrong).data, first.data)
        self.assertEqual(check(fresh, wrong).data, first.data)
        # One character changed is another text: 其它 → 其他 is no longer flagged.
        fixed = wrong.replace("其它", "其他")
        r = check(srv, fixed)
        self.assertNotIn("W01", {f["rule"] for f in r.json()["findings"]})
        self.assertEqual(r.data, check(fresh, fixed).data)
        # For a named body the answer is that body's (staffing against its quota), kept apart.
        staffing = "第五条　区应急管理局机关行政编制99名。设局长1名，副局长9名。\n"
        plain, for_body = check(srv, staffing), check(srv, staffing, "?body=emergency")
        self.assertEqual(for_body.status, 200, for_body.text)
        self.assertNotEqual(plain.data, for_body.data)
        self.assertEqual(for_body.data, check(fresh, staffing, "?body=emergency").data)
        self.assertEqual(check(srv, staffing).data, plain.data)
        # Bad input is refused though a good text with the same start was answered before.
        for server in (srv, fresh):
            self.assertRefused(check(server, wrong.encode() + b"\xff"), 400, "request.invalid_utf8")
            self.assertRefused(check(server, wrong, "?body=nonexistent"), 404, "body.not_found", "nonexistent")
            self.assertRefused(check(server, wrong, content_type="application/json"), 415, "request.content_type")
        # Many at once (more than the server checks at a time: the rest wait their turn), each
        # different text answered as when asked alone.
        texts = [wrong.replace("应急预案", f"第{i}号应急预案") + ("其它" * (i % 3)) for i in range(24)]
        alone = [check(fresh, t).data for t in texts]
        together = [None] * len(texts)

        def ask(i):
            together[i] = check(fresh, texts[i]).data
        threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(texts))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(together, alone)
        self.assertEqual(len(srv.request("GET", "/api/v1/audit", user="admin").json()), audit_before, "checking stores nothing")

    def test_logout_on_one_instance_ends_the_token_on_every_instance(self):
        srv = self.serve(users=[("drafter-a", "drafter", "emergency")])
        other = self.serve(db=srv.db, init=False, passwords=srv.passwords)
        r = srv.request("POST", "/api/v1/login", {"username": "drafter-a", "password": srv.passwords["drafter-a"]})
        token = r.json()["token"]
        self.assertEqual(other.request("GET", "/api/v1/me", token=token).status, 200)  # known to the other too
        self.assertEqual(srv.request("POST", "/api/v1/logout", token=token).status, 204)
        self.assertRefused(srv.request("GET", "/api/v1/me", token=token), 401, "auth.invalid_token")  # here at once
        # The other instance trusts a checked token for auth.token_cache_seconds (2 s) at most;
        # the loop is bounded by the test, not a timing assertion.
        deadline = time.time() + 30
        while other.request("GET", "/api/v1/me", token=token).status == 200 and time.time() < deadline:
            time.sleep(0.2)
        self.assertRefused(other.request("GET", "/api/v1/me", token=token), 401, "auth.invalid_token")

    def test_one_connection_serves_request_after_request_and_garbage_gets_400(self):
        srv = self.serve()

        def exchange(raw):
            with socket.create_connection(("127.0.0.1", srv.port), timeout=30) as s:
                s.sendall(raw)
                data = b""
                while chunk := s.recv(65536):  # the server closes: after Connection: close, or after a 400
                    data += chunk
                return data

        two = exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                       b"GET /api/v1/public-key HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertEqual(two.count(b"HTTP/1.1 200 OK\r\n"), 2, two[:300])
        self.assertIn(b'"status":"ok"', two)
        garbage = exchange(b"GET /" + b"x" * 20000 + b" HTTP/1.1\r\n\r\n")  # no request line is that long
        self.assertTrue(garbage.startswith(b"HTTP/1.1 400 Bad Request\r\n"), garbage[:200])
        odd = exchange(b"NOT HTTP AT-ALL\r\nConnection: close\r\n\r\n")
        self.assertTrue(odd.startswith(b"HTTP/1.1 404 Not Found\r\n"), odd[:200])
        refused = exchange(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertTrue(refused.startswith(b"HTTP/1.1 401 Unauthorized\r\n"), refused[:200])

    def test_healthz_names_the_database(self):
        srv = self.serve()
        r = srv.request("GET", "/healthz")
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json(), {"status": "ok", "database": self.kind})


class SQLiteServer(ServerTests, unittest.TestCase):
    kind = "sqlite"

    def new_db_url(self):
        self.databases = getattr(self, "databases", 0) + 1
        return "sqlite:" + os.path.join(self.tmp, f"db{self.databases}", "sanding.db")

    def db_exec(self, url, sql):
        """Runs SQL directly on the file, as someone with access to it; the error, or None."""
        con = sqlite3.connect(url[len("sqlite:"):], timeout=30)
        try:
            con.executescript(sql)
            return None
        except sqlite3.DatabaseError as e:
            return str(e)
        finally:
            con.close()

    def without_audit_guard(self, sql):
        return "DROP TRIGGER audit_immutable; " + sql


class PostgreSQLServer(ServerTests, unittest.TestCase):
    kind = "postgresql"

    @classmethod
    def setUpClass(cls):
        if _postgres is None:
            raise RuntimeError(f"PostgreSQL could not be started for this run: {_postgres_error!r}")

    def new_db_url(self):
        return _postgres.new_database()

    def db_exec(self, url, sql):
        r = _postgres.psql(url, sql)
        return None if r.returncode == 0 else (r.stderr or f"psql exit {r.returncode}")

    def without_audit_guard(self, sql):
        return "ALTER TABLE audit DISABLE TRIGGER audit_immutable; " + sql


if __name__ == "__main__":
    unittest.main()
