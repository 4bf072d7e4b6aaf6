"""The extension takes the server's rules: fetched in the background after 设置 (with an ETag),
used by Writer's proofreading at once, and kept in the user profile so that they still apply when
the office starts again with the server gone."""
import os
import shutil
import sys
import tempfile
import time
import unittest

import uno

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../integration"))
from commands_test import SUCCESS, Listener, StatusWatcher  # noqa: E402
from office import Office, prop, command_url  # noqa: E402
from server_harness import Server  # noqa: E402

SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))

# A rule only this server has, with its examples (a rule set whose examples fail is refused).
EXTRA = """<?xml version="1.0" encoding="UTF-8"?>
<rule-set xmlns="urn:sanding:rules:1" id="district" version="1" name="云溪区补充规则">
  <rule id="X01" name="测试规则" severity="warning" category="wording" scope="text" safe-fix="true">
    <pattern>网格化管理员</pattern>
    <suggest>网格员</suggest>
    <message>本区统一称“网格员”。</message>
    <source url="https://sanding.invalid/rules/X01">云溪区规范用语补充</source>
    <example fix="配备网格员。">配备<mark>网格化管理员</mark>。</example>
    <counter-example>配备网格员。</counter-example>
  </rule>
</rule-set>
"""


def proofread(office, text):
    doc = office.new_document([text])
    try:
        it = office.smgr.createInstanceWithContext("com.sun.star.linguistic2.ProofreadingIterator", office.ctx)
        para = doc.getFlatParagraphIterator(2, True).getFirstPara()
        zh = uno.createUnoStruct("com.sun.star.lang.Locale")
        zh.Language, zh.Country = "zh", "CN"
        return it.checkSentenceAtPosition(doc, para, para.getText(), zh, 0, 0, -1).aErrors
    finally:
        doc.close(True)


class RulesFromTheServer(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sanding-rules-")
        templates = os.path.join(self.dir, "templates")
        shutil.copytree(os.path.join(SOURCE, "templates"), templates)
        with open(os.path.join(templates, "rules", "district.xml"), "w", encoding="utf-8") as f:
            f.write(EXTRA)
        self.server = Server(f"sqlite:{self.dir}/s.db", self.dir, users=[("dr", "drafter", "emergency")], templates=templates)
        self.office = Office()
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        self.addCleanup(self.office.close)
        self.addCleanup(self.server.stop)

    def test_server_rules_apply_after_settings_and_offline_after_restart(self):
        text = "各社区配备网格化管理员。"
        self.assertNotIn("X01", [e.aRuleIdentifier for e in proofread(self.office, text)], "built-in rules do not have X01")

        blank = self.office.new_document(["（一）负责全区应急管理工作。"])
        url = command_url(self.office, "Settings")
        listener = Listener()
        blank.getCurrentController().getFrame().queryDispatch(url, "_self", 0).dispatchWithNotification(
            url, (prop("Server", f"http://127.0.0.1:{self.server.port}"), prop("User", "dr"), prop("Password", self.server.passwords["dr"])), listener)
        self.assertTrue(listener.done.wait(90))
        self.assertEqual(listener.state, SUCCESS, listener.result)

        # The background refresh lands within a bounded wait; proofreading never waited for it.
        deadline, errors = time.time() + 60, []
        while time.time() < deadline:
            errors = proofread(self.office, text)
            if any(e.aRuleIdentifier == "X01" for e in errors):
                break
            time.sleep(0.5)
        x01 = next(e for e in errors if e.aRuleIdentifier == "X01")
        self.assertEqual(tuple(x01.aSuggestions), ("网格员",))
        self.assertIn(("FullCommentURL", "https://sanding.invalid/rules/X01"), [(p.Name, p.Value) for p in x01.aProperties])
        self.assertTrue(os.path.exists(os.path.join(self.office.dir, "profile/user/sanding-rules/district.xml")))

        # Server gone, office restarted on the same profile: the cached rules still apply.
        self.server.stop()
        self.office.stop_office()
        self.office.start()
        self.assertIn("X01", [e.aRuleIdentifier for e in proofread(self.office, text)])
        self.assertIn("W01", [e.aRuleIdentifier for e in proofread(self.office, "交办的其它任务。")])



class BrokenRulesCache(unittest.TestCase):
    """A rules file in the profile's cache that does not load (a disk error, a hand edit) must not
    leave the proofreader checking nothing: the built-in rules apply, and the status says so."""

    def test_falls_back_to_the_built_in_rules_and_says_so(self):
        def broken_cache(profile):
            os.makedirs(f"{profile}/user/sanding-rules")
            with open(f"{profile}/user/sanding-rules/wording.xml", "w", encoding="utf-8") as f:
                f.write("<rule-set><rule id=")  # cut off
            with open(f"{profile}/user/sanding-rules/etag", "w") as f:
                f.write('"cached"')
        office = Office(before_start=broken_cache)
        self.addCleanup(office.close)
        self.assertIn("W01", [e.aRuleIdentifier for e in proofread(office, "完成区委、区政府交办的其它任务。")])
        doc = office.new_document(["（一）负责全区应急管理工作。"])
        url = command_url(office, "Status")
        dispatch = doc.getCurrentController().getFrame().queryDispatch(url, "_self", 0)
        watcher = StatusWatcher()
        dispatch.addStatusListener(watcher, url)
        try:
            text = watcher.wait_for([("载入失败",)], 30)
            self.assertIn("服务器规则载入失败，改用内置规则", text)
        finally:
            dispatch.removeStatusListener(watcher, url)


if __name__ == "__main__":
    unittest.main()
