"""The checker on a generated corpus: every error planted at a known place is found there (rule id,
UTF-8 offset and length in the file), and the 37 demo drafts with their placeholders filled by
plausible text get no error-severity finding."""
import json
import os
import shutil
import tempfile
import unittest

import corpus
from harness import SANDING, sanding


class CheckerOnGeneratedCorpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="sanding-corpus-")
        cls.manifest = corpus.generate(SANDING, cls.dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def check_json(self, path):
        r = sanding("check", "--format", "json", path)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return json.loads(r.stdout)

    def test_every_category_is_planted(self):
        rules = {e["rule"][0] for v in self.manifest.values() for e in v["expected"]}
        # wording, duties, punctuation, numbering, structure, staffing, names
        self.assertEqual(rules, set("WDPMSNA"))

    def test_every_planted_error_is_found_where_it_was_planted(self):
        for name, planted in self.manifest.items():
            with self.subTest(draft=name):
                report = self.check_json(os.path.join(self.dir, "planted", name))
                for want in planted["expected"]:
                    hits = [f for f in report["findings"] if f["rule"] == want["rule"]]
                    spans = [(f["offset_utf8"], f["length_utf8"]) for f in hits]
                    self.assertIn((want["offset_utf8"], want["length_utf8"]), spans,
                                  f"{want['rule']} at line {want['line']} (“{want['text']}”) not found; got {spans}")

    def test_clean_drafts_have_no_error(self):
        clean = sorted(os.listdir(os.path.join(self.dir, "clean")))
        self.assertEqual(len(clean), 37)
        for name in clean:
            with self.subTest(draft=name):
                report = self.check_json(os.path.join(self.dir, "clean", name))
                errors = [f for f in report["findings"] if f["severity"] == "error"]
                self.assertEqual(errors, [])
                self.assertIsNotNone(report["summary"]["body"], "the draft was matched to its framework body")

    def test_half_width_copies_read_the_same(self):
        # Web copies of published texts carry ASCII ( ) : , ; and spaces for the full-width marks.
        # Only the punctuation findings may change: every draft, clean and planted, written so is
        # read to the same structure, staffing and names findings.
        narrow = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "\u3000": " "})
        marks = lambda f: f["rule"].startswith("P") or f["rule"] in ("S06", "S16", "S02")
        out = tempfile.mkdtemp(prefix="sanding-narrow-")
        self.addCleanup(shutil.rmtree, out, True)
        for kind in ("clean", "planted"):
            for name in sorted(os.listdir(os.path.join(self.dir, kind))):
                with self.subTest(draft=name):
                    path = os.path.join(self.dir, kind, name)
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                    copy = os.path.join(out, name)
                    with open(copy, "w", encoding="utf-8") as f:
                        f.write(text.translate(narrow))
                    wide, half = self.check_json(path), self.check_json(copy)
                    read = lambda r: sorted((f["rule"], f["line"], f["message"]) for f in r["findings"] if not marks(f))
                    self.assertEqual(read(half), read(wide))
                    self.assertEqual(half["summary"]["body"], wide["summary"]["body"])

    def test_text_format_reads_like_a_compiler(self):
        name = next(n for n in self.manifest if "-w01-" in n)
        path = os.path.join(self.dir, "planted", name)
        r = sanding("check", path)
        self.assertEqual(r.returncode, 1)
        line = next(l for l in r.stdout.splitlines() if "[W01]" in l)
        want = self.manifest[name]["expected"][0]
        self.assertTrue(line.startswith(f"{path}:{want['line']}:"), line)
        self.assertIn(": error: ", line)
        self.assertIn("→ “其他”", line)


if __name__ == "__main__":
    unittest.main()
