"""Screenshots of the extension in a real Writer window under Xvfb (full LibreOffice with the
zh-CN language pack, VCL 'gen' plugin): the wavy underline with the context menu's suggestion,
the 检查全文 findings list, and the 三定 menu with the toolbar's 离线 status. Written to $SANDING_SCREENSHOTS (docs/ holds the
copies shown in the README)."""
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest

import sys

import uno

from office import Display, Office, chinese_ui, prop, command_url

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../integration"))
from server_harness import Server  # noqa: E402

OUT = os.environ.get("SANDING_SCREENSHOTS", os.path.join(tempfile.gettempdir(), "sanding-screenshots"))
TEXT = ["清河市云溪区应急管理局职能配置、内设机构和人员编制规定", "（讨论稿）",
        "第三条　区应急管理局贯彻落实党中央、省委和市委关于应急管理工作的方针政策和决策部署，在履行职责过程中坚持和加强党对应急管理工作的集中统一领导。主要职责是：",
        "（一）负责全区应急管理工作,拟定应急预案并组织实施。",
        "（二）完成区委、区政府交办的其它任务。",
        "第四条　区应急管理局设下列内设机构：",
        "（一）办公室：负责机关日常运转。"]


def shot(name):
    path = os.path.join(OUT, name)
    subprocess.run(["import", "-window", "root", path], check=True, timeout=30)
    return path


def changed_pixels(a, b):
    """How many pixels differ between two screenshots (ImageMagick's compare)."""
    r = subprocess.run(["compare", "-metric", "AE", a, b, "null:"], capture_output=True, text=True, timeout=60)
    return int(float(r.stderr.split()[0]))


def shot_when_changed(name, since, pixels, seconds=60):
    """A screenshot once at least `pixels` differ from the screenshot `since` (a dialog has
    appeared), polling: a loaded machine may take long to open it. The last one if it never does."""
    deadline = time.time() + seconds
    while True:
        path = shot(name)
        if changed_pixels(path, since) > pixels or time.time() > deadline:
            return path
        time.sleep(0.5)


def key(*keys):
    subprocess.run(["xdotool", "key", "--delay", "120", *keys], check=True, timeout=30)


def click(x, y, button=1):
    """Without a window manager keyboard focus is unreliable; the mouse is not. The positions are
    those of this 1280×800 screen with the zh-CN UI and Noto CJK fonts."""
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", str(button)], check=True, timeout=30)


def raise_window(title):
    """Puts the office's window(s) with this title on top (no window manager does it here)."""
    subprocess.run(["xdotool", "search", "--name", title, "windowraise", "%@"], capture_output=True, timeout=30)
    time.sleep(0.3)


def press(x, y, done, title=None, key=None, tries=8):
    """Presses the button at x, y of a dialog the office opened until done() says it worked.
    Without a window manager nothing keeps a dialog above its document window, the first click
    only gives the dialog the focus, a click may come before the dialog takes events, and on CI
    the dialog was once seen drawn (and taking clicks) only in part; so the dialog (by its title)
    is raised and given the keyboard focus, and every other try uses the key that presses the same
    button (Escape for 关闭/取消, Return for the default button). A click after the dialog closed
    lands on the document and changes nothing. True when done."""
    for attempt in range(tries):
        if title:
            raise_window(title)
        if key and title and attempt % 2:
            subprocess.run(["xdotool", "search", "--name", title, "windowfocus", "%1"], capture_output=True, timeout=30)
            time.sleep(0.3)
            subprocess.run(["xdotool", "key", key], capture_output=True, timeout=30)
        else:
            click(x, y)
        deadline = time.time() + 1.5
        while time.time() < deadline:
            if done():
                return True
            time.sleep(0.25)
    return done()


def profile(profile_dir):
    """A Chinese UI and a remembered server that does not answer."""
    chinese_ui(profile_dir)
    # A server remembered from an earlier session that does not answer: the 三定 toolbar's status
    # item shows 离线 with the server and what failed (nothing listens on port 9 here).
    with open(os.path.join(profile_dir, "user", "sanding-settings.json"), "w", encoding="utf-8") as f:
        f.write('{"server":"http://127.0.0.1:9","user":"drafter-emergency"}')


