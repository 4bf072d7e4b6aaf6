"""The checker on excerpts of published 三定 regulations (tests/data/real, sources in SOURCES.tsv):
every finding has a judgement in judgements.tsv (file, rule, line, verdict, reason), every
judgement still has its finding, and no error-severity finding is judged false. Real mistakes in
real texts are judged true and stay found."""
import collections
import csv
import json
import os
import unittest

from harness import sanding

REAL = os.path.join(os.path.dirname(__file__), "..", "data", "real")


def read_tsv(name):
    with open(os.path.join(REAL, name), encoding="utf-8") as f:
        return [r for r in csv.DictReader(f, delimiter="\t") if not r[next(iter(r))].startswith("#")]


class CheckerOnRealTexts(unittest.TestCase):
    def test_every_text_has_its_source(self):
        texts = sorted(f for f in os.listdir(REAL) if f.endswith(".txt"))
        sources = {r["file"] for r in read_tsv("SOURCES.tsv")}
        self.assertTrue(texts)
        self.assertEqual(set(texts), sources)

    def test_every_finding_is_judged_and_no_error_is_false(self):
        judged = collections.Counter()
        verdicts = {}
        for r in read_tsv("judgements.tsv"):
            key = (r["file"], r["rule"], int(r["line"]))
            judged[key] += 1
            self.assertIn(r["verdict"], ("true", "false"), r)
            self.assertTrue(r["reason"].strip(), r)
            verdicts[key] = r["verdict"]
        found = collections.Counter()
        severity = {}
        for name in sorted(f for f in os.listdir(REAL) if f.endswith(".txt")):
            out = sanding("check", "--format", "json", os.path.join(REAL, name))
            self.assertIn(out.returncode, (0, 1), out.stderr)
            for f in json.loads(out.stdout)["findings"]:
                key = (name, f["rule"], f["line"])
                found[key] += 1
                severity[key] = f["severity"]
        self.assertEqual(found - judged, collections.Counter(), "findings without a judgement")
        self.assertEqual(judged - found, collections.Counter(), "judgements whose finding is gone")
        false_errors = [k for k in found if severity[k] == "error" and verdicts.get(k) == "false"]
        self.assertEqual(false_errors, [])
        false_warnings = collections.Counter(k[1] for k in found if severity[k] != "error" and verdicts.get(k) == "false")
        print("warnings and infos judged false, per rule:", dict(false_warnings))



class RuleSetCounts(unittest.TestCase):
    def test_rules_list_shows_the_count_of_every_set(self):
        out = sanding("rules", "list")
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = {l.split("（")[0] for l in out.stdout.splitlines() if l.startswith("规则集 ")}
        self.assertIn("规则集 公文常见别字", lines)
        self.assertTrue(any("异形词" in l for l in lines))
        for l in out.stdout.splitlines():
            if l.startswith("规则集 "):
                self.assertRegex(l, r"：[1-9][0-9]* 条规则，[1-9][0-9]* 个示例$")


if __name__ == "__main__":
    unittest.main()
