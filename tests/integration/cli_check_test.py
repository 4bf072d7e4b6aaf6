"""`sanding check` and `sanding rules` as a user runs them: formats, exit codes, fixes, and what bad
input gets (exit 2, a message naming the problem, nothing written)."""
import json
import os
import re
import shutil
import subprocess
import zipfile

from harness import SANDING, ScratchTest, TEMPLATES, sanding, soffice_convert

DRAFT = """清河市云溪区统计局职能配置、内设机构和人员编制规定
（讨论稿）
第一条　根据《清河市云溪区机构改革方案》，制定本规定。
第二条　清河市云溪区统计局（以下简称区统计局）是区政府工作部门，为正科级。
第三条　区统计局贯彻落实党中央、省委和市委关于统计工作的方针政策和决策部署，在履行职责过程中坚持和加强党对统计工作的集中统一领导。主要职责是：
（一）负责全区统计调查工作,拟定统计调查计划。
（二）完成区委、区政府交办的其它任务。
第四条　区统计局设下列内设机构：
（一）办公室。负责机关日常运转。
（二）综合核算股。负责统计核算。
（三）经济统计股。负责经济统计。
（四）社会统计股。负责社会统计。
第五条　区统计局机关行政编制10名。设局长1名，副局长2名；股级领导职数4名。
第六条　本规定由区委机构编制委员会办公室负责解释，其调整由区委机构编制委员会办公室按规定程序办理。
第七条　本规定自2027年1月1日起施行。
"""


