"""Rendered drafts opened by real LibreOffice: converted to PDF headless, then checked the way a
reviewer would look at the printout: A4, the title, 讨论稿, CJK fonts, GB/T 9704 margins and grid."""
import os
import re
import subprocess
import unittest
import xml.etree.ElementTree as ET

from harness import ScratchTest, sanding, soffice_convert

MM = 72 / 25.4  # points per millimetre
BODIES = ["natural-resources", "party-office", "cyberspace"]  # a department, a party organ, a long name
CJK_FONT = re.compile(r"CJK|FangSong|SimSun|SimHei|KaiTi|XiaoBiaoSong|UKai|UMing|WenQuanYi|Song|Hei|Kai", re.I)


class RenderedDraftInLibreOffice(ScratchTest):
    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.dir = tempfile.mkdtemp(prefix="sanding-pdf-")
        odts = []
        for body in BODIES:
            odt = os.path.join(cls.dir, f"{body}.odt")
            r = sanding("render", "--body", body, "-o", odt)
            assert r.returncode == 0, r.stderr
            odts.append(odt)
        r = soffice_convert(odts, cls.dir, "pdf", os.path.join(cls.dir, "profile"))
        assert r.returncode == 0, r.stderr
        cls.pdfs = {b: os.path.join(cls.dir, f"{b}.pdf") for b in BODIES}

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.dir, ignore_errors=True)

    def run_tool(self, *cmd):
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    def test_every_draft_converts_to_an_a4_pdf(self):
        for body, pdf in self.pdfs.items():
            with self.subTest(body=body):
                self.assertTrue(os.path.exists(pdf), "LibreOffice did not produce a PDF")
                info = self.run_tool("pdfinfo", pdf)
                pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
                self.assertGreaterEqual(pages, 1)
                w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
                self.assertAlmostEqual(w, 210 * MM, delta=1)
                self.assertAlmostEqual(h, 297 * MM, delta=1)

    def test_title_and_stage_are_on_page_one(self):
        text = self.run_tool("pdftotext", "-f", "1", "-l", "1", self.pdfs["natural-resources"], "-")
        flat = re.sub(r"\s+", "", text)
        self.assertIn("清河市云溪区自然资源局职能配置、内设机构和人员编制规定", flat)
        self.assertIn("（讨论稿）", flat)
        self.assertIn("第一条", flat)
        self.assertIn("—1—", flat)  # GB/T 9704 7.5 page number with 一字线

    def test_fonts_used_are_cjk_fonts_serif_for_the_body(self):
        for body, pdf in self.pdfs.items():
            with self.subTest(body=body):
                rows = self.run_tool("pdffonts", pdf).splitlines()[2:]
                names = [r.split()[0] for r in rows if r.strip()]
                self.assertTrue(names)
                for n in names:
                    self.assertRegex(n, CJK_FONT)
                # 仿宋 falls back to a Song/serif face, not to the sans default.
                self.assertTrue(any("Serif" in n or "Song" in n or "FangSong" in n for n in names), names)

    def lines(self, pdf):
        """Text lines with their boxes, per page, from pdftotext -bbox-layout."""
        html = self.run_tool("pdftotext", "-bbox-layout", pdf, "-")
        html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
        root = ET.fromstring(html)
        ns = {"h": "http://www.w3.org/1999/xhtml"}
        pages = []
        for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
            rows = []
            for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
                words = "".join(w.text or "" for w in line.iter("{http://www.w3.org/1999/xhtml}word"))
                rows.append((float(line.get("xMin")), float(line.get("yMin")), float(line.get("xMax")),
                             float(line.get("yMax")), words))
            pages.append(rows)
        return pages

    def test_gbt9704_margins_grid_and_page_numbers(self):
        pages = self.lines(self.pdfs["natural-resources"])
        self.assertGreaterEqual(len(pages), 2, "the demo draft should run to a second page")
        for number, rows in enumerate(pages, start=1):
            body = [r for r in rows if not re.fullmatch(r"—\d+—", r[4])]
            footer = [r for r in rows if re.fullmatch(r"—\d+—", r[4])]
            with self.subTest(page=number):
                # Mirrored margins: 订口 28 mm on the binding side, 26 mm outside.
                left = min(r[0] for r in body)
                inner, outer = (28, 26) if number % 2 else (26, 28)
                self.assertAlmostEqual(left / MM, inner, delta=0.8)
                text_right = 210 * MM - outer * MM
                self.assertLessEqual(max(r[2] for r in body), text_right + 17)  # hanging punctuation only
                # Text block: first line at 天头 37 mm, nothing below 297 − 35 mm.
                self.assertGreaterEqual(min(r[1] for r in body) / MM, 37 - 1)
                self.assertLessEqual(max(r[3] for r in body) / MM, 297 - 35 + 0.5)
                # Page number “—N—”: 7 mm below the text block, right on odd pages, left on even.
                self.assertEqual(len(footer), 1)
                self.assertEqual(footer[0][4], f"—{number}—")
                self.assertGreater(footer[0][1] / MM, 297 - 35 + 5)
                if number % 2:
                    self.assertAlmostEqual(footer[0][2], text_right - 14, delta=3)  # 1 字 in from the right
                else:
                    self.assertAlmostEqual(footer[0][0], 26 * MM + 14, delta=3)  # 1 字 in from the left
        # Body lines sit on a fixed 28.95 pt grid (22 lines in 225 mm).
        tops = sorted({round(r[1], 1) for r in pages[1] if not re.fullmatch(r"—\d+—", r[4])})
        steps = [b - a for a, b in zip(tops, tops[1:])]
        self.assertTrue(steps)
        for s in steps:
            self.assertAlmostEqual(s, 28.95, delta=0.2)
        self.assertLessEqual(len(tops), 22)

    def test_lines_hold_at_most_28_characters(self):
        for rows in self.lines(self.pdfs["natural-resources"]):
            for r in rows:
                chars = len(re.sub(r"[，。、；：）》”]$", "", r[4]))  # a hanging mark may overflow
                self.assertLessEqual(chars, 28, r[4])


if __name__ == "__main__":
    unittest.main()
