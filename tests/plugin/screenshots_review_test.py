"""Screenshots of the review loop in real Writer windows under Xvfb with a window manager
(openbox): the reviewer's 待审核 list, the returned draft with the reviewer's comments (批注) in
the margin, and 修订记录 with the remarks. Written to $SANDING_SCREENSHOTS (docs/ holds the copies
shown in the README). Keys go to the focused window (the window manager gives new dialogs the
focus), so nothing depends on where a dialog lands on the screen."""
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import uno

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../integration"))
from commands_test import SUCCESS, Listener  # noqa: E402
from office import Display, ServerAndOffice, add_annotation, chinese_ui, prop, command_url  # noqa: E402
from screenshots_test import OUT, shot  # noqa: E402


def windows(title, pattern=None):
    """The shown X windows whose title is exactly `title` (or matches the regex `pattern`); VCL
    keeps closed ones, unmapped."""
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", pattern or f"^{title}$"], capture_output=True, text=True, timeout=30)
    return r.stdout.split()


def wait_for_window(title, seconds=60, pattern=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = windows(title, pattern)
        if found:
            time.sleep(1)  # drawn
            return found[-1]
        time.sleep(0.3)
    return None


def press_in(window, key):
    subprocess.run(["xdotool", "windowactivate", "--sync", window], capture_output=True, timeout=30)
    time.sleep(0.3)
    subprocess.run(["xdotool", "key", "--window", window, key], capture_output=True, timeout=30)
    subprocess.run(["xdotool", "key", key], capture_output=True, timeout=30)


class ReviewScreenshots(ServerAndOffice, unittest.TestCase):
    USERS = [("drafter-emergency", "drafter", "emergency", "王起草"), ("reviewer", "reviewer", None, "赵审核"),
             ("head-emergency", "head", "emergency", "李局长")]

    @classmethod
    def setUpClass(cls):
        os.makedirs(OUT, exist_ok=True)
        cls.display = Display()
        cls.start_server_and_office(display=cls.display, before_start=chinese_ui)
        # The drafter's draft, submitted (through the API: the loop in Writer is plugin.loop's).
        assert cls.server.request("POST", "/api/v1/bodies/emergency/drafts", {}, user="drafter-emergency").status in (200, 201)
        assert cls.server.request("POST", "/api/v1/bodies/emergency/submit", {}, user="drafter-emergency").status == 200
        time.sleep(3)

    @classmethod
    def tearDownClass(cls):
        cls.stop_server_and_office()
        cls.display.close()

    def dispatch(self, doc, command, **args):
        """vnd.sanding:<command> on a thread of its own (dialogs it opens are modal); its listener."""
        url = command_url(self.office, command)
        dispatch = doc.getCurrentController().getFrame().queryDispatch(url, "_self", 0)
        listener = Listener()
        threading.Thread(target=lambda: dispatch.dispatchWithNotification(url, tuple(prop(k, v) for k, v in args.items()), listener),
                         daemon=True).start()
        return listener

    def close_box(self):
        """Closes the 三定 message box a command showed (确定)."""
        box = wait_for_window("三定")
        self.assertIsNotNone(box, "a message box titled 三定 (in Chinese, not mojibake)")
        for _ in range(5):
            press_in(box, "Return")
            time.sleep(0.7)
            if box not in windows("三定"):
                return
        shot("box-not-closed.png")
        self.fail(f"the message box did not close: {windows('三定')} {box}")

    def as_user(self, user):
        l = self.dispatch(self.blank, "Settings", Server=f"http://127.0.0.1:{self.server.port}", User=user,
                          Password=self.server.passwords[user])
        self.assertTrue(l.done.wait(90))
        self.assertEqual(l.state, SUCCESS, l.result)
        self.close_box()

    def titled(self, title):
        return [c for c in self.office.desktop.getComponents() if hasattr(c, "getTitle") and c.getTitle().startswith(title)]

    def test_options_page(self):
        """工具 ▸ 选项 ▸ 三定 ▸ 设置 in the real options dialog, with the remembered server and user."""
        self.as_user("drafter-emergency")
        provider = self.office.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.office.ctx)
        leaf = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", (
            prop("nodepath", "/org.openoffice.Office.OptionsDialog/Nodes/org.sanding.options/Leaves/org.sanding.options.page"),))
        helper = self.office.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.office.ctx)
        frame = self.blank.getCurrentController().getFrame()
        t = threading.Thread(target=lambda: helper.executeDispatch(frame, ".uno:OptionsTreeDialog", "", 0,
                                                                   (prop("OptionsPageURL", leaf.getByName("OptionsPage")),)), daemon=True)
        t.start()
        dialog = wait_for_window(None, pattern="^选项 - ")
        shot("plugin-options.png")
        self.assertIsNotNone(dialog, "the options dialog opened")
        title = subprocess.run(["xdotool", "getwindowname", dialog], capture_output=True, text=True, timeout=30).stdout.strip()
        self.assertIn("三定", title, "at the 三定 page")
        time.sleep(1)
        shot("plugin-options.png")
        for _ in range(5):
            press_in(dialog, "Escape")
            t.join(2)
            if not t.is_alive():
                break
        self.assertFalse(t.is_alive(), "取消 closed the options dialog")

    def test_review_loop_screens(self):
        # 待审核: the list of drafts waiting, then the chosen one opens with the server's findings.
        self.as_user("reviewer")
        queue = self.dispatch(self.blank, "Queue")
        chooser = wait_for_window("待审核")
        self.assertIsNotNone(chooser, "the 待审核 list")
        shot("plugin-queue.png")
        press_in(chooser, "Return")  # 打开
        self.assertTrue(queue.done.wait(90))
        self.assertEqual(queue.state, SUCCESS, queue.result)
        self.close_box()  # the server's findings, over the opened window
        reviewed = self.titled("区应急管理局-修订1")
        self.assertTrue(reviewed)
        doc = reviewed[-1]
        for article, remark in (("第二条", "名称请与标题一致。"), ("第三条", "职责表述请按范本。")):
            self.assertIsNotNone(add_annotation(doc, article, remark))
        returned = self.dispatch(doc, "Return", Comment="请按批注修改。")
        self.assertTrue(returned.done.wait(90))
        self.assertEqual(returned.state, SUCCESS, returned.result)
        self.close_box()

        # The drafter opens the returned revision: the remarks are comments at their words.
        self.as_user("drafter-emergency")
        opened = self.dispatch(self.blank, "NewDraft")
        self.assertTrue(opened.done.wait(90))
        self.assertEqual(opened.state, SUCCESS, opened.result)
        self.assertEqual(opened.result["comments"], 3)
        time.sleep(4)
        self.assertEqual(windows("三定"), [], "no box: the opened window says it")
        shot("plugin-returned-comments.png")

        # 修订记录 with the review and its remarks, from the returned draft's window (in front).
        history = self.dispatch(self.office.desktop.getCurrentComponent(), "Revisions", List="1")
        self.assertTrue(history.done.wait(90))
        self.assertIn("“", history.result["message"])
        box = wait_for_window("三定")
        self.assertIsNotNone(box)
        subprocess.run(["xdotool", "windowactivate", "--sync", box], capture_output=True, timeout=30)
        time.sleep(1)
        shot("plugin-revisions.png")
        self.close_box()

        # The drafter submits again (one open error left: 其它), the reviewer approves.
        draft = self.office.desktop.getCurrentComponent()
        draft.getText().getEnd().setString("完成区委、区政府交办的其它任务。")
        submitted = self.dispatch(draft, "Submit", Comment="按意见修改", SubmitWithErrors="1")
        self.assertTrue(submitted.done.wait(90))
        self.assertEqual(submitted.state, SUCCESS, submitted.result)
        self.close_box()
        n = submitted.result["revision"]["number"]
        self.assertEqual(self.server.request("POST", "/api/v1/bodies/emergency/approve", {}, user="reviewer").status, 200)

        # Head: 签发 checks the document first (the open error is asked about before anything
        # else), then asks for the password once, then signs.
        self.as_user("head-emergency")
        opened = self.dispatch(self.blank, "Revisions", Open=str(n))
        self.assertTrue(opened.done.wait(90))
        self.assertEqual(opened.state, SUCCESS, opened.result)
        time.sleep(2)
        approved = self.office.desktop.getCurrentComponent()
        self.assertTrue(approved.getTitle().startswith(f"区应急管理局-修订{n}"), approved.getTitle())
        sign = self.dispatch(approved, "SignOff")
        question = wait_for_window("三定")
        self.assertIsNotNone(question, "the check's question comes first")
        self.assertEqual(windows("签发：请输入密码"), [], "before the password")
        shot("plugin-signoff-check.png")
        press_in(question, "alt+y")  # 是(Y): sign anyway (否 is the default)
        password = wait_for_window("签发：请输入密码")
        self.assertIsNotNone(password, "then the password, once")
        subprocess.run(["xdotool", "windowactivate", "--sync", password], capture_output=True, timeout=30)
        subprocess.run(["xdotool", "type", "--delay", "50", self.server.passwords["head-emergency"]], check=True, timeout=60)
        subprocess.run(["xdotool", "key", "Return"], check=True, timeout=30)
        self.assertTrue(sign.done.wait(90))
        self.assertEqual(sign.state, SUCCESS, sign.result)
        self.close_box()
        self.assertEqual(self.server.request("GET", "/api/v1/bodies/emergency", user="reviewer").json()["state"], "signed")


if __name__ == "__main__":
    unittest.main()
