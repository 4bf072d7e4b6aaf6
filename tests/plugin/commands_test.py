"""The 三定 menu's commands in real LibreOffice against a real `sanding serve`: each command
dispatched by its URL as the menu does, its outcome read from the dispatch-result listener."""
import hashlib
import json
import os
import sys
import threading
import time
import unittest

import uno
import unohelper
from com.sun.star.frame import XDispatchResultListener, XStatusListener

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../integration"))
from office import ServerAndOffice, prop, command_url  # noqa: E402

SUCCESS, FAILURE = 1, 0  # com.sun.star.frame.DispatchResultState


class Listener(unohelper.Base, XDispatchResultListener):
    def __init__(self):
        self.done = threading.Event()
        self.state, self.result = None, None

    def dispatchFinished(self, event):
        self.state, self.result = event.State, json.loads(event.Result)
        self.done.set()

    def disposing(self, source):
        pass


class StatusWatcher(unohelper.Base, XStatusListener):
    """What the 三定 toolbar's status item shows: the texts it was sent, in order."""
    def __init__(self):
        self.texts = []
        self.changed = threading.Condition()

    def statusChanged(self, event):
        with self.changed:
            self.texts.append(event.State)
            self.changed.notify_all()

    def wait_for(self, words, seconds=60):
        """The newest text once it holds every one of words (within seconds; then whatever it is).
        A word may be a tuple of alternatives: the UI is Chinese or English, as the office's is."""
        def has(text, w):
            return any(x in text for x in w) if isinstance(w, tuple) else w in text
        with self.changed:
            self.changed.wait_for(lambda: self.texts and all(has(self.texts[-1], w) for w in words), seconds)
            return self.texts[-1] if self.texts else None

    def disposing(self, source):
        pass


