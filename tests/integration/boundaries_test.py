"""sanding boundaries on generated drafts of the demo district with planted overlaps and gaps
(boundaries_corpus.py): what a reviewer preparing the 职责边界协调会 would read."""
import glob
import json
import os
import shutil
import tempfile
import unittest

import boundaries_corpus
from harness import SANDING, ScratchTest, sanding

# The measured figures go to stdout (ctest -V shows them); the floors are what the test holds.
MIN_PRECISION = 0.8
MIN_RECALL = 0.95


class PlantedCorpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sanding-boundaries-")
        cls.planted = boundaries_corpus.generate(SANDING, cls.tmp)
        cls.files = sorted(glob.glob(os.path.join(cls.tmp, "drafts", "*.txt")))
        r = sanding("boundaries", *cls.files, "--format", "json")
        cls.status, cls.stderr = r.returncode, r.stderr
        cls.report = json.loads(r.stdout) if r.stdout else {}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def pairs_between(self, a, b):
        return [o for o in self.report["overlaps"] if {o["a"]["body"], o["b"]["body"]} == {a, b}]

    def test_planted_overlaps_found_and_distinct_duties_not_paired(self):
        self.assertEqual(self.status, 1, self.stderr)  # unresolved overlaps remain
        precision, recall, found = boundaries_corpus.score(self.planted, self.report)
        print(f"\nplanted overlaps {len(self.planted['overlaps'])}, reported {len(self.report['overlaps'])}, "
              f"precision {precision:.2f}, recall {recall:.2f}")
        missed = [(p["kind"], p["a"], p["b"]) for p in self.planted["overlaps"] if id(p) not in found]
        self.assertGreaterEqual(recall, MIN_RECALL, f"missed: {missed}")
        self.assertGreaterEqual(precision, MIN_PRECISION)
        for kind in ("reorder", "synonyms", "qualifiers", "split", "support"):
            self.assertTrue(any(p["kind"] == kind and id(p) in found for p in self.planted["overlaps"]), kind)

    def test_unresolved_first_and_resolution_by_division_item(self):
        overlaps = self.report["overlaps"]
        states = [o["resolved"] for o in overlaps]
        self.assertEqual(states, sorted(states), "unresolved pairs come first")
        planted_resolved = [p for p in self.planted["overlaps"] if p["resolved"]]
        for p in planted_resolved:
            pairs = self.pairs_between(p["a"], p["b"])
            self.assertTrue(pairs and all(o["resolved"] for o in pairs), p)
            self.assertIn("有关职责分工", pairs[0]["resolved_by"])
        self.assertEqual(sum(o["resolved"] for o in overlaps), len(planted_resolved))

    def test_lead_and_support_verbs(self):
        for p in self.planted["overlaps"]:
            pairs = self.pairs_between(p["a"], p["b"])
            if not pairs:
                continue
            if p["kind"] == "support" and p["a_text"].startswith("负责"):
                self.assertEqual(pairs[0]["verbs"], "division", p)
                self.assertIn("配合", pairs[0]["verbs_label"])
            if p["kind"] == "reorder" and p["a_text"].startswith("负责") and p["b_texts"][0].startswith("负责"):
                self.assertEqual(pairs[0]["verbs"], "conflict", p)

    def test_gaps(self):
        gaps = self.report["gaps"]
        uncovered = sorted(g["catalogue_id"] for g in gaps if g["kind"] == "uncovered")
        self.assertEqual(uncovered, sorted(u["duty"] for u in self.planted["uncovered"]))
        for u in self.planted["no_unit"]:
            self.assertTrue(any(g["kind"] == "no-unit" and g["body"] == u["body"] and g["text"] == u["text"]
                                for g in gaps), u)
        unclaimed = [(g["body"], g["text"]) for g in gaps if g["kind"] == "division-unclaimed"]
        self.assertEqual(sorted(unclaimed), sorted((d["body"], "负责" + d["text"]) for d in self.planted["division_unclaimed"]))
        g = next(g for g in gaps if g["kind"] == "division-unclaimed")
        self.assertIn("草案没有载明这项职责", g["message"])

    def test_shared_part_marked_in_text_report(self):
        r = sanding("boundaries", *self.files)
        self.assertEqual(r.returncode, 1, r.stderr)
        first = r.stdout.splitlines()[0]
        self.assertRegex(first, r"^职责交叉 \d+ 处（未解决 \d+ 处），职责空白 \d+ 处$")
        self.assertIn("【", r.stdout)
        self.assertIn("相似度", r.stdout)
        o = self.report["overlaps"][0]
        for side in (o["a"], o["b"]):
            text = side["text"].encode()
            self.assertTrue(side["shared"])
            for begin, end in side["shared"]:
                text[begin:end].decode()  # on character boundaries


class CommandLine(ScratchTest):
    def test_fresh_model_drafts_pair_nothing(self):
        """Every body's draft straight from the model text holds the same 【待填写】 items: they are
        no duty yet, so no body is paired with another (it was 666 pairs for the 37 bodies)."""
        d = tempfile.mkdtemp(dir=self.tmp)
        self.assertEqual(sanding("render", "--all", "--text", "-o", d).returncode, 0)
        r = sanding("boundaries", "--format", "json", *sorted(glob.glob(os.path.join(d, "*.txt"))))
        report = json.loads(r.stdout)
        self.assertEqual(report["overlaps"], [], r.stdout[:2000])
        self.assertIn("职责交叉 0 处", sanding("boundaries", *sorted(glob.glob(os.path.join(d, "*.txt")))).stdout)

    def test_bad_options_say_what_was_wrong(self):
        for args, needle in [(["--min-score", "2", "x.txt"], "--min-score"),
                             (["--format", "xml", "x.txt"], "--format"),
                             ([], "须指定至少一个草案文件"),
                             ([self.path("missing.txt")], "missing.txt")]:
            r = sanding("boundaries", *args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn(needle, r.stderr)

    def test_higher_threshold_reports_fewer_pairs(self):
        d = self.path("c")
        boundaries_corpus.generate(SANDING, d)
        files = sorted(glob.glob(os.path.join(d, "drafts", "*.txt")))
        low = json.loads(sanding("boundaries", *files, "--format", "json").stdout)
        high = json.loads(sanding("boundaries", *files, "--format", "json", "--min-score", "0.95").stdout)
        self.assertLess(len(high["overlaps"]), len(low["overlaps"]))
        self.assertTrue(all(o["score"] >= 0.95 for o in high["overlaps"]))
        none = json.loads(sanding("boundaries", *files, "--format", "json", "--no-catalogue").stdout)
        self.assertFalse([g for g in none["gaps"] if g["kind"] == "uncovered"])
        self.assertEqual(len(none["overlaps"]), len(low["overlaps"]))


if __name__ == "__main__":
    unittest.main()