class CheckCommand(ScratchTest):
    def write(self, name, data, mode="w"):
        path = self.path(name)
        with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            f.write(data)
        return path

    def test_json_has_every_field_and_file_offsets(self):
        path = self.write("draft.txt", DRAFT)
        r = sanding("check", "--format", "json", path)
        self.assertEqual(r.returncode, 1, r.stderr)  # W01 and P01 are errors
        report = json.loads(r.stdout)
        w01 = next(f for f in report["findings"] if f["rule"] == "W01")
        self.assertEqual(set(w01), {"rule", "severity", "category", "message", "suggestions", "safe_fix", "offset_utf8",
                                    "length_utf8", "offset_utf16", "length_utf16", "paragraph", "line", "column", "article"})
        data = DRAFT.encode()
        self.assertEqual(data[w01["offset_utf8"]:w01["offset_utf8"] + w01["length_utf8"]].decode(), "其它")
        self.assertEqual(DRAFT.encode("utf-16-le")[2 * w01["offset_utf16"]:2 * (w01["offset_utf16"] + w01["length_utf16"])].decode("utf-16-le"), "其它")
        self.assertEqual((w01["line"], w01["article"], w01["suggestions"], w01["safe_fix"]), (7, "第三条", ["其他"], True))
        self.assertEqual(report["summary"]["body"], "statistics")
        self.assertGreaterEqual(report["summary"]["errors"], 2)

    def test_clean_text_exits_0(self):
        fixed = DRAFT.replace("其它", "其他").replace(",拟定", "，拟订")
        r = sanding("check", self.write("ok.txt", fixed))
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("错误 0", r.stdout)

    def test_fix_writes_only_safe_fixes_for_text(self):
        src = self.write("draft.txt", DRAFT)
        out = self.path("fixed.txt")
        r = sanding("check", "--fix", "-o", out, src)
        self.assertEqual(r.returncode, 1)
        self.assertIn("已自动修正", r.stderr)
        with open(out, encoding="utf-8") as f:
            fixed = f.read()
        self.assertIn("交办的其他任务", fixed)
        self.assertIn("统计调查工作，拟订统计调查计划", fixed)
        self.assertEqual(fixed.count("\n"), DRAFT.count("\n"))
        with open(src, encoding="utf-8") as f:
            self.assertEqual(f.read(), DRAFT)  # the input is not touched
        r2 = sanding("check", out)
        self.assertEqual(r2.returncode, 0, r2.stdout)

    def test_fix_on_odt_writes_tracked_changes_that_libreoffice_keeps(self):
        odt = self.path("draft.odt")
        self.assertEqual(sanding("render", "--body", "statistics", "-o", odt).returncode, 0)
        # Plant 其它 in the rendered draft's content.xml.
        with zipfile.ZipFile(odt) as z:
            items = [(i, z.read(i.filename)) for i in z.infolist()]
        planted = self.path("planted.odt")
        with zipfile.ZipFile(planted, "w") as z:
            for info, data in items:
                if info.filename == "content.xml":
                    data = data.decode().replace("交办的其他任务", "交办的其它任务").encode()
                z.writestr(info, data, compress_type=info.compress_type)
        out = self.path("fixed.odt")
        r = sanding("check", "--fix", "-o", out, planted)
        self.assertIn("已自动修正 1 处（修订模式", r.stderr)
        with zipfile.ZipFile(out) as z:
            content = z.read("content.xml").decode()
        self.assertIn("<text:tracked-changes", content)
        self.assertRegex(content, r"<text:deletion>.*其它.*</text:deletion>")
        # Real LibreOffice reads the changes and writes them back.
        r = soffice_convert([out], self.tmp, "fodt", self.path("profile"))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.path("fixed.fodt"), encoding="utf-8") as f:
            fodt = f.read()
        self.assertEqual(len(re.findall(r"<text:changed-region", fodt)), 2, "one deletion and one insertion")
        deletion = re.search(r'<text:changed-region xml:id="([^"]+)"[^>]*>\s*<text:deletion>', fodt).group(1)
        insertion = re.search(r'<text:changed-region xml:id="([^"]+)"[^>]*>\s*<text:insertion>', fodt).group(1)
        # LibreOffice keeps the deleted words in the text, marked as deleted, and the insertion after them.
        self.assertIn(f'<text:change-start text:change-id="{deletion}"/>其它<text:change-end text:change-id="{deletion}"/>', fodt)
        self.assertIn(f'<text:change-start text:change-id="{insertion}"/>其他<text:change-end text:change-id="{insertion}"/>', fodt)

    def test_bad_input_exits_2_and_names_the_problem(self):
        big = self.path("big.txt")
        with open(big, "wb") as f:
            f.truncate(100 * 1024 * 1024)
        cases = {
            "invalid UTF-8": (self.write("bad.txt", "第一条　根据\n".encode() + b"\xff\xfe\n", "wb"), "UTF-8"),
            "empty": (self.write("empty.txt", ""), "没有文字"),
            "blank": (self.write("blank.txt", " \n\u3000\n"), "没有文字"),
            "100 MB": (big, "文件过大"),
            "missing": (self.path("nope.txt"), "无法打开"),
            "not an odt": (self.write("fake.odt", b"PK\x03\x04garbage", "wb"), "ZIP"),
            "a directory": (self.tmp, "是一个目录"),
        }
        for what, (path, says) in cases.items():
            with self.subTest(what):
                r = sanding("check", path)
                self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
                self.assertIn(says, r.stderr)
                self.assertIn(os.path.basename(path), r.stderr)

    def test_bad_rule_files_exit_2_naming_rule_and_line(self):
        draft = self.write("draft.txt", DRAFT)
        head = '<?xml version="1.0"?>\n<rule-set xmlns="urn:sanding:rules:1" id="t" version="1" name="t">\n'
        broken_regex = self.write("regex.xml", head + '<rule id="X01" name="测试规则" severity="error" category="wording">\n'
                                  '<pattern regex="true">(未闭合</pattern><message>m</message></rule>\n</rule-set>\n')
        unknown = self.write("unknown.xml", head + '<rule id="X02" name="测试规则" severity="error" category="wording">\n'
                             '<pattern>其它</pattern><colour>red</colour><message>m</message></rule>\n</rule-set>\n')
        failing = self.write("failing.xml", head + '<rule id="X03" name="测试规则" severity="error" category="wording">\n'
                             '<pattern>其它</pattern><message>m</message>\n<example>这里没有<mark>其他</mark></example></rule>\n</rule-set>\n')
        for path, says in [(broken_regex, "X01"), (unknown, "colour"), (failing, "X03")]:
            with self.subTest(path=os.path.basename(path)):
                r = sanding("check", "--rules", path, draft)
                self.assertEqual(r.returncode, 2)
                self.assertIn(says, r.stderr)
                self.assertRegex(r.stderr, re.escape(os.path.basename(path)) + r":\d+")

    def test_bad_options(self):
        draft = self.write("draft.txt", DRAFT)
        for args, says in [(["--format", "xml", draft], "--format"), (["--fix", draft], "-o"),
                           (["--body", "nobody", draft], "nobody"), ([], "文件")]:
            with self.subTest(args=args):
                r = sanding("check", *args)
                self.assertEqual(r.returncode, 2)
                self.assertIn(says, r.stderr)


