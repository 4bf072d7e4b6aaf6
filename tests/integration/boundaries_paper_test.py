"""The 职责边界协调会议材料 that `sanding boundaries --paper` writes, opened by real LibreOffice
(converted to PDF headless, as render_pdf_test.py does) and read the way a meeting would: A4, the
title, one section per unresolved overlap with both bodies' wording, the score and a blank
协调意见 line, then the gaps; page 1 as a PNG (SANDING_SCREENSHOTS or the scratch directory)."""
import glob
import os
import re
import subprocess

import boundaries_corpus
from harness import SANDING, ScratchTest, sanding, soffice_convert

MM = 72 / 25.4


class MeetingPaperInLibreOffice(ScratchTest):
    def test_paper_opens_and_reads_right(self):
        boundaries_corpus.generate(SANDING, self.path("c"))
        files = sorted(glob.glob(self.path("c", "drafts", "*.txt")))
        paper = self.path("paper.odt")
        r = sanding("boundaries", *files, "--paper", paper, "--format", "json")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("已生成职责边界协调会议材料", r.stderr)
        import json
        report = json.loads(r.stdout)
        unresolved = [o for o in report["overlaps"] if not o["resolved"]]

        conv = soffice_convert([paper], self.tmp, "pdf", self.path("profile"))
        self.assertEqual(conv.returncode, 0, conv.stderr)
        pdf = self.path("paper.pdf")
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
        self.assertAlmostEqual(w, 210 * MM, delta=1)
        self.assertAlmostEqual(h, 297 * MM, delta=1)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        flat = re.sub(r"\s+", "", text)
        self.assertTrue(flat.startswith("职责边界协调会议材料"), flat[:40])
        self.assertIn("（云溪区2026年机构改革）", flat)
        self.assertIn("—1—", flat)
        # One section per unresolved overlap, numbered 一、二、…, each with both texts and a 协调意见 line.
        self.assertEqual(flat.count("协调意见："), len(unresolved) + 1)  # + the gaps' section
        first = unresolved[0]
        self.assertIn("一、" + first["a"]["name"] + "与" + first["b"]["name"], flat)
        self.assertIn(re.sub(r"\s+", "", first["a"]["text"]), flat)
        self.assertIn(re.sub(r"\s+", "", first["b"]["text"]), flat)
        self.assertIn(f"相似度{first['score']:.2f}", flat)
        self.assertIn("职责空白", flat)
        self.assertIn("目录列明由区财政局承担", flat)  # a name, never an id such as finance
        self.assertNotRegex(flat, r"[a-z]+-[a-z]+")
        shots = os.environ.get("SANDING_SCREENSHOTS", self.tmp)
        os.makedirs(shots, exist_ok=True)
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", pdf,
                        os.path.join(shots, "boundaries-meeting-paper")], check=True)
        self.assertTrue(os.path.getsize(os.path.join(shots, "boundaries-meeting-paper.png")) > 10000)
