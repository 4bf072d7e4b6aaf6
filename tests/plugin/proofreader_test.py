"""The extension's proofreader in real LibreOffice: Writer's own proofreading path
(ProofreadingIterator over a document's flat paragraphs) reports sanding's rule ids, UTF-16 spans,
Chinese comments and suggestions for text in zh-CN."""
import unittest

import uno

from office import Office

PARAGRAPHS = [
    "（二）完成区委、区政府交办的其它任务。",
    "（三）负责全区应急管理工作,拟定应急预案。",
    "本段没有问题。",
]


class ProofreaderInWriter(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.office = Office()
        cls.doc = cls.office.new_document(PARAGRAPHS)
        cls.iterator = cls.office.smgr.createInstanceWithContext("com.sun.star.linguistic2.ProofreadingIterator", cls.office.ctx)

    @classmethod
    def tearDownClass(cls):
        cls.doc.close(True)
        cls.office.close()

    def check(self, index):
        """What Writer's proofreading iterator reports for paragraph `index`."""
        flat = self.doc.getFlatParagraphIterator(2, True)  # TextMarkupType.PROOFREADING, automatic
        para = flat.getFirstPara()
        for _ in range(index):
            para = flat.getParaAfter(para)
        text = para.getText()
        zh = uno.createUnoStruct("com.sun.star.lang.Locale")
        zh.Language, zh.Country = "zh", "CN"
        result = self.iterator.checkSentenceAtPosition(self.doc, para, text, zh, 0, 0, -1)
        return text, result

    def test_the_sanding_proofreader_is_registered_for_zh_cn(self):
        lsm = self.office.smgr.createInstanceWithContext("com.sun.star.linguistic2.LinguServiceManager", self.office.ctx)
        zh = uno.createUnoStruct("com.sun.star.lang.Locale")
        zh.Language, zh.Country = "zh", "CN"
        available = lsm.getAvailableServices("com.sun.star.linguistic2.Proofreader", zh)
        self.assertIn("org.sanding.Proofreader", available)

    def test_wording_error_with_span_and_suggestion(self):
        text, r = self.check(0)
        errors = {e.aRuleIdentifier: e for e in r.aErrors}
        self.assertIn("W01", errors)
        e = errors["W01"]
        self.assertEqual(text[e.nErrorStart:e.nErrorStart + e.nErrorLength], "其它")
        self.assertEqual(tuple(e.aSuggestions), ("其他",))
        self.assertIn("其他", e.aShortComment)

    def test_two_errors_in_one_item(self):
        text, r = self.check(1)
        found = {(e.aRuleIdentifier, text[e.nErrorStart:e.nErrorStart + e.nErrorLength]) for e in r.aErrors}
        self.assertIn(("P01", ","), found)
        self.assertIn(("D06", "拟定"), found)

    def test_clean_paragraph_has_no_error(self):
        _, r = self.check(2)
        self.assertEqual(len(r.aErrors), 0)


if __name__ == "__main__":
    unittest.main()
