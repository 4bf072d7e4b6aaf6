"""`sanding render` as a user runs it: the files it writes and what it says when asked wrongly."""
import os
import unittest
import zipfile

from harness import SANDING, ScratchTest, sanding


class RenderCommand(ScratchTest):
    def test_all_writes_one_odt_per_body_and_says_where(self):
        out = self.path("drafts")
        r = sanding("render", "--all", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        files = sorted(os.listdir(out))
        self.assertEqual(len(files), 37)
        self.assertIn("natural-resources.odt", files)
        self.assertIn("已生成 37 份草案", r.stdout)
        self.assertIn(out, r.stdout)
        with zipfile.ZipFile(os.path.join(out, "emergency.odt")) as z:
            self.assertEqual(z.namelist()[0], "mimetype")
            self.assertEqual(z.getinfo("mimetype").compress_type, zipfile.ZIP_STORED)
            self.assertEqual(z.read("mimetype"), b"application/vnd.oasis.opendocument.text")
            content = z.read("content.xml").decode("utf-8")
        self.assertIn("清河市云溪区应急管理局", content)
        self.assertIn("（讨论稿）", content)
        self.assertIn("【待填写：主要职责】", content)

    def test_one_body(self):
        out = self.path("nr.odt")
        r = sanding("render", "--body", "natural-resources", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("区自然资源局", r.stdout)
        self.assertTrue(zipfile.is_zipfile(out))
        self.assertEqual(os.listdir(self.tmp), ["nr.odt"])  # no temporary file left behind

    def test_unknown_body_is_named_and_nothing_is_written(self):
        out = self.path("x.odt")
        r = sanding("render", "--body", "no-such-body", "-o", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no-such-body", r.stderr)
        self.assertFalse(os.path.exists(out))

    def test_bad_command_lines_exit_2_with_a_reason(self):
        cases = [
            (["render", "-o", self.path("x")], "--body"),
            (["render", "--all", "--body", "x", "-o", self.path("x")], "--body"),
            (["render", "--all"], "-o"),
            (["render", "--all", "--colour", "-o", self.path("x")], "--colour"),
            (["render", "--body"], "--body"),
            (["frobnicate"], "frobnicate"),
        ]
        for args, named in cases:
            with self.subTest(args=args):
                r = sanding(*args)
                self.assertEqual(r.returncode, 2)
                self.assertIn(named, r.stderr)

    def test_broken_framework_is_refused_with_file_and_line(self):
        fw = self.path("fw.xml")
        with open(fw, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0"?>\n<framework xmlns="urn:sanding:framework:1" id="x">\n'
                    '<district province="省" city="市" name="区"/>\n'
                    '<round id="1" name="r" deadline="2026-12-01" effective-date="2027年1月1日"/>\n'
                    '<body id="a" kind="ministry" rank="正科级"/>\n</framework>\n')
        r = sanding("render", "--all", "--framework", fw, "-o", self.path("out"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(f"{fw}:5", r.stderr)
        self.assertIn("ministry", r.stderr)
        self.assertFalse(os.path.exists(self.path("out")))

    def test_framework_with_doctype_is_refused(self):
        fw = self.path("fw.xml")
        with open(fw, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0"?>\n<!DOCTYPE framework [<!ENTITY a "aaaa">]>\n'
                    '<framework xmlns="urn:sanding:framework:1" id="x">&a;</framework>\n')
        r = sanding("render", "--all", "--framework", fw, "-o", self.path("out"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("DOCTYPE", r.stderr)

    def test_model_text_with_unknown_fact_is_refused(self):
        tdir = self.path("templates")
        os.makedirs(os.path.join(tdir, "model-texts"))
        os.makedirs(os.path.join(tdir, "framework"))
        src = os.path.join(os.path.dirname(__file__), "../../templates")
        with open(os.path.join(src, "framework/demo-district.xml"), encoding="utf-8") as f:
            fw = f.read()
        with open(os.path.join(tdir, "framework/demo-district.xml"), "w", encoding="utf-8") as f:
            f.write(fw)
        with open(os.path.join(src, "model-texts/government-department.xml"), encoding="utf-8") as f:
            mt = f.read().replace("{body.field}", "{body.feild}", 1)
        with open(os.path.join(tdir, "model-texts/government-department.xml"), "w", encoding="utf-8") as f:
            f.write(mt)
        r = sanding("render", "--body", "natural-resources", "--templates", tdir, "-o", self.path("x.odt"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("body.feild", r.stderr)
        self.assertIn("government-department.xml:", r.stderr)


if __name__ == "__main__":
    unittest.main()
