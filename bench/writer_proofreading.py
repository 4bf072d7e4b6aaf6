"""Time for Writer's own proofreading path to go through a 37-article draft with the sanding
extension, in headless soffice (run by bench/writer_bench.sh with Debian's /usr/bin/python3).
Baseline in the same run: the same iteration over the same document in a locale no proofreader
serves (en-US), i.e. the cost of Writer's iteration and the UNO bridge alone."""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../tests/plugin"))
import uno  # noqa: E402
from office import Office  # noqa: E402

NUMERALS = "一二三四五六七八九十"


def numeral(n):
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    return NUMERALS[n // 10 - 1] + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")


def draft_paragraphs():
    """A 37-article draft: the usual articles, the duties article long, the rest repeated."""
    ps = ["清河市云溪区应急管理局职能配置、内设机构和人员编制规定", "（讨论稿）"]
    for n in range(1, 38):
        ps.append(f"第{numeral(n)}条\u3000区应急管理局负责全区应急管理工作,拟定应急预案并组织实施，完成区委、区政府交办的其它任务。")
        for i in range(1, 4):
            ps.append(f"（{numeral(i)}）负责全区安全生产综合监督管理工作，指导协调各街道和有关部门的安全生产工作。")
    return ps


def run(office, locale):
    doc = office.new_document(draft_paragraphs())
    loc = uno.createUnoStruct("com.sun.star.lang.Locale")
    loc.Language, loc.Country = locale
    text = doc.getText()
    cursor = text.createTextCursor()
    cursor.gotoStart(False)
    cursor.gotoEnd(True)
    cursor.setPropertyValue("CharLocaleAsian", loc)
    it = office.smgr.createInstanceWithContext("com.sun.star.linguistic2.ProofreadingIterator", office.ctx)
    times, errors = [], 0
    for _ in range(5):
        flat = doc.getFlatParagraphIterator(2, True)
        para = flat.getFirstPara()
        t0 = time.perf_counter()
        n = 0
        while para:
            r = it.checkSentenceAtPosition(doc, para, para.getText(), loc, 0, 0, -1)
            errors += len(r.aErrors)
            n += 1
            para = flat.getParaAfter(para)
        times.append((time.perf_counter() - t0) * 1000)
    doc.close(True)
    return statistics.median(times), n, errors // 5


office = Office()
try:
    zh, paragraphs, found = run(office, ("zh", "CN"))
    en, _, none = run(office, ("en", "US"))
finally:
    office.close()
print(f"Writer proofreading of a 37-article draft ({paragraphs} paragraphs) through ProofreadingIterator, headless soffice:")
print(f"  zh-CN with sanding: {zh:7.1f} ms median of 5   ({zh * 1000 / paragraphs:.0f} µs per paragraph, incl. the UNO bridge), {found} findings")
print(f"  en-US, no proofreader (baseline): {en:7.1f} ms, {none} findings   ratio {zh / en:.2f}")
