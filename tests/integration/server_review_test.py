"""The review loop as its users read it through the API: the reviewers' queue, a return with
remarks tied to places in the draft, and each body's revision history with who did what and
when in 北京时间 — on a real `sanding serve` over a real SQLite file (and an old database file
migrated)."""
import datetime
import os
import shutil
import sqlite3
import tempfile
import time
import unittest

from server_harness import Server

BODIES = ["natural-resources", "emergency"]
USERS = [("reviewer", "reviewer", None, "审核组张三"), ("office", "office", None, "协调办李四"), ("admin", "admin", None)]
for _b in BODIES:
    USERS += [(f"drafter-{_b}", "drafter", _b, f"{_b}起草人"), (f"head-{_b}", "head", _b, f"{_b}负责人")]


class ReviewLoopTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sanding-review-test-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def serve(self, db=None, init=True, config=None):
        workdir = tempfile.mkdtemp(dir=self.tmp)
        db = db or "sqlite:" + os.path.join(workdir, "sanding.db")
        srv = Server(db, workdir, users=USERS if init else (), init=init, config=config)
        self.addCleanup(srv.stop)
        return srv

    def ok(self, r, status=200):
        self.assertEqual(r.status, status, r.text)
        return r.json()

    def draft_and_submit(self, srv, body):
        self.ok(srv.request("POST", f"/api/v1/bodies/{body}/drafts", user=f"drafter-{body}"), 201)
        self.ok(srv.request("POST", f"/api/v1/bodies/{body}/submit", {}, user=f"drafter-{body}"))

    def test_queue_lists_waiting_drafts_longest_waiting_first_with_names_and_local_times(self):
        srv = self.serve()
        self.assertEqual(self.ok(srv.request("GET", "/api/v1/queue", user="reviewer")), [])
        self.draft_and_submit(srv, "emergency")
        time.sleep(1.1)  # a second apart, so the waiting times differ
        self.draft_and_submit(srv, "natural-resources")
        queue = self.ok(srv.request("GET", "/api/v1/queue", user="reviewer"))
        self.assertEqual([q["body"] for q in queue], ["emergency", "natural-resources"])
        first = queue[0]
        self.assertEqual(first["name"], "区应急管理局")
        self.assertEqual((first["revision"], first["submitted_by"], first["submitted_by_name"]), (1, "drafter-emergency", "emergency起草人"))
        self.assertGreaterEqual(first["waiting_seconds"], queue[1]["waiting_seconds"])
        self.assertIsInstance(first["errors"], int)
        self.assertIsInstance(first["warnings"], int)
        # 北京时间 is UTC+8: the local text is the UTC time eight hours on.
        utc = datetime.datetime.strptime(first["submitted_at"], "%Y-%m-%dT%H:%M:%SZ")
        local = (utc + datetime.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
        self.assertEqual(first["submitted_at_local"], local)
        # Approving one takes it off the queue; the office sees the queue too; drafters may not.
        self.ok(srv.request("POST", "/api/v1/bodies/emergency/approve", {}, user="reviewer"))
        self.assertEqual([q["body"] for q in self.ok(srv.request("GET", "/api/v1/queue", user="office"))], ["natural-resources"])
        r = srv.request("GET", "/api/v1/queue", user="drafter-emergency")
        self.assertEqual(r.status, 403, r.text)
        self.assertIn("待审核", r.json()["error"]["message"])

    def test_return_with_remarks_is_shown_in_the_history_of_each_revision(self):
        srv = self.serve()
        body = "natural-resources"
        self.draft_and_submit(srv, body)
        remarks = [{"article": "第三条", "quote": "负责全区自然资源调查监测评价", "text": "与区统计局职责交叉，请写明分工"},
                   {"article": "第五条", "quote": "机关行政编制", "text": "编制数与框架不符"}]
        r = srv.request("POST", f"/api/v1/bodies/{body}/return", {"comment": "请按意见修改", "comments": remarks}, user="reviewer")
        self.assertEqual(self.ok(r)["state_label"], "已退回")
        history = self.ok(srv.request("GET", f"/api/v1/bodies/{body}/revisions", user=f"drafter-{body}"))
        self.assertEqual(len(history), 1)
        rev = history[0]
        self.assertEqual((rev["status"], rev["status_label"]), ("returned", "已退回"))
        self.assertEqual((rev["author"], rev["author_name"]), (f"drafter-{body}", f"{body}起草人"))
        self.assertRegex(rev["created_at_local"], r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
        [review] = rev["reviews"]
        self.assertEqual((review["verdict_label"], review["reviewer_name"], review["comment"]), ("退回", "审核组张三", "请按意见修改"))
        self.assertEqual(review["comments"], remarks)
        # The body page carries the same review, and the history goes on with the next revision.
        self.assertEqual(self.ok(srv.request("GET", f"/api/v1/bodies/{body}", user=f"drafter-{body}"))["reviews"][0]["comments"], remarks)
        odt = srv.request("GET", f"/api/v1/bodies/{body}/revisions/1", user=f"drafter-{body}").data
        self.ok(srv.upload(f"drafter-{body}", body, odt, "按意见修改"), 201)
        self.ok(srv.request("POST", f"/api/v1/bodies/{body}/submit", {}, user=f"drafter-{body}"))
        statuses = [(h["number"], h["status_label"]) for h in self.ok(srv.request("GET", f"/api/v1/bodies/{body}/revisions", user="reviewer"))]
        self.assertEqual(statuses, [(1, "已退回"), (2, "已提交")])
        self.ok(srv.request("POST", f"/api/v1/bodies/{body}/approve", {"comment": "同意"}, user="reviewer"))
        pw = srv.passwords[f"head-{body}"]
        self.ok(srv.request("POST", f"/api/v1/bodies/{body}/signoff", {"revision": 2, "password": pw}, user=f"head-{body}"), 201)
        history = self.ok(srv.request("GET", f"/api/v1/bodies/{body}/revisions", user="office"))
        self.assertEqual([(h["number"], h["status_label"]) for h in history], [(1, "已退回"), (2, "已签发")])
        self.assertEqual(history[1]["signoff"]["signer_name"], f"{body}负责人")

    def test_a_return_without_any_remark_or_with_bad_remarks_changes_nothing(self):
        srv = self.serve()
        body = "emergency"
        self.draft_and_submit(srv, body)
        bad = [({}, "退回时须写明意见"),
               ({"comment": "  ", "comments": []}, "退回时须写明意见"),
               ({"comments": [{"article": "第三条", "quote": "x"}]}, "第 1 条意见"),
               ({"comments": [{"text": "x", "page": 3}]}, "page"),
               ({"comments": "请修改"}, "comments"),
               ({"comments": [{"text": 5}]}, "text")]
        for payload, named in bad:
            r = srv.request("POST", f"/api/v1/bodies/{body}/return", payload, user="reviewer")
            self.assertEqual(r.status, 400, (payload, r.text))
            self.assertIn(named, r.json()["error"]["message"])
        b = self.ok(srv.request("GET", f"/api/v1/bodies/{body}", user="reviewer"))
        self.assertEqual((b["state"], b["reviews"]), ("submitted", []))

    def test_messages_name_roles_and_actions_in_chinese(self):
        srv = self.serve()
        self.draft_and_submit(srv, "emergency")
        r = srv.request("POST", "/api/v1/bodies/emergency/approve", {}, user="drafter-emergency")
        self.assertEqual(r.status, 403, r.text)
        message = r.json()["error"]["message"]
        self.assertIn("起草人", message)
        self.assertIn("审核通过", message)
        r = srv.request("POST", "/api/v1/bodies/emergency/submit", {}, user="drafter-emergency")
        self.assertEqual(r.status, 409, r.text)
        message = r.json()["error"]["message"]
        self.assertIn("已提交", message)
        for internal in ("drafter", "approve", "submitted", "submit", "reviewer"):
            self.assertNotIn(internal, message)
        me = self.ok(srv.request("GET", "/api/v1/me", user="reviewer"))
        self.assertEqual((me["role_label"], me["time_zone"], me["time_zone_label"]), ("审核组", "Asia/Shanghai", "北京时间"))

    def test_time_zone_is_a_config_key_and_a_bad_one_is_refused(self):
        conf = os.path.join(self.tmp, "utc.conf")
        with open(conf, "w") as f:
            f.write("display.time_zone = UTC\n")
        srv = self.serve(config=conf)
        self.draft_and_submit(srv, "emergency")
        [q] = self.ok(srv.request("GET", "/api/v1/queue", user="reviewer"))
        self.assertEqual(q["submitted_at_local"], q["submitted_at"][:10] + " " + q["submitted_at"][11:16])
        with open(conf, "w") as f:
            f.write("display.time_zone = Mars/Olympus\n")
        srv.stop()
        with self.assertRaises(RuntimeError) as e:
            srv.start(config=conf)
        self.assertIn("display.time_zone", str(e.exception))

    def test_a_database_of_the_first_schema_is_migrated_and_keeps_its_reviews(self):
        srv = self.serve()
        self.draft_and_submit(srv, "emergency")
        self.ok(srv.request("POST", "/api/v1/bodies/emergency/return", {"comment": "旧意见"}, user="reviewer"))
        srv.stop()
        path = srv.db[len("sqlite:"):]
        con = sqlite3.connect(path)
        con.executescript("ALTER TABLE reviews DROP COLUMN comments; UPDATE meta SET value = '1' WHERE key = 'schema_version';")
        con.close()
        srv.start()
        [review] = self.ok(srv.request("GET", "/api/v1/bodies/emergency", user="reviewer"))["reviews"]
        self.assertEqual((review["comment"], review["comments"]), ("旧意见", []))
        con = sqlite3.connect(path)
        self.assertEqual(con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0], "2")
        con.close()


if __name__ == "__main__":
    unittest.main()