class Screenshots(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(OUT, exist_ok=True)
        cls.display = Display(window_manager=False)  # the clicks below are at screen positions
        cls.server_dir = tempfile.mkdtemp(prefix="sanding-shots-")
        cls.server = Server(f"sqlite:{cls.server_dir}/s.db", cls.server_dir, users=[("drafter-emergency", "drafter", "emergency")])
        cls.office = Office(headless=False, before_start=profile)
        cls.doc = cls.office.new_document(TEXT, hidden=False)
        time.sleep(4)  # Writer's background proofreading
        cls.plain = shot("plain.png")  # the window before each interaction

    @classmethod
    def tearDownClass(cls):
        cls.office.close()
        cls.server.stop()
        shutil.rmtree(cls.server_dir, ignore_errors=True)
        cls.display.close()

    def dispatch(self, command, **args):
        """vnd.sanding:<command> on a thread of its own (a dialog it opens is modal)."""
        url = command_url(self.office, command)
        dispatch = self.doc.getCurrentController().getFrame().queryDispatch(url, "_self", 0)
        t = threading.Thread(target=lambda: dispatch.dispatch(url, tuple(prop(k, v) for k, v in args.items())), daemon=True)
        t.start()
        return t

    def select(self, paragraph, word):
        text = self.doc.getText()
        para = text.createEnumeration()
        p = None
        for _ in range(paragraph + 1):
            p = para.nextElement()
        cursor = text.createTextCursorByRange(p.getStart())
        at = p.getString().index(word)
        cursor.goRight(at, False)
        cursor.goRight(len(word), True)
        self.doc.getCurrentController().select(cursor)

    def test_1_underline_and_context_menu_suggestion(self):
        click(487, 298, 3)  # right-click the underlined 拟定
        time.sleep(1.5)
        path = shot("plugin-underline.png")
        click(1100, 700)
        # The context menu with the suggestion covers a few thousand pixels of the plain window.
        self.assertGreater(changed_pixels(path, self.plain), 5000)

    def test_2_findings_list(self):
        url = command_url(self.office, "CheckAll")
        dispatch = self.doc.getCurrentController().getFrame().queryDispatch(url, "_self", 0)
        t = threading.Thread(target=lambda: dispatch.dispatch(url, ()), daemon=True)
        t.start()  # the dialog is modal: the dispatch returns when it closes
        path = shot_when_changed("plugin-findings.png", self.plain, 50000)
        time.sleep(1)
        raise_window("检查全文")
        path = shot("plugin-findings.png")
        self.assertTrue(press(868, 458, lambda: not t.is_alive(), title="检查全文", key="Escape"), "关闭 closed the findings dialog")  # the dispatch returned
        self.assertGreater(changed_pixels(path, self.plain), 50000)  # a 360×220-unit dialog

    def test_3_new_draft_chooses_the_body_from_the_server(self):
        settings = self.dispatch("Settings", Server=f"http://127.0.0.1:{self.server.port}", User="drafter-emergency",
                                 Password=self.server.passwords["drafter-emergency"])
        box = shot_when_changed("settings-message.png", self.plain, 20000)  # “已连接服务器 …”
        time.sleep(1)
        raise_window("三定")
        box = shot("settings-message.png")
        self.assertTrue(press(639, 421, lambda: changed_pixels(box, shot("settings-closed.png")) > 10000, title="三定", key="Return"),
                        "确定 closed the message box")
        settings.join(30)
        before = len([c for c in self.office.desktop.getComponents()])
        closed = shot("settings-closed.png")
        new_draft = self.dispatch("NewDraft")
        path = shot_when_changed("plugin-new-draft.png", closed, 50000)  # the server's bodies, filtered to the drafter's own
        time.sleep(1)
        raise_window("新建草案")
        path = shot("plugin-new-draft.png")
        self.assertGreater(changed_pixels(path, self.plain), 50000)
        def draft_opened():
            return any(hasattr(c, "getText") and c.getText().getString().startswith("清河市云溪区应急管理局\n")
                       for c in self.office.desktop.getComponents())
        # 打开 (the draft may take a while to download and open once the dialog has closed)
        self.assertTrue(press(465, 346, lambda: changed_pixels(path, shot("after-open.png")) > 50000, title="新建草案", key="Return"),
                        "打开 closed the chooser")
        deadline = time.time() + 60
        while not draft_opened() and time.time() < deadline:
            time.sleep(0.5)
        self.assertTrue(draft_opened(), "the chosen body's draft opened in a new window")
        self.assertGreater(len([c for c in self.office.desktop.getComponents()]), before)
        time.sleep(2)
        click(639, 421)  # 确定 of “已打开 区应急管理局 的修订 1”, over the new window (cleanup)
        time.sleep(0.5)
        click(639, 421)
        new_draft.join(30)
        self.assertFalse(new_draft.is_alive(), "the command finished")

    def test_0_menu(self):
        click(600, 600)  # focus the document window first
        time.sleep(0.5)
        click(522, 9)  # 三定
        time.sleep(1.5)
        path = shot("plugin-menu.png")
        key("Escape")
        self.assertGreater(changed_pixels(path, self.plain), 3000)  # the dropped 三定 menu


if __name__ == "__main__":
    unittest.main()
