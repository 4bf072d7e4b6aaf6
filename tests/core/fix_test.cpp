// Safe fixes: as edits of plain text, and as tracked changes (修订) in an .odt that the drafter can
// accept or reject in Writer.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/fix.hpp"
#include "sanding/framework.hpp"
#include "sanding/model_text.hpp"
#include "sanding/odf_fix.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/render.hpp"
#include "sanding/zip.hpp"

using namespace sanding;
using namespace sanding::test;

namespace {

Finding safe(std::size_t offset, std::size_t length, std::string suggestion, int paragraph = 0) {
    Finding f;
    f.rule = "T01";
    f.safe_fix = true;
    f.paragraph = paragraph;
    f.offset_utf8 = offset;
    f.length_utf8 = length;
    f.suggestions = {std::move(suggestion)};
    return f;
}

std::vector<std::string> texts(const Document& d) {
    std::vector<std::string> out;
    for (const auto& p : d.paragraphs) out.push_back(p.text);
    return out;
}

std::string content_xml(const std::string& odt) {
    return ZipArchive(odt).read("content.xml");
}

// A minimal .odt around the given office:text content.
std::string hand_built_odt(const std::string& body) {
    ZipWriter z;
    z.add("mimetype", "application/vnd.oasis.opendocument.text", false);
    z.add("content.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<office:document-content "
          "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
          "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
          "<office:body><office:text>" +
              body + "</office:text></office:body></office:document-content>");
    return z.finish();
}

constexpr const char* kTitle =
    "<text:p>清河市云溪区统计局职能配置、内设机构和人员编制规定</text:p>";

// The rules of the safe findings.
std::vector<std::string> safe_rules(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs)
        if (f.safe_fix) out.push_back(f.rule);
    return out;
}

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

// --- edits of plain text -------------------------------------------------------------------------

TEST(FixEdits, OnlySafeFixesWithASuggestionBecomeEdits) {
    std::vector<Finding> fs = {safe(6, 3, "x"), safe(0, 3, "y")};
    Finding unsafe = safe(3, 3, "z");
    unsafe.safe_fix = false;
    Finding empty = safe(9, 3, "w");
    empty.suggestions.clear();
    Finding two = safe(12, 3, "first");
    two.suggestions.push_back("second");
    fs.push_back(unsafe);
    fs.push_back(empty);
    fs.push_back(two);

    const auto edits = safe_fix_edits(fs, 100);
    ASSERT_EQ(edits.size(), 3u);
    EXPECT_EQ(edits[0].offset, 100u);  // sorted by offset, shifted by base
    EXPECT_EQ(edits[0].length, 3u);
    EXPECT_EQ(edits[0].replacement, "y");
    EXPECT_EQ(edits[1].offset, 106u);
    EXPECT_EQ(edits[1].replacement, "x");
    EXPECT_EQ(edits[2].offset, 112u);
    EXPECT_EQ(edits[2].replacement, "first");
}

TEST(FixEdits, OverlappingEditsAreDropped) {
    // 。。。 at 0: the first edit from the left wins; one overlapping it is dropped, one just
    // after it is kept.
    const auto edits = safe_fix_edits({safe(3, 6, "。"), safe(0, 9, "……"), safe(9, 3, "！")});
    ASSERT_EQ(edits.size(), 2u);
    EXPECT_EQ(edits[0].offset, 0u);
    EXPECT_EQ(edits[0].replacement, "……");
    EXPECT_EQ(edits[1].offset, 9u);
    EXPECT_EQ(edits[1].replacement, "！");
    EXPECT_EQ(apply_edits("。。。，尾", edits), "……！尾");

    // Two insertions at one place: only the first.
    const auto ins = safe_fix_edits({safe(3, 0, "甲"), safe(3, 0, "乙")});
    ASSERT_EQ(ins.size(), 1u);
    EXPECT_EQ(apply_edits("一二", ins), "一甲二");
}

TEST(FixEdits, EditsApplyAtTheirOriginalOffsets) {
    const std::string text = "其它任务，其它工作。";
    // A longer replacement first does not shift the one after it (applied as if right to left).
    EXPECT_EQ(apply_edits(text, {{0, 6, "其他的"}, {15, 6, "其他"}}), "其他的任务，其他工作。");
    // Deletion: an empty replacement.
    EXPECT_EQ(apply_edits("编制 32名", {{6, 1, ""}}), "编制32名");
    // Insertion: a zero-length edit, also at the very end.
    EXPECT_EQ(apply_edits("（一）负责工作", {{15, 0, "全区"}, {21, 0, "。"}}),
              "（一）负责全区工作。");
    EXPECT_EQ(apply_edits("负责", {{6, 0, "。"}}), "负责。");
    // No edits; an edit past the end is ignored.
    EXPECT_EQ(apply_edits(text, {}), text);
    EXPECT_EQ(apply_edits("负责", {{3, 6, "x"}}), "负责");
}

