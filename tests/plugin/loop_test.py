"""The whole review loop inside Writer, by UNO dispatch of the 三定 menu's commands in a real
headless LibreOffice with the real .oxt against a real `sanding serve`: the drafter submits
(提交审核), the reviewer finds the draft in 待审核, returns it with two Writer comments (批注),
the drafter opens the returned revision and finds the comments at their places, fixes and submits
again, the reviewer approves, and the head signs after an office restart with one password; the
board then says signed."""
import os
import sys
import threading
import unittest

import uno

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../integration"))
from commands_test import FAILURE, SUCCESS, Listener, StatusWatcher  # noqa: E402
from office import ServerAndOffice, add_annotation, prop, command_url  # noqa: E402


class ReviewLoop(ServerAndOffice, unittest.TestCase):
    USERS = [("drafter-emergency", "drafter", "emergency", "王起草"), ("head-emergency", "head", "emergency", "李局长"),
             ("reviewer", "reviewer", None, "赵审核"), ("office", "office", None, "协调办")]

    def run_command(self, doc, command, **args):
        url = command_url(self.office, command)
        dispatch = doc.getCurrentController().getFrame().queryDispatch(url, "_self", 0)
        listener = Listener()
        dispatch.dispatchWithNotification(url, tuple(prop(k, v) for k, v in args.items()), listener)
        self.assertTrue(listener.done.wait(120), f"{command} did not finish")
        return listener.state, listener.result

    def as_user(self, user, doc=None):
        state, r = self.run_command(doc or self.blank, "Settings", Server=f"http://127.0.0.1:{self.server.port}", User=user,
                                    Password=self.server.passwords[user])
        self.assertEqual(state, SUCCESS, r)

    def window_titled(self, title):
        for comp in self.office.desktop.getComponents():
            if hasattr(comp, "getTitle") and comp.getTitle().startswith(title) and hasattr(comp, "getText"):
                return comp
        self.fail(f"no window titled {title}: {[c.getTitle() for c in self.office.desktop.getComponents() if hasattr(c, 'getTitle')]}")

    def add_comment(self, doc, article, text):
        quoted = add_annotation(doc, article, text, author="赵审核")
        self.assertIsNotNone(quoted, f"no paragraph starting {article}")
        return quoted

    def comments(self, doc):
        out = []
        e = doc.getTextFields().createEnumeration()
        while e.hasMoreElements():
            f = e.nextElement()
            if f.supportsService("com.sun.star.text.textfield.Annotation"):
                anchor = f.getAnchor()
                cursor = anchor.getText().createTextCursorByRange(anchor.getStart())
                cursor.gotoStartOfParagraph(False)
                cursor.gotoEndOfParagraph(True)
                out.append((anchor.getString(), f.Content, f.Author, cursor.getString()))
        return out

    def test_the_loop(self):
        server = self.server
        # Drafter: the draft from the model text, submitted with one command. Its open errors are
        # named and asked about first; headless, nobody says yes: saved, not submitted.
        self.as_user("drafter-emergency")
        state, r = self.run_command(self.blank, "NewDraft")
        self.assertEqual(state, SUCCESS, r)
        draft = self.window_titled("区应急管理局-修订1")
        state, r = self.run_command(draft, "Submit", Comment="初稿")
        if r["revision"]["errors"]:
            self.assertEqual(state, FAILURE, r)
            self.assertIn("未提交审核", r["message"])
            self.assertIn("[错误]", r["message"])
            self.assertEqual(server.request("GET", "/api/v1/bodies/emergency", user="drafter-emergency").json()["state"], "drafting")
            state, r = self.run_command(draft, "Submit", Comment="初稿", SubmitWithErrors="1")
        self.assertEqual(state, SUCCESS, r)
        self.assertTrue(r["submitted"])
        self.assertEqual(r["state_label"], "已提交")
        first = r["revision"]["number"]
        # The status item says which draft, in which state, at which revision.
        url = command_url(self.office, "Status")
        status = draft.getCurrentController().getFrame().queryDispatch(url, "_self", 0)
        watcher = StatusWatcher()
        status.addStatusListener(watcher, url)
        try:
            self.assertIn(f"区应急管理局 · 已提交 · 修订 {first}", watcher.wait_for([f"修订 {first}"], 30))
        finally:
            status.removeStatusListener(watcher, url)

        # Reviewer: the queue names the body in Chinese, the revision and who submitted it.
        self.as_user("reviewer")
        state, r = self.run_command(self.blank, "Queue")
        self.assertEqual(state, SUCCESS, r)
        mine = [q for q in r["queue"] if q["body"] == "emergency"]
        self.assertEqual(len(mine), 1, r["queue"])
        self.assertEqual((mine[0]["name"], mine[0]["revision"]), ("区应急管理局", first))
        self.assertIn("王起草 提交", mine[0]["line"])
        state, r = self.run_command(self.blank, "Queue", Open="emergency")
        self.assertEqual(state, SUCCESS, r)
        self.assertIn("服务器检查", r["message"])
        reviewed = self.window_titled(f"区应急管理局-修订{first}")
        # Two Writer comments in two articles, and an overall comment: all go back with 退回.
        q2 = self.add_comment(reviewed, "第二条", "名称请与标题一致。")
        q3 = self.add_comment(reviewed, "第三条", "职责表述请按范本。")
        state, r = self.run_command(reviewed, "Return", Comment="请按批注修改。")
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(r["comments"], 2)
        self.assertEqual(r["state_label"], "已退回")
        history = server.request("GET", "/api/v1/bodies/emergency/revisions", user="reviewer").json()
        review = [x for x in history if x["number"] == first][0]["reviews"][-1]
        self.assertEqual(review["verdict"], "returned")
        self.assertEqual(sorted((c["article"], c["quote"]) for c in review["comments"]), [("第三条", q3), ("第二条", q2)])

        # Drafter: the returned revision opens with the remarks as comments at their words.
        self.as_user("drafter-emergency")
        state, r = self.run_command(self.blank, "NewDraft")
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(r["comments"], 3)
        returned = [c for c in self.office.desktop.getComponents()
                    if hasattr(c, "getTitle") and c.getTitle().startswith(f"区应急管理局-修订{first}") and c.RuntimeUID != reviewed.RuntimeUID and self.comments(c)]
        placed = {quote: (text, author, paragraph) for quote, text, author, paragraph in self.comments(returned[-1])}
        self.assertEqual(placed[q2][:2], ("名称请与标题一致。", "赵审核"))
        self.assertTrue(placed[q2][2].startswith("第二条"), "at the words in 第二条, not where they first occur (the title)")
        self.assertEqual(placed[q3][:2], ("职责表述请按范本。", "赵审核"))
        self.assertTrue(placed[q3][2].startswith("第三条"))
        self.assertIn("退回意见：请按批注修改。", [t for t, _, _ in placed.values()], self.comments(returned[-1]))
        doc = returned[-1]
        doc.getText().getEnd().setString("（已按意见修改）")
        state, r = self.run_command(doc, "Submit", Comment="按意见修改", SubmitWithErrors="1")
        self.assertEqual(state, SUCCESS, r)
        second = r["revision"]["number"]
        self.assertGreater(second, first)

        # Reviewer: approves the body's new revision.
        self.as_user("reviewer")
        state, r = self.run_command(self.blank, "Approve", Body="emergency")
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(r["state_label"], "已审核通过")
        # 修订记录 for a reviewer (no body of their own): state, names, local time, remarks.
        state, r = self.run_command(self.blank, "Revisions", Body="emergency")
        self.assertEqual(state, SUCCESS, r)
        for words in ("北京时间", "王起草", "赵审核", "退回", f"“{q2}”：名称请与标题一致。", "审核通过"):
            self.assertIn(words, r["message"])
        self.assertNotIn("returned", r["message"])

        # Head: after an office restart (no password in this session), one password signs.
        self.as_user("head-emergency")
        self.office.stop_office()
        self.office.start()
        approved = server.request("GET", f"/api/v1/bodies/emergency/revisions/{second}", user="head-emergency").data
        path = os.path.join(self.dir, "approved.odt")
        with open(path, "wb") as f:
            f.write(approved)
        head_doc = self.office.desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
        state, r = self.run_command(head_doc, "SignOff", Password=server.passwords["head-emergency"], SignWithErrors="1")
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(r["signoff"]["revision"], second)
        board = server.request("GET", "/api/v1/board", user="office").json()
        rows = board["bodies"] if isinstance(board, dict) else board
        row = [b for b in rows if (b.get("id") or b.get("body")) == "emergency"][0]
        self.assertEqual(row["state"], "signed")


if __name__ == "__main__":
    unittest.main()