class MenuCommands(ServerAndOffice, unittest.TestCase):
    USERS = [("drafter-emergency", "drafter", "emergency"), ("head-emergency", "head", "emergency"), ("reviewer", "reviewer", None)]

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.port}"  # the server may have been restarted on another port

    def run_command(self, doc, command, **args):
        """Dispatches vnd.sanding:<command> in the document's frame; the outcome, within 90 s."""
        url = command_url(self.office, command)
        frame = doc.getCurrentController().getFrame()
        dispatch = frame.queryDispatch(url, "_self", 0)
        self.assertIsNotNone(dispatch, "the 三定 protocol handler answers vnd.sanding: URLs")
        listener = Listener()
        dispatch.dispatchWithNotification(url, tuple(prop(k, v) for k, v in args.items()), listener)
        self.assertTrue(listener.done.wait(90), f"{command} did not finish")
        return listener.state, listener.result

    def settings(self, user):
        state, r = self.run_command(self.blank, "Settings", Server=self.url, User=user, Password=self.server.passwords[user])
        self.assertEqual(state, SUCCESS, r)
        return r

    def open_draft(self):
        self.settings("drafter-emergency")
        state, r = self.run_command(self.blank, "NewDraft")
        self.assertEqual(state, SUCCESS, r)
        for comp in self.office.desktop.getComponents():
            if hasattr(comp, "getText") and "清河市云溪区应急管理局" in comp.getText().getString():
                return comp, r
        self.fail("the new draft did not open")

    def test_00_without_settings_it_says_what_is_missing(self):
        # Before any 设置: no blank user and server in the message ("尚未输入  在服务器  的密码").
        state, r = self.run_command(self.blank, "Revisions")
        self.assertEqual(state, FAILURE, r)
        self.assertIn("尚未设置服务器地址", r["message"])
        self.assertNotIn("  ", r["message"])

    def test_01_server_address_without_scheme(self):
        state, r = self.run_command(self.blank, "Settings", Server=f"127.0.0.1:{self.server.port}", User="drafter-emergency",
                                    Password=self.server.passwords["drafter-emergency"])
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(r["server"], self.url)
        # What cannot be meant as an http server says what is wrong, and changes nothing.
        for bad, words in (("ftp://127.0.0.1:21", "应以 http:// 开头"), ("http://", "缺少主机名"), ("   ", "服务器地址为空")):
            state, r = self.run_command(self.blank, "Settings", Server=bad, User="drafter-emergency", Password="x")
            self.assertEqual(state, FAILURE, r)
            self.assertIn(words, r["message"])
            self.assertNotIn("Host not found", r["message"])
        with open(f"{self.office.dir}/profile/user/sanding-settings.json", encoding="utf-8") as f:
            self.assertEqual(json.loads(f.read())["server"], self.url)

    def test_02_menu_toolbar_and_licence(self):
        """The menu has a mnemonic and 应用安全修正; the toolbar is named 三定 and docked; the
        licence has a Chinese text."""
        provider = self.office.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.office.ctx)

        def node(path):
            return provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", (prop("nodepath", path),))
        menu = node("/org.openoffice.Office.Addons/AddonUI/OfficeMenuBar/org.sanding.menu")
        self.assertIn("~", menu.getByName("Title"))
        sub = menu.getByName("Submenu")
        urls = [sub.getByName(n).getByName("URL") for n in sub.getElementNames()]
        for command in ("ApplyFixes", "SaveRevision", "Submit", "Queue", "Return", "Approve", "SignOff", "Revisions"):
            self.assertIn(f"vnd.sanding:{command}", urls)
        states = node("/org.openoffice.Office.UI.WriterWindowState/UIElements/States")
        bar = states.getByName("private:resource/toolbar/addon_org.sanding.toolbar")
        self.assertIn(bar.getByName("UIName"), ("三定", "Sanding"))
        self.assertTrue(bar.getByName("Docked"))
        import zipfile
        from office import OXT
        with zipfile.ZipFile(OXT) as z:
            description = z.read("description.xml").decode()
            self.assertIn('lang="zh-CN"', description[description.index("<registration>"):])
            self.assertIn("自由软件", z.read("registration/license_zh-CN.txt").decode())

    def test_02b_options_page(self):
        """工具 ▸ 选项 ▸ 三定: the page is registered for the extension (so its 选项 button works),
        shows server and user, and switching a rule category off stops its underlines."""
        self.settings("drafter-emergency")
        provider = self.office.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.office.ctx)
        leaves = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                                      (prop("nodepath", "/org.openoffice.Office.OptionsDialog/Nodes/org.sanding.options/Leaves"),))
        leaf = leaves.getByName("org.sanding.options.page")
        self.assertEqual(leaf.getByName("Id"), "org.sanding.writer")
        self.assertEqual(leaf.getByName("EventHandlerService"), "org.sanding.OptionsHandler")
        page_url = leaf.getByName("OptionsPage")
        self.assertTrue(page_url.endswith("/dialogs/options.xdl"), page_url)
        # The page as the options dialog makes it: its window from the .xdl, then the handler's events.
        handler = self.office.smgr.createInstanceWithContext("org.sanding.OptionsHandler", self.office.ctx)
        provider = self.office.smgr.createInstanceWithContext("com.sun.star.awt.ContainerWindowProvider", self.office.ctx)
        parent = self.blank.getCurrentController().getFrame().getContainerWindow()
        page = provider.createContainerWindow(page_url, "", parent, handler)
        self.assertTrue(handler.callHandlerMethod(page, "initialize", "external_event"))
        self.assertEqual(page.getControl("Server").getText(), self.url)
        self.assertEqual(page.getControl("User").getText(), "drafter-emergency")

        def underlined(text):
            doc = self.office.new_document([text])
            it = self.office.smgr.createInstanceWithContext("com.sun.star.linguistic2.ProofreadingIterator", self.office.ctx)
            para = doc.getFlatParagraphIterator(2, True).getFirstPara()
            zh = uno.createUnoStruct("com.sun.star.lang.Locale")
            zh.Language, zh.Country = "zh", "CN"
            rules = [e.aRuleIdentifier for e in it.checkSentenceAtPosition(doc, para, para.getText(), zh, 0, 0, -1).aErrors]
            doc.close(True)
            return rules
        text = "负责全区应急管理工作,拟定应急预案。"
        self.assertIn("P01", underlined(text))
        page.getControl("cat_punctuation").setState(1)
        self.assertTrue(handler.callHandlerMethod(page, "ok", "external_event"))
        try:
            rules = underlined(text)
            self.assertNotIn("P01", rules, "punctuation switched off")
            self.assertIn("D06", rules, "the other categories still checked")
            with open(f"{self.office.dir}/profile/user/sanding-settings.json", encoding="utf-8") as f:
                self.assertEqual(json.loads(f.read())["disabled_categories"], ["punctuation"])
        finally:
            page.getControl("cat_punctuation").setState(0)
            self.assertTrue(handler.callHandlerMethod(page, "ok", "external_event"))
        self.assertIn("P01", underlined(text))
        self.assertEqual(self.run_command(self.blank, "Revisions", List="1")[0], SUCCESS,
                         "the same server and user: still logged in")

    def test_3b_check_all_lists_by_article_with_readable_suggestions(self):
        doc = self.office.new_document(["第一条　根据方案,制定本规定。", "第二条　区应急管理局负责其它事项。"])
        state, r = self.run_command(doc, "CheckAll")
        self.assertEqual(state, SUCCESS, r)
        lines = r["lines"]
        self.assertTrue(lines[0].startswith("第一条（"), lines)
        second = next(i for i, l in enumerate(lines) if l.startswith("第二条（"))
        self.assertTrue(all(l.startswith("    ") for l in lines[1:second]), lines)
        self.assertTrue(any("改为“，”" in l for l in lines[1:second]), lines)
        self.assertTrue(any("改为“其他”" in l for l in lines[second:]), lines)

    def test_3c_check_all_uses_the_servers_quota(self):
        """检查全文 gives the server's answer: the body's 编制 against the framework (N11)."""
        paragraphs = ["清河市云溪区自然资源局职能配置、内设机构和人员编制规定", "（讨论稿）",
                      "第一条　根据《清河市云溪区机构改革方案》，制定本规定。",
                      "第二条　清河市云溪区自然资源局（以下简称区自然资源局）是区政府工作部门，为正科级，加挂区林业局牌子。",
                      "第三条　区自然资源局贯彻落实党中央、省委和市委关于自然资源工作的方针政策和决策部署，在履行职责过程中坚持和加强党对自然资源工作的集中统一领导。主要职责是：",
                      "（一）负责全区自然资源调查监测工作。", "（二）完成区委、区政府交办的其他任务。", "第四条　区自然资源局设下列内设机构：",
                      "（一）办公室。负责相关工作。", "（二）自然资源调查监测股。负责相关工作。",
                      "第五条　区自然资源局机关行政编制40名。设局长1名，副局长3名；股级领导职数2名。",
                      "第六条　本规定由区委机构编制委员会办公室负责解释，其调整由区委机构编制委员会办公室按规定程序办理。",
                      "第七条　本规定自2027年1月1日起施行。"]
        server = self.server.request("POST", "/api/v1/check?body=natural-resources", "\n".join(paragraphs).encode(),
                                     headers={"Content-Type": "text/plain; charset=utf-8"}, user="reviewer").json()  # a drafter may not ask of another body
        self.assertIn("N11", [f["rule"] for f in server["findings"]], "the server finds the 编制 over the quota")
        doc = self.office.new_document(paragraphs)
        self.settings("drafter-emergency")  # the framework comes with the rules, in the background
        deadline, rules = time.time() + 60, []
        while time.time() < deadline:
            state, r = self.run_command(doc, "CheckAll")
            rules = [f["rule"] for f in r["findings"]]
            if "N11" in rules:
                break
            time.sleep(0.5)
        self.assertIn("N11", rules, "Writer finds what the server finds")

    def test_1_settings_test_the_connection(self):
        r = self.settings("drafter-emergency")
        self.assertEqual(r["user"]["name"], "drafter-emergency")
        self.assertIn("已连接服务器", r["message"])
        # Server and user name are remembered in the profile for the next session; the password is not.
        with open(f"{self.office.dir}/profile/user/sanding-settings.json", encoding="utf-8") as f:
            saved = f.read()
        self.assertEqual(json.loads(saved), {"server": self.url, "user": "drafter-emergency"})
        self.assertNotIn(self.server.passwords["drafter-emergency"], saved)

    def parse(self, command):
        url = command_url(self.office, command)
        return url

    def test_2b_new_draft_without_a_body_lists_the_choices(self):
        # A reviewer sees every body: without one named, the command names the choices.
        self.settings("reviewer")
        state, r = self.run_command(self.blank, "NewDraft")
        self.assertEqual(state, FAILURE, r)
        self.assertIn("请指定机构", r["message"])
        self.assertIn("区应急管理局", r["message"])
        self.assertNotIn("emergency", r["message"], "body names, never their ids")
        # Named, the reviewer opens the body's current revision (a drafter made it in test 2).
        before = {c.RuntimeUID for c in self.office.desktop.getComponents() if hasattr(c, "getText")}
        state, r = self.run_command(self.blank, "NewDraft", Body="emergency")
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(r["name"], "区应急管理局")
        opened = [c for c in self.office.desktop.getComponents() if hasattr(c, "getText") and c.RuntimeUID not in before]
        self.assertTrue(any("清河市云溪区应急管理局" in c.getText().getString() for c in opened if hasattr(c, "getText")),
                        "the body's draft opened in a window of its own")

    def test_0_status_item_shows_online_then_offline(self):
        frame = self.blank.getCurrentController().getFrame()
        url = self.parse("Status")
        dispatch = frame.queryDispatch(url, "_self", 0)
        watcher = StatusWatcher()
        dispatch.addStatusListener(watcher, url)
        try:
            ONLINE, OFFLINE, SANDING = ("在线", "online"), ("离线", "offline"), ("三定", "Sanding")
            self.assertIsNotNone(watcher.wait_for([SANDING], 30), "the status item is told the status when it registers")
            self.settings("drafter-emergency")
            text = watcher.wait_for([ONLINE, self.url])
            self.assertTrue(any(w in text for w in ONLINE), text)
            self.assertIn(self.url, text)
            self.server.stop()
            try:
                state, r = self.run_command(self.blank, "Status")
                self.assertEqual(state, FAILURE, r)
                self.assertFalse(r["online"])
                text = watcher.wait_for([OFFLINE, self.url])
                self.assertTrue(any(w in text for w in OFFLINE), text)
                self.assertIn(f"无法连接 {self.url}", text, "it says which server and what failed")
                self.assertTrue(any(w in text for w in ("本地", "local")), "it says the proofreader goes on with local rules")
                self.assertEqual(r["message"], text)
            finally:
                self.server.start()
            self.settings("drafter-emergency")  # the restarted server listens on another port
            state, r = self.run_command(self.blank, "Status")
            self.assertEqual(state, SUCCESS, r)
            self.assertTrue(r["online"])
            text = watcher.wait_for([ONLINE, self.url])
            self.assertTrue(any(w in text for w in ONLINE), text)
        finally:
            dispatch.removeStatusListener(watcher, url)

    def test_2_new_draft_opens_with_the_bodys_name(self):
        doc, r = self.open_draft()
        self.assertEqual((r["body"], r["name"]), ("emergency", "区应急管理局"))
        self.assertIn("职能配置、内设机构和人员编制规定", doc.getText().getString())

    def test_3_check_all_lists_structure_findings(self):
        doc, _ = self.open_draft()
        state, r = self.run_command(doc, "CheckAll")
        self.assertEqual(state, SUCCESS, r)
        categories = {f["category"] for f in r["findings"]}
        self.assertIn("structure", categories)
        self.assertTrue(any(f["rule"] == "R03" and f["article"] == "第三条" for f in r["findings"]), r["findings"][:5])

    def test_4_save_revision_creates_a_revision_with_its_hash(self):
        doc, _ = self.open_draft()
        before = self.server.request("GET", "/api/v1/bodies/emergency/revisions", user="drafter-emergency").json()
        state, r = self.run_command(doc, "SaveRevision", Comment="第二稿：补充主要职责")
        self.assertEqual(state, SUCCESS, r)
        after = self.server.request("GET", "/api/v1/bodies/emergency/revisions", user="drafter-emergency").json()
        self.assertEqual(len(after), len(before) + 1)
        newest = after[-1]
        self.assertEqual(newest["number"], r["revision"]["number"])
        self.assertEqual(newest["comment"], "第二稿：补充主要职责")
        data = self.server.request("GET", f"/api/v1/bodies/emergency/revisions/{newest['number']}", user="drafter-emergency").data
        self.assertEqual(hashlib.sha256(data).hexdigest(), newest["sha256"])
        self.assertEqual(newest["sha256"], r["revision"]["sha256"])
        # Saved, not submitted; the server's findings are named, not only counted.
        self.assertEqual(r["state_label"], "起草中")
        self.assertIn("（未提交审核）", r["message"])
        self.assertRegex(r["message"], r"\n\[(错误|警告)\] ")

    def test_5_sign_off_as_drafter_is_refused_and_as_head_works(self):
        doc, _ = self.open_draft()
        state, r = self.run_command(doc, "Submit", Comment="送审", SubmitWithErrors="1")
        self.assertEqual(state, SUCCESS, r)
        self.assertTrue(r["submitted"])
        n = r["revision"]["number"]
        self.assertEqual(self.server.request("POST", "/api/v1/bodies/emergency/approve", {}, user="reviewer").status, 200)
        state, r = self.run_command(doc, "SignOff", Password=self.server.passwords["drafter-emergency"], SignWithErrors="1")
        self.assertEqual(state, FAILURE)
        self.assertIn("拒绝", r["message"])
        # In Chinese: who the user is and what was refused, never the internal ids.
        self.assertIn("起草人", r["message"])
        self.assertIn("签发", r["message"])
        for internal in ("drafter", "sign-off", "approved"):
            self.assertNotIn(internal, r["message"])
        self.settings("head-emergency")
        # A changed document is not what was approved: refused, naming the revision.
        # 签发 checks first: an open error is not signed unless the head confirms.
        doc.getText().getEnd().setString("（补充其它一句）")
        state, r = self.run_command(doc, "SignOff", Password=self.server.passwords["head-emergency"])
        self.assertEqual(state, FAILURE)
        self.assertIn("1 个错误未改", r["message"])
        self.assertEqual(self.server.request("GET", "/api/v1/bodies/emergency", user="head-emergency").json()["state"], "approved")
        state, r = self.run_command(doc, "SignOff", Password=self.server.passwords["head-emergency"], SignWithErrors="1")
        self.assertEqual(state, FAILURE)
        self.assertIn(f"修订 {n} 不一致", r["message"])
        approved = self.server.request("GET", f"/api/v1/bodies/emergency/revisions/{n}", user="head-emergency").data
        path = os.path.join(self.dir, "approved.odt")
        with open(path, "wb") as f:
            f.write(approved)
        approved_doc = self.office.desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
        state, r = self.run_command(approved_doc, "SignOff", Password=self.server.passwords["head-emergency"])
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(r["signoff"]["revision"], n)
        self.assertEqual(self.server.request("GET", "/api/v1/bodies/emergency", user="head-emergency").json()["state"], "signed")

    def test_9_revisions_list_open_and_compare(self):
        doc, _ = self.open_draft()
        state, r = self.run_command(doc, "Revisions")
        self.assertEqual(state, SUCCESS, r)
        numbers = [x["number"] for x in r["body"]["revisions"]]
        self.assertIn(1, numbers)
        self.assertIn("修订 1", r["message"])
        before = {c.getURL() for c in self.office.desktop.getComponents() if hasattr(c, "getURL")}
        state, r = self.run_command(doc, "Revisions", Open="1")
        self.assertEqual(state, SUCCESS, r)
        # Named <机构简称>-修订<N>, not by the body's id, and not a file in the temporary folder:
        # 保存 asks where to keep it.
        self.assertEqual(r["title"], "区应急管理局-修订1")
        titled = [c for c in self.office.desktop.getComponents() if hasattr(c, "getTitle") and c.getTitle().startswith("区应急管理局-修订1")]
        self.assertTrue(titled, [c.getTitle() for c in self.office.desktop.getComponents() if hasattr(c, "getTitle")])
        self.assertEqual(titled[0].getURL(), "", "opened as a new document, not as the downloaded file")
        self.assertEqual(titled[0].getArgs() and {a.Name: a.Value for a in titled[0].getArgs()}.get("SuggestedSaveAsName"), "区应急管理局-修订1.odt")
        # Writer's own comparison against revision 1 marks what the open document changed.
        doc.getText().getEnd().setString("（新增一句）")
        state, r = self.run_command(doc, "Revisions", Compare="1")
        self.assertEqual(state, SUCCESS, r)
        deadline = time.time() + 30
        while doc.getRedlines().getCount() == 0 and time.time() < deadline:
            time.sleep(0.2)
        self.assertGreater(doc.getRedlines().getCount(), 0)

    def test_7_apply_safe_fixes_as_tracked_changes(self):
        doc = self.office.new_document(["（二）完成区委、区政府交办的其它任务。", "（三）负责全区应急管理工作,拟定应急预案。"])
        state, r = self.run_command(doc, "ApplyFixes")
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(r["applied"], 3)  # 其它→其他, ,→，, 拟定→拟订
        self.assertGreaterEqual(doc.getRedlines().getCount(), 3, "each fix is a tracked change")
        # Recording is as the drafter had it (off): what is typed next is not tracked.
        self.assertFalse(doc.getPropertyValue("RecordChanges"))
        before = doc.getRedlines().getCount()
        doc.getText().getEnd().setString("（之后键入的一句）")
        self.assertEqual(doc.getRedlines().getCount(), before)
        # Accepting every change gives the fixed text; rejecting them would give back the original.
        dispatcher = self.office.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.office.ctx)
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0, ())
        text = doc.getText().getString()
        self.assertIn("交办的其他任务", text)
        self.assertIn("应急管理工作，拟订应急预案", text)

    def test_8_go_to_selects_the_finding(self):
        doc = self.office.new_document(["第一条　根据方案，制定本规定。", "（二）完成区委、区政府交办的其它任务。"])
        state, r = self.run_command(doc, "CheckAll")
        w01 = next(f for f in r["findings"] if f["rule"] == "W01")
        state, r = self.run_command(doc, "GoTo", Paragraph=str(w01["paragraph"]), Offset=str(w01["offset_utf16"]),
                                    Length=str(w01["length_utf16"]))
        self.assertEqual(state, SUCCESS, r)
        self.assertEqual(doc.getCurrentController().getSelection().getByIndex(0).getString(), "其它")

    def test_6_server_down_commands_fail_clearly_and_proofreading_goes_on(self):
        self.settings("drafter-emergency")
        self.server.stop()
        try:
            state, r = self.run_command(self.blank, "Revisions")
            self.assertEqual(state, FAILURE)
            self.assertIn("无法连接服务器", r["message"])
            self.assertIn(self.url, r["message"])
            # The proofreader never needed the server.
            doc = self.office.new_document(["完成区委、区政府交办的其它任务。"])
            it = self.office.smgr.createInstanceWithContext("com.sun.star.linguistic2.ProofreadingIterator", self.office.ctx)
            para = doc.getFlatParagraphIterator(2, True).getFirstPara()
            zh = uno.createUnoStruct("com.sun.star.lang.Locale")
            zh.Language, zh.Country = "zh", "CN"
            result = it.checkSentenceAtPosition(doc, para, para.getText(), zh, 0, 0, -1)
            self.assertIn("W01", [e.aRuleIdentifier for e in result.aErrors])
        finally:
            self.server.start()


if __name__ == "__main__":
    unittest.main()