// --- tracked changes in an .odt ------------------------------------------------------------------

TEST(FixOdt, SafeFixBecomesATrackedChangeInARenderedDraft) {
    const BodyFacts& nr = *demo().find("natural-resources");
    const ModelTextLibrary lib = ModelTextLibrary::load_dir(kTemplates + "/model-texts");
    Regulation reg = fill_model_text(lib.for_kind(nr.kind), demo(), nr);
    const std::string planted = "（二）完成区委、区政府交办的其它任务。";
    int planted_in = 0;
    for (auto& a : reg.articles)
        for (auto& p : a.paragraphs)
            if (p == "（二）完成区委、区政府交办的其他任务。") p = planted, ++planted_in;
    ASSERT_EQ(planted_in, 1);
    const std::string odt = render_odt(reg);

    const Document before = read_odt(odt);
    int p = -1;
    for (std::size_t i = 0; i < before.paragraphs.size(); ++i)
        if (before.paragraphs[i].text == planted) p = static_cast<int>(i);
    ASSERT_GE(p, 0);

    const CheckResult checked = checker().check(before, {&demo(), "natural-resources"});
    std::vector<Finding> safe_ones;
    for (const auto& f : checked.findings)
        if (f.safe_fix) safe_ones.push_back(f);
    ASSERT_EQ(safe_ones.size(), 1u);
    EXPECT_EQ(safe_ones[0].rule, "W01");
    EXPECT_EQ(safe_ones[0].paragraph, p);

    const OdtFixResult fixed = apply_fixes_as_tracked_changes(odt, checked.findings);
    EXPECT_EQ(fixed.applied, 1u);
    EXPECT_EQ(fixed.skipped, 0u);

    // Read back: the deleted text is out of the flow, the inserted text in it; nothing else moved.
    const Document after = read_odt(fixed.odt);
    std::vector<std::string> want = texts(before);
    want[p] = "（二）完成区委、区政府交办的其他任务。";
    EXPECT_EQ(texts(after), want);
    for (const auto& f : checker().check(after, {&demo(), "natural-resources"}).findings)
        EXPECT_NE(f.rule, "W01");

    // content.xml: one deletion region holding 其它, one insertion region, both referenced.
    const std::string xml = content_xml(fixed.odt);
    EXPECT_EQ(count(xml, "<text:tracked-changes"), 1u);
    EXPECT_EQ(count(xml, "<text:changed-region"), 2u);
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
    const pugi::xml_node text = doc.document_element().child("office:body").child("office:text");
    const pugi::xml_node tracked = text.first_child();
    ASSERT_STREQ(tracked.name(), "text:tracked-changes");
    std::string deletion_id, insertion_id;
    int deletions = 0, insertions = 0;
    for (auto region : tracked.children("text:changed-region")) {
        if (auto d = region.child("text:deletion")) {
            ++deletions;
            deletion_id = region.attribute("text:id").value();
            EXPECT_STREQ(d.child("text:p").child_value(), "其它");
            EXPECT_STREQ(d.child("office:change-info").child("dc:creator").child_value(),
                         "sanding");
            EXPECT_STRNE(d.child("office:change-info").child("dc:date").child_value(), "");
        }
        if (auto i = region.child("text:insertion")) {
            ++insertions;
            insertion_id = region.attribute("text:id").value();
            EXPECT_STREQ(i.child("office:change-info").child("dc:creator").child_value(),
                         "sanding");
        }
    }
    EXPECT_EQ(deletions, 1);
    EXPECT_EQ(insertions, 1);
    ASSERT_FALSE(deletion_id.empty());
    ASSERT_FALSE(insertion_id.empty());
    EXPECT_NE(deletion_id, insertion_id);
    const auto change = text.find_node(
        [](pugi::xml_node n) { return std::string_view(n.name()) == "text:change"; });
    ASSERT_TRUE(change);
    EXPECT_EQ(std::string(change.attribute("text:change-id").value()), deletion_id);
    const pugi::xml_node start = change.next_sibling();
    ASSERT_STREQ(start.name(), "text:change-start");
    EXPECT_EQ(std::string(start.attribute("text:change-id").value()), insertion_id);
    EXPECT_STREQ(start.next_sibling().value(), "其他");
    const pugi::xml_node end = start.next_sibling().next_sibling();
    ASSERT_STREQ(end.name(), "text:change-end");
    EXPECT_EQ(std::string(end.attribute("text:change-id").value()), insertion_id);
    EXPECT_STREQ(change.previous_sibling().value(), "（二）完成区委、区政府交办的");
    EXPECT_STREQ(end.next_sibling().value(), "任务。");

    // The rest of the package is kept as it was.
    const ZipArchive in(odt), out(fixed.odt);
    ASSERT_EQ(out.entries().size(), in.entries().size());
    for (std::size_t i = 0; i < in.entries().size(); ++i) {
        EXPECT_EQ(out.entries()[i].name, in.entries()[i].name);
        if (in.entries()[i].name != "content.xml") {
            EXPECT_EQ(out.read(in.entries()[i].name), in.read(in.entries()[i].name))
                << in.entries()[i].name;
        }
    }
    EXPECT_EQ(out.read("mimetype"), "application/vnd.oasis.opendocument.text");
    EXPECT_EQ(out.entries()[0].name, "mimetype");
    EXPECT_EQ(out.entries()[0].method, 0);  // stored, as ODF requires

    // The author is recorded as given.
    const std::string by =
        content_xml(apply_fixes_as_tracked_changes(odt, checked.findings, "区编办").odt);
    EXPECT_EQ(count(by, "<dc:creator>区编办</dc:creator>"), 2u);
}