class CommandsWithoutTheServerModule(ScratchTest):
    """check needs only the executable; serve, admin and verify load libsanding-server.so from beside it."""

    def test_check_runs_alone_and_server_commands_name_the_missing_module(self):
        alone = self.path("sanding")
        shutil.copy(os.path.realpath(SANDING), alone)
        draft = self.path("draft.txt")
        with open(draft, "w", encoding="utf-8") as f:
            f.write(DRAFT)
        r = subprocess.run([alone, "check", draft], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("[W01]", r.stdout)
        for command in ("serve", "admin", "verify"):
            with self.subTest(command=command):
                r = subprocess.run([alone, command, "--help"], capture_output=True, text=True, timeout=60)
                self.assertEqual(r.returncode, 2)
                self.assertIn("无法加载服务器模块", r.stderr)
                self.assertIn(self.path("libsanding-server.so"), r.stderr)
        # Beside the real module the same commands answer.
        r = sanding("serve", "--help")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("sanding serve", r.stdout)


class RulesCommand(ScratchTest):
    def test_rules_test_runs_every_example(self):
        r = sanding("rules", "test")
        self.assertEqual(r.returncode, 0, r.stdout)
        m = re.search(r"(\d+) 条规则，(\d+) 个示例：(\d+) 个通过，0 个未通过", r.stdout)
        self.assertIsNotNone(m, r.stdout)
        self.assertGreaterEqual(int(m.group(1)), 60)
        self.assertEqual(m.group(2), m.group(3))

    def test_every_rule_has_examples(self):
        r = sanding("rules", "list", "--untested")
        self.assertEqual(r.returncode, 0)
        self.assertIn("没有示例的规则：0 条", r.stdout)

    def test_list_names_code_and_text_rules(self):
        out = sanding("rules", "list").stdout
        self.assertRegex(out, r"W01\s+error\s+wording\s+text")
        self.assertRegex(out, r"S03\s+error\s+structure\s+code")

    def test_list_finds_a_rule_in_one_step(self):
        # A code rule: its rule file and line, and the source file and function that implement it;
        # a pattern rule: its rule file and line. The function is really in that file.
        out = sanding("rules", "list", "S06", "W01")
        self.assertEqual(out.returncode, 0, out.stderr)
        m = re.search(r"^S06 .*\n\s+(\S+structure\.xml):(\d+)；代码 (core/src/check/\S+\.cpp) (\w+)\(\)$",
                      out.stdout, re.M)
        self.assertIsNotNone(m, out.stdout)
        root = os.path.join(os.path.dirname(__file__), "..", "..")
        with open(os.path.join(root, m.group(3)), encoding="utf-8") as f:
            self.assertIn(m.group(4) + "(", f.read())
        with open(m.group(1), encoding="utf-8") as f:
            self.assertIn('id="S06"', f.read().splitlines()[int(m.group(2)) - 1])
        self.assertRegex(out.stdout, r"(?m)^W01 .*\n\s+\S+phrasing\.xml:\d+$")
        self.assertEqual(len([l for l in out.stdout.splitlines() if not l.startswith(" ")]), 2)
        bad = sanding("rules", "list", "Q99")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("没有编号为“Q99”的规则", bad.stderr)

    def test_export_prh(self):
        out = self.path("prh.yml")
        r = sanding("rules", "export", "--prh", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            yml = f.read()
        self.assertTrue(yml.startswith("version: 1\nrules:\n"))
        self.assertIn('  - expected: "其他"\n    pattern: "其它"', yml)

    def test_failing_example_is_reported(self):
        path = self.path("r.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0"?>\n<rule-set xmlns="urn:sanding:rules:1" id="t" version="1" name="t">\n'
                    '<rule id="X04" name="测试规则" severity="error" category="wording"><pattern>其它</pattern><message>m</message>\n'
                    '<counter-example>交办的其它任务</counter-example></rule>\n</rule-set>\n')
        r = sanding("rules", "test", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("X04", r.stdout)
        self.assertIn("0 passed, 1 failed", r.stdout)


if __name__ == "__main__":
    import unittest
    unittest.main()