TEST(FixOdt, FixWhoseSpanCrossesTwoSpansIsSkipped) {
    const std::string odt =
        hand_built_odt(std::string(kTitle) +
                       "<text:p>完成区委、区政府交办的其<text:span>它</text:span>任务。</text:p>"
                       "<text:p>本规定自2027年1月1日起施行。</text:p>");
    const Document before = read_odt(odt);
    ASSERT_EQ(texts(before),
              (std::vector<std::string>{"清河市云溪区统计局职能配置、内设机构和人员编制规定",
                                        "完成区委、区政府交办的其它任务。",
                                        "本规定自2027年1月1日起施行。"}));
    const auto findings = checker().check(before).findings;
    ASSERT_EQ(safe_rules(findings), (std::vector<std::string>{"W01"}));

    const OdtFixResult fixed = apply_fixes_as_tracked_changes(odt, findings);
    EXPECT_EQ(fixed.applied, 0u);
    EXPECT_EQ(fixed.skipped, 1u);
    EXPECT_EQ(texts(read_odt(fixed.odt)), texts(before));
    const std::string xml = content_xml(fixed.odt);
    EXPECT_EQ(count(xml, "tracked-changes"), 0u);
    EXPECT_EQ(count(xml, "text:change"), 0u);
    EXPECT_EQ(count(xml, "其<text:span>它</text:span>"), 1u);
}

TEST(FixOdt, FixesInsideOneTextNodeApplyNextToOneThatIsSkipped) {
    const std::string odt =
        hand_built_odt(std::string(kTitle) +
                       "<text:p>完成区委、区政府交办的其<text:span>它</text:span>任务。</text:p>"
                       "<text:p>负责其它工作<text:span>和</text:span>其它事项。</text:p>");
    const Document before = read_odt(odt);
    const auto findings = checker().check(before).findings;
    ASSERT_EQ(safe_rules(findings), (std::vector<std::string>{"W01", "W01", "W01"}));

    const OdtFixResult fixed = apply_fixes_as_tracked_changes(odt, findings);
    EXPECT_EQ(fixed.applied, 2u);
    EXPECT_EQ(fixed.skipped, 1u);
    EXPECT_EQ(
        texts(read_odt(fixed.odt)),
        (std::vector<std::string>{"清河市云溪区统计局职能配置、内设机构和人员编制规定",
                                  "完成区委、区政府交办的其它任务。", "负责其他工作和其他事项。"}));
    const std::string xml = content_xml(fixed.odt);
    EXPECT_EQ(count(xml, "<text:changed-region"), 4u);
    EXPECT_EQ(count(xml, "<text:deletion>"), 2u);
    EXPECT_EQ(count(xml, "<text:insertion>"), 2u);
}

TEST(FixOdt, NoSafeFixLeavesTheTextAsItWas) {
    const std::string odt = hand_built_odt("<text:p>负责全区统计调查工作。</text:p>");
    const OdtFixResult fixed = apply_fixes_as_tracked_changes(odt, {});
    EXPECT_EQ(fixed.applied, 0u);
    EXPECT_EQ(fixed.skipped, 0u);
    EXPECT_EQ(texts(read_odt(fixed.odt)), (std::vector<std::string>{"负责全区统计调查工作。"}));
    EXPECT_EQ(count(content_xml(fixed.odt), "tracked-changes"), 0u);
}
