// The checker with the real rule sets (templates/rules) and the demo framework: what a drafter
// sees for small drafts, with exact rule ids, spans, positions and suggestions.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/fix.hpp"
#include "sanding/error.hpp"
#include "sanding/framework.hpp"
#include "sanding/model_text.hpp"
#include "sanding/render.hpp"
#include "sanding/text.hpp"
#include "sanding/text_input.hpp"

using namespace sanding;
using namespace sanding::test;

namespace {

// A small, clean draft for 区统计局 (no findings without a framework); tests change its lines.
std::vector<std::string> statistics_draft() {
    return {
        "清河市云溪区统计局职能配置、内设机构和人员编制规定",
        "（讨论稿）",
        "第一条　根据《清河市云溪区机构改革方案》，制定本规定。",
        "第二条　清河市云溪区统计局（以下简称区统计局）是区政府工作部门，为正科级。",
        "第三条　区统计局贯彻落实党中央、省委和市委关于统计工作的方针政策和决策部署，在履行职责过程"
        "中坚持和加强党对统计工作的集中统一领导。主要职责是：",
        "（一）负责全区统计调查工作。",
        "（二）完成区委、区政府交办的其他任务。",
        "第四条　区统计局设下列内设机构：",
        "（一）办公室。负责机关日常运转。",
        "（二）统计调查股。负责统计调查。",
        "第五条　区统计局机关行政编制12名。设局长1名，副局长2名；股级领导职数2名。",
        "第六条　本规定由区委机构编制委员会办公室负责解释，其调整由区委机构编制委员会办公室按规定程"
        "序办理。",
        "第七条　本规定自2027年1月1日起施行。",
    };
}
enum StatisticsLine {
    kTitle = 0,
    kBasis = 2,
    kNature = 3,
    kDuties = 4,
    kDuty1 = 5,
    kEntrusted = 6,
    kUnits = 7,
    kUnit1 = 8,
    kUnit2 = 9,
    kStaffing = 10,
    kInterpretation = 11,
    kEffective = 12
};

// The same for 区自然资源局, with as many units and posts as the demo framework allows.
std::vector<std::string> natural_resources_draft() {
    return {
        "清河市云溪区自然资源局职能配置、内设机构和人员编制规定",
        "（讨论稿）",
        "第一条　根据《清河市云溪区机构改革方案》，制定本规定。",
        "第二条　清河市云溪区自然资源局（以下简称区自然资源局）是区政府工作部门，为正科级，加挂区林"
        "业局牌子。",
        "第三条　区自然资源局贯彻落实党中央、省委和市委关于自然资源工作的方针政策和决策部署，在履行"
        "职责过程中坚持和加强党对自然资源工作的集中统一领导。主要职责是：",
        "（一）负责全区自然资源调查监测工作。",
        "（二）完成区委、区政府交办的其他任务。",
        "第四条　区自然资源局设下列内设机构：",
        "（一）办公室。负责相关工作。",
        "（二）自然资源调查监测股。负责相关工作。",
        "（三）自然资源确权登记股。负责相关工作。",
        "（四）国土空间规划股。负责相关工作。",
        "（五）国土空间用途管制股。负责相关工作。",
        "（六）耕地保护监督股。负责相关工作。",
        "（七）国土空间生态修复股。负责相关工作。",
        "（八）林业股。负责相关工作。",
        "第五条　区自然资源局机关行政编制32名。设局长1名，副局长3名；股级领导职数9名。",
        "第六条　本规定由区委机构编制委员会办公室负责解释，其调整由区委机构编制委员会办公室按规定程"
        "序办理。",
        "第七条　本规定自2027年1月1日起施行。",
    };
}
constexpr int kNrUnits = 7, kNrStaffing = 16;

std::string join(const std::vector<std::string>& lines, const char* eol = "\n") {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? eol : "") + lines[i];
    return out;
}

// Replaces the one occurrence of `from` in s.
std::string replace(std::string s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

struct Checked {
    Document doc;
    CheckResult result;
    const std::vector<Finding>& findings() const { return result.findings; }
};

Checked check_lines(const std::vector<std::string>& lines, const CheckOptions& options = {}) {
    Checked c{document_from_text(join(lines)), {}};
    c.result = checker().check(c.doc, options);
    return c;
}

std::vector<std::string> ids(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.rule);
    return out;
}
using Ids = std::vector<std::string>;

std::string flagged(const std::string& paragraph, const Finding& f) {
    return paragraph.substr(f.offset_utf8, f.length_utf8);
}
std::string flagged(const Document& d, const Finding& f) {
    return flagged(d.paragraphs[f.paragraph].text, f);
}

// Byte offset of the only occurrence of needle in text.
std::size_t offset_of(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle << " not in " << text;
    EXPECT_EQ(text.find(needle, at + 1), std::string::npos) << needle << " twice in " << text;
    return at;
}

// Expects the single finding of a draft to be `rule` on `needle` in paragraph p.
void expect_only(const Checked& c, const std::string& rule, int p, const std::string& needle) {
    ASSERT_EQ(ids(c.findings()), Ids{rule});
    const Finding& f = c.findings()[0];
    EXPECT_EQ(f.paragraph, p);
    EXPECT_EQ(f.offset_utf8, offset_of(c.doc.paragraphs[p].text, needle));
    EXPECT_EQ(f.length_utf8, needle.size());
    EXPECT_EQ(flagged(c.doc, f), needle);
}

}  // namespace

// --- the rule sets themselves ----------------------------------------------------------------

TEST(CheckRules, RealRuleSetsLoadAndEveryExamplePasses) {
    std::vector<std::string> set_ids;
    for (const auto& set : checker().sets()) set_ids.push_back(set.id);
    EXPECT_NE(std::find(set_ids.begin(), set_ids.end(), "phrasing"), set_ids.end());
    EXPECT_NE(std::find(set_ids.begin(), set_ids.end(), "structure"), set_ids.end());
    EXPECT_TRUE(checker().example_failures(&demo()).empty());
    EXPECT_NO_THROW(checker().verify_examples(&demo()));
    ASSERT_NE(checker().find_rule("W01"), nullptr);
    EXPECT_EQ(checker().find_rule("W01")->file, kTemplates + "/rules/phrasing.xml");
    EXPECT_EQ(checker().find_rule("Z99"), nullptr);
}

TEST(CheckRules, TheCleanDraftHasNoFindings) {
    const Checked c = check_lines(statistics_draft());
    EXPECT_EQ(ids(c.findings()), Ids{});
    EXPECT_EQ(c.result.body, nullptr);
    EXPECT_EQ(c.result.regulation.body.short_name, "区统计局");
}

// --- pattern rules ------------------------------------------------------------------------------

TEST(CheckLiteral, QitaIsFlaggedWithItsPositionLineColumnAndArticle) {
    auto lines = statistics_draft();
    lines[kEntrusted] = "（二）完成区委、区政府交办的其它任务。";
    lines[kInterpretation] += "其它事项另行规定。";
    for (const char* eol : {"\n", "\r\n"}) {
        SCOPED_TRACE(eol[0] == '\r' ? "CRLF" : "LF");
        const Document doc = document_from_text(join(lines, eol));
        const std::vector<Finding> fs = checker().check(doc).findings;
        // The 交办 item with 其它 is still the 交办 item: no S07 "missing", no D01 "no verb".
        ASSERT_EQ(ids(fs), (Ids{"W01", "W01"}));

        const Finding& f = fs[0];
        EXPECT_EQ(f.paragraph, kEntrusted);
        EXPECT_EQ(f.offset_utf8, 42u);  // （二）完成区委、区政府交办的 = 14 characters of 3 bytes
        EXPECT_EQ(f.length_utf8, 6u);
        EXPECT_EQ(f.offset_utf16, 14u);
        EXPECT_EQ(f.length_utf16, 2u);
        EXPECT_EQ(f.line, 7);
        EXPECT_EQ(f.column, 15);
        EXPECT_EQ(f.article, "第三条");
        EXPECT_EQ(f.severity, Severity::Error);
        EXPECT_EQ(f.category, Category::Wording);
        EXPECT_EQ(f.message, "“其它”应写作“其他”。");
        EXPECT_EQ(f.suggestions, (std::vector<std::string>{"其他"}));
        EXPECT_TRUE(f.safe_fix);
        EXPECT_EQ(flagged(doc, f), "其它");

        const Finding& g = fs[1];
        EXPECT_EQ(g.paragraph, kInterpretation);
        EXPECT_EQ(g.offset_utf8, offset_of(lines[kInterpretation], "其它"));
        EXPECT_EQ(g.offset_utf16, 49u);  // 第六条　 + 45 characters before it
        EXPECT_EQ(g.line, 12);
        EXPECT_EQ(g.column, 50);
        EXPECT_EQ(g.article, "第六条");
    }
}

TEST(CheckContext, JiezhiIsFlaggedOnlyBeforeATime) {
    const std::string text = "截止2026年底，全区共有综合行政执法人员300名。";
    auto fs = checker().check_paragraph(text);
    ASSERT_EQ(ids(fs), Ids{"W04"});
    EXPECT_EQ(fs[0].offset_utf8, 0u);
    EXPECT_EQ(fs[0].length_utf8, 6u);  // the context 2026年 is not part of the span
    EXPECT_EQ(fs[0].suggestions, (std::vector<std::string>{"截至"}));
    EXPECT_TRUE(fs[0].safe_fix);
    EXPECT_EQ(apply_edits(text, safe_fix_edits(fs)),
              "截至2026年底，全区共有综合行政执法人员300名。");

    fs = checker().check_paragraph("全区人员统计截止目前已完成。");
    ASSERT_EQ(ids(fs), Ids{"W04"});
    EXPECT_EQ(flagged("全区人员统计截止目前已完成。", fs[0]), "截止");

    EXPECT_EQ(ids(checker().check_paragraph("申报截止日期由区自然资源局公布。")), Ids{});
    EXPECT_EQ(ids(checker().check_paragraph("截至2026年底，全区共有综合行政执法人员300名。")),
              Ids{});
}

TEST(CheckContext, SpaceBetweenHanziAndDigitFlagsTheSpaceOnly) {
    const std::string text = "区自然资源局机关行政编制 32名。设局长1 名，副局长3名。";
    const auto fs = checker().check_paragraph(text);
    ASSERT_EQ(ids(fs), (Ids{"M06", "M06"}));
    EXPECT_EQ(fs[0].offset_utf8, offset_of(text, "制 3") + 3);
    EXPECT_EQ(fs[0].length_utf8, 1u);
    EXPECT_EQ(fs[0].offset_utf16, 12u);
    EXPECT_EQ(fs[0].length_utf16, 1u);
    EXPECT_EQ(fs[0].suggestions, (std::vector<std::string>{""}));
    EXPECT_TRUE(fs[0].safe_fix);
    EXPECT_EQ(fs[1].offset_utf8, offset_of(text, "1 名") + 1);
    EXPECT_EQ(fs[1].length_utf8, 1u);
    EXPECT_EQ(apply_edits(text, safe_fix_edits(fs)),
              "区自然资源局机关行政编制32名。设局长1名，副局长3名。");

    // A full-width space after 第一条 is the required separator; spaces between words are not M06.
    EXPECT_EQ(ids(checker().check_paragraph("第一条　根据《云溪区机构改革方案》，制定本规定。")),
              Ids{});
    EXPECT_EQ(ids(checker().check_paragraph("区统计局 机关 行政编制32名。")), Ids{});
}

TEST(CheckException, QuanguoIsFlaggedButNotInQuanguoRenminDaibiaoDahui) {
    const std::string text =
        "（一）负责全国人民代表大会代表选举统计工作，负责全国经济普查有关工作。";
    const auto fs = checker().check_paragraph(text);
    ASSERT_EQ(ids(fs), Ids{"D10"});
    EXPECT_EQ(fs[0].offset_utf8, offset_of(text, "全国经济"));
    EXPECT_EQ(fs[0].length_utf8, 6u);
    EXPECT_EQ(fs[0].offset_utf16, 24u);
    EXPECT_EQ(fs[0].suggestions, (std::vector<std::string>{"全区"}));
    EXPECT_FALSE(fs[0].safe_fix);
    EXPECT_EQ(ids(checker().check_paragraph("（一）组织参与全国人民代表大会代表选举统计工作。")),
              Ids{});
    EXPECT_EQ(ids(checker().check_paragraph("（一）组织参与全国性、行业性统计调查。")), Ids{});
}

TEST(CheckScope, JinyibuIsFlaggedInDutyAndUnitItemsOnly) {
    auto lines = statistics_draft();
    lines[kBasis] = "第一条　根据《清河市云溪区机构改革方案》，进一步明确职责，制定本规定。";
    lines[kDuty1] = "（一）负责进一步完善全区统计调查制度。";
    lines[kUnit2] = "（二）统计调查股。负责进一步规范统计调查。";
    lines.insert(lines.begin() + kEntrusted + 1,
                 "（三）职能转变。区统计局要进一步提高统计数据质量。");
    const Checked c = check_lines(lines);
    ASSERT_EQ(ids(c.findings()), (Ids{"D07", "D07"}));
    const Finding& duty = c.findings()[0];
    EXPECT_EQ(duty.paragraph, kDuty1);
    EXPECT_EQ(duty.offset_utf8, 15u);
    EXPECT_EQ(duty.length_utf8, 9u);
    EXPECT_EQ(duty.article, "第三条");
    EXPECT_EQ(duty.suggestions, (std::vector<std::string>{""}));
    EXPECT_FALSE(duty.safe_fix);
    const Finding& unit = c.findings()[1];
    EXPECT_EQ(unit.paragraph, kUnit2 + 1);
    EXPECT_EQ(flagged(c.doc, unit), "进一步");
    EXPECT_EQ(unit.offset_utf8, offset_of(c.doc.paragraphs[kUnit2 + 1].text, "进一步"));
    EXPECT_EQ(unit.article, "第四条");
}

// Rules of the title, the staffing article and the effective article are scanned over those
// paragraphs only, which lie apart in the draft: each is found in its own paragraph, in a copied
// draft and in text read in place alike, and N09's words in a duty item are not its business.
TEST(CheckScope, RulesOfAFewArticlesAreFoundThereAndOnlyThere) {
    auto lines = statistics_draft();
    lines[kTitle] = "清河市云溪区统计局职能配置内设机构和人员编制规定";
    lines[kDuty1] = "（一）负责全区统计调查工作，统计编制和事业编制共用的数据。";
    lines[kStaffing] =
        "第五条　区统计局机关行政编制和事业编制共12名。设局长1名，副局长2名；股级领导职数2名。";
    lines[kEffective] = "第七条　本规定自2027年01月1日起施行。";
    const Checked copied = check_lines(lines);
    const std::string text = join(lines);
    const TextParagraphs views = text_paragraphs(text);
    const CheckResult in_place = checker().check(ParagraphSpan(views), {});
    for (const auto* fs : {&copied.findings(), &in_place.findings}) {
        std::vector<std::string> seen;
        for (const auto& f : *fs)
            if (f.rule == "S01" || f.rule == "N09" || f.rule == "M04")
                seen.push_back(f.rule + " " + std::to_string(f.paragraph) + " " +
                               flagged(lines[f.paragraph], f));
        EXPECT_EQ(seen, (std::vector<std::string>{"S01 0 职能配置内设机构和人员编制规定",
                                                  "N09 10 编制和事业编制共", "M04 12 年01月"}));
    }
}

// A prefiltered regex (M02's ^[0-9]+\) through [0-9]\)) in a later paragraph of a draft scanned
// as one text: found at that paragraph's start, and not where the number is not at a start.
TEST(CheckRegex, PrefilteredPatternsAreFoundInAnyParagraphOfADraft) {
    auto lines = statistics_draft();
    lines[kDuty1] = "1)负责全区统计调查工作。";
    lines[kUnit1] = "（一）办公室。负责机关日常运转，见附件2)。";
    const std::string text = join(lines);
    const TextParagraphs views = text_paragraphs(text);
    const Checked copied = check_lines(lines);
    const CheckResult in_place = checker().check(ParagraphSpan(views), {});
    for (const auto* fs : {&copied.findings(), &in_place.findings}) {
        std::vector<std::string> seen;
        for (const auto& f : *fs)
            if (f.rule == "M02")
                seen.push_back(std::to_string(f.paragraph) + " " + flagged(lines[f.paragraph], f));
        EXPECT_EQ(seen, std::vector<std::string>{std::to_string(kDuty1) + " 1)"});
    }
}

TEST(CheckRegex, FullWidthDigitsGiveOneFindingWithTheHalfWidthNumber) {
    const std::string text = "区自然资源局机关行政编制３２名。";
    const auto fs = checker().check_paragraph(text);
    ASSERT_EQ(ids(fs), Ids{"M05"});
    EXPECT_EQ(fs[0].offset_utf8, 36u);
    EXPECT_EQ(fs[0].length_utf8, 6u);
    EXPECT_EQ(fs[0].offset_utf16, 12u);
    EXPECT_EQ(fs[0].length_utf16, 2u);
    EXPECT_EQ(fs[0].suggestions, (std::vector<std::string>{"32"}));
    EXPECT_TRUE(fs[0].safe_fix);
    EXPECT_EQ(apply_edits(text, safe_fix_edits(fs)), "区自然资源局机关行政编制32名。");
}

// Regression: with start-of-match reporting, Vectorscan 5.4.9 aborts the process on a repeated
// multi-byte class and an input of 256 bytes or more. The process must live and find the digits.
TEST(CheckRegex, FullWidthDigitsInAParagraphLongerThan300Bytes) {
    std::string filler;
    while (filler.size() <= 300) filler += "负责全区统计调查和统计监督工作，";
    {
        const std::string text = "（一）" + filler + "机关行政编制３２名。";
        ASSERT_GT(text.size(), 300u);
        const auto fs = checker().check_paragraph(text);
        ASSERT_EQ(ids(fs), Ids{"M05"});
        EXPECT_EQ(fs[0].offset_utf8, text.size() - 12);
        EXPECT_EQ(fs[0].length_utf8, 6u);
        EXPECT_EQ(fs[0].suggestions, (std::vector<std::string>{"32"}));
    }
    {
        const std::string text = "３２" + filler;
        const auto fs = checker().check_paragraph(text);
        ASSERT_EQ(ids(fs), Ids{"M05"});
        EXPECT_EQ(fs[0].offset_utf8, 0u);
        EXPECT_EQ(fs[0].length_utf8, 6u);
    }
    {
        // A run of full-width digits longer than the 256 bytes looked back for a regex's start.
        std::string digits, ascii;
        for (int i = 0; i < 12; ++i) digits += "１２３４５６７８９０", ascii += "1234567890";
        const std::string text = "编制" + digits + "名。";
        const auto fs = checker().check_paragraph(text);
        ASSERT_EQ(ids(fs), Ids{"M05"});
        EXPECT_EQ(fs[0].offset_utf8, 6u);
        EXPECT_EQ(fs[0].length_utf8, 360u);
        EXPECT_EQ(fs[0].length_utf16, 120u);
        EXPECT_EQ(fs[0].suggestions, (std::vector<std::string>{ascii}));
    }
    {
        // The same in a whole draft, through check().
        auto lines = statistics_draft();
        lines[kDuty1] = "（一）" + filler + "按月报送统计报表３２份。";
        const Checked c = check_lines(lines);
        ASSERT_EQ(ids(c.findings()), Ids{"M05"});
        EXPECT_EQ(c.findings()[0].paragraph, kDuty1);
        EXPECT_EQ(c.findings()[0].offset_utf8, lines[kDuty1].size() - 12);
        EXPECT_EQ(flagged(c.doc, c.findings()[0]), "３２");
        EXPECT_EQ(c.findings()[0].suggestions, (std::vector<std::string>{"32"}));
    }
}

TEST(CheckPlaceholder, PlaceholderIsReportedAndNoPhrasingRuleLooksInside) {
    const std::string filled = "（四）有关职责分工。与有关部门的职责分工。";
    auto fs = checker().check_paragraph(filled);
    ASSERT_EQ(ids(fs), Ids{"D09"});  // the same words outside a placeholder are flagged
    EXPECT_EQ(flagged(filled, fs[0]), "有关部门");

    const std::string text = "（四）有关职责分工。【待填写：与有关部门的职责分工】";
    fs = checker().check_paragraph(text);
    ASSERT_EQ(ids(fs), Ids{"R03"});
    EXPECT_EQ(fs[0].offset_utf8, 30u);
    EXPECT_EQ(fs[0].length_utf8, 48u);
    EXPECT_EQ(fs[0].offset_utf16, 10u);
    EXPECT_EQ(fs[0].length_utf16, 16u);
    EXPECT_EQ(flagged(text, fs[0]), "【待填写：与有关部门的职责分工】");
    EXPECT_EQ(fs[0].message, "范本中的待填写内容尚未填写：【待填写：与有关部门的职责分工】");
    EXPECT_EQ(fs[0].severity, Severity::Warning);
    EXPECT_FALSE(fs[0].safe_fix);

    // Between and after several placeholders the words count again; inside any of them not.
    const std::string several =
        "（四）有关职责分工。【待填写：有关部门】与有关部门【待填写：有关部门】【待填写：有关部门】"
        "及有关部门。";
    fs = checker().check_paragraph(several);
    std::vector<std::string> d09;
    for (const auto& f : fs)
        if (f.rule == "D09") d09.push_back(several.substr(0, f.offset_utf8 + f.length_utf8));
    ASSERT_EQ(d09.size(), 2u);
    EXPECT_TRUE(d09[0].ends_with("】与有关部门")) << d09[0];
    EXPECT_TRUE(d09[1].ends_with("】及有关部门")) << d09[1];

    // In the rendered draft of 区自然资源局: the division item has its R03 and nothing else.
    const BodyFacts& nr = *demo().find("natural-resources");
    const ModelTextLibrary lib = ModelTextLibrary::load_dir(kTemplates + "/model-texts");
    const Document doc = layout_document(fill_model_text(lib.for_kind(nr.kind), demo(), nr));
    const auto result = checker().check(doc, {&demo(), "natural-resources"});
    int division = -1;
    for (std::size_t p = 0; p < doc.paragraphs.size(); ++p)
        if (doc.paragraphs[p].text == text) division = static_cast<int>(p);
    ASSERT_GE(division, 0);
    std::vector<std::string> there;
    for (const auto& f : result.findings)
        if (f.paragraph == division) there.push_back(f.rule);
    EXPECT_EQ(there, Ids{"R03"});
    for (const auto& f : result.findings) EXPECT_EQ(f.rule, "R03") << f.message;
}

// --- structure rules ----------------------------------------------------------------------------

TEST(CheckStructure, S03ArticleNumberGap) {
    auto lines = statistics_draft();
    lines[kEffective] = replace(lines[kEffective], "第七条", "第八条");
    const Checked c = check_lines(lines);
    expect_only(c, "S03", kEffective, "第八条");
    EXPECT_EQ(c.findings()[0].message, "条的序号应从第一条起依次连续：此处应为第七条，缺少第七条");
    EXPECT_EQ(c.findings()[0].severity, Severity::Error);
    EXPECT_EQ(c.findings()[0].article, "第八条");
}

TEST(CheckStructure, S04MissingInterpretationArticle) {
    auto lines = statistics_draft();
    lines.erase(lines.begin() + kInterpretation);
    lines.back() = replace(lines.back(), "第七条", "第六条");
    const Checked c = check_lines(lines);
    expect_only(c, "S04", kTitle, lines[kTitle]);  // document-level: the whole title
    EXPECT_EQ(c.findings()[0].message, "缺少必备条款：缺少“解释”条");
    EXPECT_EQ(c.findings()[0].article, "");
}

TEST(CheckStructure, S06ItemNumberedWithAsciiParentheses) {
    auto lines = statistics_draft();
    lines[kDuty1] = "(1)负责全区统计调查工作。";
    const Checked c = check_lines(lines);
    // P01 on ")" lies inside S06's safe fix and is dropped.
    expect_only(c, "S06", kDuty1, "(1)");
    const Finding& f = c.findings()[0];
    EXPECT_EQ(f.message,
              "职责、内设机构各项的序号用“（一）（二）……”，每条重新编号：项的序号应写作（一）");
    EXPECT_EQ(f.suggestions, (std::vector<std::string>{"（一）"}));
    EXPECT_TRUE(f.safe_fix);
    EXPECT_EQ(apply_edits(lines[kDuty1], safe_fix_edits(c.findings())),
              "（一）负责全区统计调查工作。");
}

TEST(CheckStructure, S07MissingEntrustedItem) {
    auto lines = statistics_draft();
    lines.erase(lines.begin() + kEntrusted);
    const Checked c = check_lines(lines);
    expect_only(c, "S07", kDuties, "第三条");
    EXPECT_EQ(c.findings()[0].message,
              "“完成……交办的其他任务”应是最后一项职责：缺少“完成……交办的其他任务。”一项");
}

TEST(CheckStructure, S11StatedUnitCountDiffersFromListed) {
    for (const std::string stated : {"3个", "三个"}) {
        SCOPED_TRACE(stated);
        auto lines = statistics_draft();
        lines[kUnits] = replace(lines[kUnits], "下列内设机构", "下列" + stated + "内设机构");
        const Checked c = check_lines(lines);
        expect_only(c, "S11", kUnits, stated);
        EXPECT_EQ(c.findings()[0].message,
                  "写明的内设机构个数与列出的不一致：写明3个，实际列出2个");
    }
    auto lines = statistics_draft();
    lines[kUnits] = replace(lines[kUnits], "下列内设机构", "下列2个内设机构");
    EXPECT_EQ(ids(check_lines(lines).findings()), Ids{});
}

TEST(CheckStructure, S12ColonAfterUnitName) {
    auto lines = statistics_draft();
    lines[kUnit1] = "（一）办公室：负责机关日常运转。";
    const Checked c = check_lines(lines);
    expect_only(c, "S12", kUnit1, "：");
    const Finding& f = c.findings()[0];
    EXPECT_EQ(f.offset_utf8, 18u);
    EXPECT_EQ(f.message, "内设机构名称后用句号，再写职责：办公室之后应用句号");
    EXPECT_EQ(f.suggestions, (std::vector<std::string>{"。"}));
    EXPECT_TRUE(f.safe_fix);
}

TEST(CheckStructure, S16ColonAfterArticleNumber) {
    auto lines = statistics_draft();
    lines[kBasis] = replace(lines[kBasis], "第一条　", "第一条：");
    const Checked c = check_lines(lines);
    expect_only(c, "S16", kBasis, "：");
    const Finding& f = c.findings()[0];
    EXPECT_EQ(f.offset_utf8, 9u);
    EXPECT_EQ(f.message, "“第X条”后应为全角空格，不用“：”");
    EXPECT_EQ(f.suggestions, (std::vector<std::string>{"\u3000"}));
    EXPECT_EQ(apply_edits(lines[kBasis], safe_fix_edits(c.findings())), statistics_draft()[kBasis]);
}

TEST(CheckNames, A01ShortNameUsedBeforeItIsDefined) {
    auto lines = statistics_draft();
    lines[kBasis] = "第一条　根据《清河市云溪区机构改革方案》，区统计局制定本规定。";
    const Checked c = check_lines(lines);
    expect_only(c, "A01", kBasis, "区统计局");
    EXPECT_EQ(c.findings()[0].message,
              "简称应先定义后使用：“区统计局”在定义（以下简称）之前就已使用");
}

TEST(CheckNames, A02ShortNameDefinedTwice) {
    auto lines = statistics_draft();
    lines[kDuties] = replace(lines[kDuties], "第三条　区统计局",
                             "第三条　清河市云溪区统计局（以下简称区统计局）");
    const Checked c = check_lines(lines);
    // Only A02: the 第三条 that repeats the definition is still the duties article (no S04).
    expect_only(c, "A02", kDuties, "（以下简称区统计局）");
    EXPECT_EQ(c.findings()[0].message, "同一机构只定义一个简称：简称已在前面定义过，不应再次定义");
    EXPECT_EQ(c.result.regulation.duty_items.size(), 2u);
}

TEST(CheckNames, A04NameDiffersFromArticleTwo) {
    {
        auto lines = statistics_draft();
        lines[kTitle] = "清河市云溪区统计管理局职能配置、内设机构和人员编制规定";
        const Checked c = check_lines(lines);
        expect_only(c, "A04", kTitle, lines[kTitle]);
        EXPECT_EQ(c.findings()[0].message,
                  "标题、第二条和编制条中的机构名称应一致：标题中的机构名称与第二条的全称“清河市云"
                  "溪区统计局”不一致");
    }
    {
        auto lines = statistics_draft();
        lines[kStaffing] = replace(lines[kStaffing], "第五条　区统计局", "第五条　区统计管理局");
        const Checked c = check_lines(lines);
        expect_only(c, "A04", kStaffing, "区统计管理局");
        EXPECT_EQ(c.findings()[0].message,
                  "标题、第二条和编制条中的机构名称应一致：编制条中的机构名称“区统计管理局”与第二条"
                  "定义的“区统计局”不一致");
        EXPECT_EQ(c.findings()[0].suggestions, (std::vector<std::string>{"区统计局"}));
        EXPECT_EQ(c.findings()[0].article, "第五条");
    }
}

// --- staffing rules -----------------------------------------------------------------------------

TEST(CheckStaffing, N01StaffingArticleWithoutPosts) {
    auto lines = statistics_draft();
    lines[kStaffing] = "第五条　区统计局机关行政编制12名。";
    const Checked c = check_lines(lines);
    expect_only(c, "N01", kStaffing, "第五条");
    EXPECT_EQ(c.findings()[0].message,
              "编制条应写明编制数、领导职数和内设机构领导职数：编制条缺少领导职数（如“设局长1名，副"
              "局长n名”）、"
              "内设机构领导职数（如“股级领导职数m名”）");
}

TEST(CheckStaffing, N03TwoPrincipals) {
    auto lines = statistics_draft();
    lines[kStaffing] = replace(lines[kStaffing], "设局长1名", "设局长2名");
    const Checked c = check_lines(lines);
    ASSERT_EQ(ids(c.findings()), Ids{"N03"});
    EXPECT_EQ(c.findings()[0].paragraph, kStaffing);
    EXPECT_EQ(c.findings()[0].offset_utf8,
              offset_of(lines[kStaffing], "设局长2名") + 3);  // not 副局长2名
    EXPECT_EQ(c.findings()[0].offset_utf8, 53u);
    EXPECT_EQ(c.findings()[0].length_utf8, 10u);
    EXPECT_EQ(flagged(c.doc, c.findings()[0]), "局长2名");
    EXPECT_EQ(c.findings()[0].message, "正职一般为1名：正职应为1名，写的是2名");
    EXPECT_EQ(c.findings()[0].severity, Severity::Warning);
}

TEST(CheckStaffing, N04MorePostsThanEstablishment) {
    auto lines = statistics_draft();
    lines[kStaffing] = replace(lines[kStaffing], "行政编制12名", "行政编制4名");
    const Checked c = check_lines(lines);
    expect_only(c, "N04", kStaffing,
                lines[kStaffing].substr(12));  // the whole sentence after 第五条　
    EXPECT_EQ(c.findings()[0].message, "领导职数不能超过编制数：领导职数合计5名，超过编制4名");
}

TEST(CheckStaffing, N05FewerUnitPostsThanUnits) {
    auto lines = statistics_draft();
    lines[kStaffing] = replace(lines[kStaffing], "股级领导职数2名", "股级领导职数1名");
    const Checked c = check_lines(lines);
    expect_only(c, "N05", kStaffing, "领导职数1名");
    EXPECT_EQ(c.findings()[0].message,
              "内设机构领导职数一般不少于内设机构个数：股级领导职数1名，少于内设机构2个");
}

TEST(CheckStaffing, N06PrincipalTitleDoesNotMatchTheBody) {
    auto lines = statistics_draft();
    lines[kStaffing] = replace(lines[kStaffing], "设局长1名，副局长2名", "设主任1名，副主任2名");
    const Checked c = check_lines(lines);
    ASSERT_EQ(ids(c.findings()), Ids{"N06"});
    const Finding& f = c.findings()[0];
    EXPECT_EQ(f.offset_utf8, offset_of(lines[kStaffing], "设主任") + 3);
    EXPECT_EQ(f.length_utf8, 6u);
    EXPECT_EQ(flagged(c.doc, f), "主任");
    EXPECT_EQ(f.message, "领导职务名称应与机构名称相符：区统计局的正职应称局长");
    EXPECT_EQ(f.suggestions, (std::vector<std::string>{"局长"}));
    EXPECT_TRUE(f.safe_fix);
}

TEST(CheckStaffing, N08BreakdownExceedsTheTotal) {
    auto lines = statistics_draft();
    lines[kStaffing] = replace(lines[kStaffing], "股级领导职数2名。",
                               "股级领导职数2名（含机关党支部书记1名、总统计师2名）。");
    const Checked c = check_lines(lines);
    expect_only(c, "N08", kStaffing, "含机关党支部书记1名、总统计师2名");
    EXPECT_EQ(c.findings()[0].message,
              "领导职数括号内的分项不能超过总数：括号内合计3名，超过领导职数2名");
}

// --- against the framework ----------------------------------------------------------------------

TEST(CheckFramework, TheDraftWithinItsQuotaIsClean) {
    const Checked c = check_lines(natural_resources_draft(), {&demo(), "natural-resources"});
    EXPECT_EQ(ids(c.findings()), Ids{});
    EXPECT_EQ(c.result.body, demo().find("natural-resources"));
}

TEST(CheckFramework, N11EstablishmentOverQuotaNamesTheQuota) {
    auto lines = natural_resources_draft();
    lines[kNrStaffing] = replace(lines[kNrStaffing], "行政编制32名", "行政编制40名");
    const Checked c = check_lines(lines, {&demo(), "natural-resources"});
    expect_only(c, "N11", kNrStaffing, "行政编制40名");
    EXPECT_EQ(c.findings()[0].message, "编制数超出编制职数框架：行政编制40名，超过框架核定的32名");
    EXPECT_EQ(c.findings()[0].suggestions, (std::vector<std::string>{"行政编制32名"}));
    EXPECT_FALSE(c.findings()[0].safe_fix);
    EXPECT_EQ(c.findings()[0].severity, Severity::Error);
    EXPECT_EQ(c.findings()[0].category, Category::Staffing);
}

TEST(CheckFramework, N11EstablishmentTypeTheFrameworkDoesNotGrant) {
    auto lines = natural_resources_draft();
    lines[kNrStaffing] = replace(lines[kNrStaffing], "行政编制32名", "行政编制32名，事业编制5名");
    const Checked c = check_lines(lines, {&demo(), "natural-resources"});
    expect_only(c, "N11", kNrStaffing, "事业编制5名");
    EXPECT_EQ(c.findings()[0].message,
              "编制数超出编制职数框架：编制职数框架未给本机构核定事业编制");
}

TEST(CheckFramework, N12DeputiesOverQuota) {
    auto lines = natural_resources_draft();
    lines[kNrStaffing] = replace(lines[kNrStaffing], "副局长3名", "副局长5名");
    const Checked c = check_lines(lines, {&demo(), "natural-resources"});
    expect_only(c, "N12", kNrStaffing, "副局长5名");
    EXPECT_EQ(c.findings()[0].message, "领导职数超出编制职数框架：副职5名，超过框架核定的3名");
}

TEST(CheckFramework, N13UnitPostsOverQuota) {
    auto lines = natural_resources_draft();
    lines[kNrStaffing] = replace(lines[kNrStaffing], "领导职数9名", "领导职数12名");
    const Checked c = check_lines(lines, {&demo(), "natural-resources"});
    expect_only(c, "N13", kNrStaffing, "领导职数12名");
    EXPECT_EQ(c.findings()[0].message,
              "内设机构领导职数超出编制职数框架：股级领导职数12名，超过框架核定的9名");
}

TEST(CheckFramework, N14UnitCountDiffersFromTheFramework) {
    auto lines = natural_resources_draft();
    lines.erase(lines.begin() + kNrUnits + 3, lines.begin() + kNrUnits + 9);  // keep （一）（二）
    const Checked c = check_lines(lines, {&demo(), "natural-resources"});
    expect_only(c, "N14", kNrUnits, "第四条");
    EXPECT_EQ(c.findings()[0].message,
              "内设机构个数与编制职数框架不一致：列出内设机构2个，框架核定8个");
}

TEST(CheckFramework, WithoutAFrameworkNoQuotaRuleFires) {
    std::vector<std::vector<std::string>> drafts;
    for (auto [from, to] : {std::pair<std::string, std::string>{"行政编制32名", "行政编制40名"},
                            {"副局长3名", "副局长5名"},
                            {"领导职数9名", "领导职数12名"}}) {
        drafts.push_back(natural_resources_draft());
        drafts.back()[kNrStaffing] = replace(drafts.back()[kNrStaffing], from, to);
    }
    drafts.push_back(natural_resources_draft());
    drafts.back().erase(drafts.back().begin() + kNrUnits + 3, drafts.back().begin() + kNrUnits + 9);
    for (const auto& lines : drafts) {
        const Checked c = check_lines(lines);
        EXPECT_EQ(c.result.body, nullptr);
        EXPECT_EQ(ids(c.findings()), Ids{}) << join(lines);
    }
}

TEST(CheckFramework, TheBodyIsFoundByTheDraftsNameWhenNoIdIsGiven) {
    auto lines = natural_resources_draft();
    lines[kNrStaffing] = replace(lines[kNrStaffing], "行政编制32名", "行政编制40名");
    const Checked c = check_lines(lines, {&demo(), ""});
    EXPECT_EQ(c.result.body, demo().find("natural-resources"));
    expect_only(c, "N11", kNrStaffing, "行政编制40名");
    EXPECT_EQ(c.findings()[0].message, "编制数超出编制职数框架：行政编制40名，超过框架核定的32名");

    // An explicit id wins over the name: 区统计局's quota is 10 行政编制 and 4 units.
    const Checked other = check_lines(natural_resources_draft(), {&demo(), "statistics"});
    EXPECT_EQ(other.result.body, demo().find("statistics"));
    EXPECT_EQ(ids(other.findings()), (Ids{"N14", "N11", "N12", "N13"}));
}

// --- positions, overlaps, the proofreader's path ----------------------------------------------

TEST(CheckOffsets, Utf16OffsetsCountACharacterOutsideTheBmpAsTwoUnits) {
    auto lines = statistics_draft();
    lines[kUnit1] = "（一）办公室。负责𠀀其它机关日常运转。";
    const Checked c = check_lines(lines);
    ASSERT_EQ(ids(c.findings()), Ids{"W01"});
    const Finding& f = c.findings()[0];
    EXPECT_EQ(f.paragraph, kUnit1);
    EXPECT_EQ(f.offset_utf8, 31u);  // 𠀀 is 4 bytes
    EXPECT_EQ(f.length_utf8, 6u);
    EXPECT_EQ(f.offset_utf16, 11u);  // 𠀀 is a surrogate pair
    EXPECT_EQ(f.length_utf16, 2u);
    EXPECT_EQ(f.column, 11);  // and one character
    EXPECT_EQ(f.line, kUnit1 + 1);
    EXPECT_EQ(f.article, "第四条");

    const auto fs = checker().check_paragraph("𠀀𠀁完成其它任务。");
    ASSERT_EQ(ids(fs), Ids{"W01"});
    EXPECT_EQ(fs[0].offset_utf8, 14u);
    EXPECT_EQ(fs[0].offset_utf16, 6u);
    EXPECT_EQ(fs[0].column, 5);
}

TEST(CheckFixes, OverlappingSafeFixesKeepTheLongerOne) {
    const std::string text = "完成区委、区政府交办的其他任务。。。";
    const auto fs = checker().check_paragraph(text);
    ASSERT_EQ(ids(fs), Ids{"P11"});  // P08's 。。 inside 。。。 is dropped
    EXPECT_EQ(fs[0].offset_utf8, 45u);
    EXPECT_EQ(fs[0].length_utf8, 9u);
    EXPECT_EQ(fs[0].suggestions, (std::vector<std::string>{"……"}));
    EXPECT_TRUE(fs[0].safe_fix);
    EXPECT_EQ(apply_edits(text, safe_fix_edits(fs)), "完成区委、区政府交办的其他任务……");

    auto lines = statistics_draft();
    lines[kEntrusted] = "（二）完成区委、区政府交办的其他任务。。。";
    const Checked c = check_lines(lines);
    ASSERT_EQ(ids(c.findings()), Ids{"P11"});
    EXPECT_EQ(flagged(c.doc, c.findings()[0]), "。。。");

    // Two 。 alone are P08.
    const auto two = checker().check_paragraph("完成区委、区政府交办的其他任务。。");
    ASSERT_EQ(ids(two), Ids{"P08"});
    EXPECT_EQ(two[0].suggestions, (std::vector<std::string>{"。"}));
}

TEST(CheckParagraph, ProofreaderPathFindsPunctuationAndScopedWording) {
    const std::string text = "（一）负责全区统计工作,进一步加强管理。";
    const auto fs = checker().check_paragraph(text);
    ASSERT_EQ(ids(fs), (Ids{"P01", "D07"}));
    EXPECT_EQ(fs[0].offset_utf8, 33u);
    EXPECT_EQ(fs[0].length_utf8, 1u);
    EXPECT_EQ(fs[0].offset_utf16, 11u);
    EXPECT_EQ(fs[0].length_utf16, 1u);
    EXPECT_EQ(fs[0].suggestions, (std::vector<std::string>{"，"}));
    EXPECT_TRUE(fs[0].safe_fix);
    EXPECT_EQ(fs[1].offset_utf8, 34u);
    EXPECT_EQ(fs[1].length_utf8, 9u);
    EXPECT_EQ(fs[1].offset_utf16, 12u);
    EXPECT_EQ(fs[1].length_utf16, 3u);
    EXPECT_EQ(fs[1].line, 1);
    EXPECT_EQ(fs[1].column, 13);
    EXPECT_EQ(fs[1].article, "");
    EXPECT_EQ(apply_edits(text, safe_fix_edits(fs)), "（一）负责全区统计工作，进一步加强管理。");

    // Without an item marker the paragraph is not a duty item: D07 does not apply.
    EXPECT_EQ(ids(checker().check_paragraph("负责全区统计工作，进一步加强管理。")), Ids{});
    EXPECT_TRUE(checker().check_paragraph("").empty());
}

// --- plain text input ---------------------------------------------------------------------------

TEST(CheckText, DocumentFromTextSplitsLinesAndRemembersOffsets) {
    const Document d = document_from_text("第一行\r\n第二行\n\n第三行\r第四行");
    ASSERT_EQ(d.paragraphs.size(), 5u);
    EXPECT_EQ(d.paragraphs[0].text, "第一行");
    EXPECT_EQ(d.paragraphs[0].source_offset, 0u);
    EXPECT_EQ(d.paragraphs[1].text, "第二行");
    EXPECT_EQ(d.paragraphs[1].source_offset, 11u);
    EXPECT_EQ(d.paragraphs[2].text, "");
    EXPECT_EQ(d.paragraphs[2].source_offset, 21u);
    EXPECT_EQ(d.paragraphs[3].text, "第三行");
    EXPECT_EQ(d.paragraphs[3].source_offset, 22u);
    EXPECT_EQ(d.paragraphs[4].text, "第四行");
    EXPECT_EQ(d.paragraphs[4].source_offset, 32u);

    const Document bom = document_from_text("\xEF\xBB\xBF第一行\n第二行");
    ASSERT_EQ(bom.paragraphs.size(), 2u);
    EXPECT_EQ(bom.paragraphs[0].text, "第一行");
    EXPECT_EQ(bom.paragraphs[0].source_offset, 3u);
    EXPECT_EQ(bom.paragraphs[1].source_offset, 13u);
}

// A large text is validated and its lines counted in one pass per piece; with only \n line
// ends, ending in one or not, or with \r in places, its lines are those a plain split gives.
TEST(CheckText, LargeTextsAreSplitIntoTheirLines) {
    std::string lf;
    for (int k = 0; k < 8000; ++k)
        lf += (k % 9 == 0 ? std::string() : "第" + std::to_string(k) + "行文字文字文字文字文字") +
              "\n";
    ASSERT_GT(lf.size(), 256u << 10);  // split in pieces on every core
    auto split = [](const std::string& text) {
        std::vector<std::string> lines;
        std::string line;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n' || text[i] == '\r') {
                lines.push_back(line), line.clear();
                if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            } else {
                line += text[i];
            }
        }
        lines.push_back(line);  // after the last line end: empty when the text ends in one
        return lines;
    };
    std::string cr = lf;
    for (std::size_t i = 1000, k = 0; i < cr.size(); i += 50000, ++k) {
        i = cr.find('\n', i);
        if (i == cr.npos) break;
        if (k % 2)
            cr[i] = '\r';  // a lone \r
        else
            cr.insert(i, "\r");  // \r\n
    }
    for (const std::string& text : {lf, lf + "末行", cr, std::string("\n\n") + lf}) {
        std::vector<std::string> got;
        for (const auto& p : text_paragraphs(text)) got.emplace_back(p.text);
        EXPECT_EQ(got, split(text));
    }
}

TEST(CheckText, InvalidUtf8IsRefusedNamingTheLine) {
    try {
        document_from_text("第一行\n第二行\n第三\xFF行");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "check.invalid_utf8");
        EXPECT_NE(e.message().find("第 3 行"), std::string::npos) << e.message();
        EXPECT_NE(e.message().find("偏移 26"), std::string::npos) << e.message();
    }
}

// Kangxi radicals (⼀, U+2F00) and compatibility ideographs (豈, U+F900) are found wherever they
// stand in a paragraph (⺟ U+2E9F, of the radicals supplement, too), and characters just outside
// those ranges (⹿ U+2E7F, ﬀ U+FB00) are left alone.
TEST(CheckCompatibility, U01FindsEveryPlaceAndOnlyTheRanges) {
    for (const std::string odd : {"⼀", "\uF900", "⺟"}) {
        for (std::size_t before = 0; before < 40; before += 3) {
            std::string text = "（一）";
            for (std::size_t k = 0; k < before; ++k) text += k % 5 == 0 ? "，" : "统";
            const std::size_t at = text.size();
            text += odd + "负责统计调查工作。";
            std::vector<std::size_t> found;
            for (const auto& f : checker().check_paragraph(text))
                if (f.rule == "U01") found.push_back(f.offset_utf8);
            EXPECT_EQ(found, std::vector<std::size_t>{at}) << odd << " after " << before;
            found.clear();  // and as the paragraph's last character
            for (const auto& f : checker().check_paragraph(text.substr(0, at) + odd))
                if (f.rule == "U01") found.push_back(f.offset_utf8);
            EXPECT_EQ(found, std::vector<std::size_t>{at}) << odd << " last, after " << before;
        }
    }
    for (const std::string near : {"⹿", "ﬀ"}) {
        for (const auto& f :
             checker().check_paragraph("（一）负责统计调查工作" + near + "和统计分析。"))
            EXPECT_NE(f.rule, "U01") << near;
    }
}

// In a whole draft the scan marks the paragraphs U01 reads: a compatibility character is found in
// the title, a duty item, a unit's line and the staffing article, copied and in place alike, and
// a paragraph without one gets no U01 finding.
TEST(CheckCompatibility, U01FindsCharactersInEveryPartOfADraft) {
    auto lines = statistics_draft();
    // U+F9FE, a compatibility ideograph, as the title's last character
    lines[kTitle] = "清河市云溪区统计局职能配置、内设机构和人员编制规\uF9FE";
    lines[kDuty1] = "（⼀）负责全区统计调查工作。";
    lines[kUnit1] = "（一）办公室。负责机关日常运转⺟。";
    lines[kStaffing] =
        "第五条　区统计局机关行政编制12名。设局长1名，副局长2名；股级领导职数2名⼆。";
    const std::string text = join(lines);
    const TextParagraphs views = text_paragraphs(text);
    const CheckResult in_place = checker().check(ParagraphSpan(views), {});
    const Checked copied = check_lines(lines);
    for (const auto* fs : {&copied.findings(), &in_place.findings}) {
        std::vector<std::string> seen;
        for (const auto& f : *fs)
            if (f.rule == "U01")
                seen.push_back(std::to_string(f.paragraph) + " " + flagged(lines[f.paragraph], f));
        EXPECT_EQ(seen, (std::vector<std::string>{
                            std::to_string(kTitle) + " \uF9FE", std::to_string(kDuty1) + " ⼀",
                            std::to_string(kUnit1) + " ⺟", std::to_string(kStaffing) + " ⼆"}));
    }
}

// P09 finds an unpaired bracket or quote mark wherever it stands (every alignment of the 32- and
// sixteen-byte blocks it is looked for in, and as the paragraph's last character), and marks that
// only share its leading bytes (「 、 ‚ 〒 ，) are not brackets to it.
TEST(CheckPairs, P09FindsAnUnpairedMarkAtEveryPlace) {
    auto p09_at = [](const std::string& text) {
        std::vector<std::size_t> found;
        for (const auto& f : checker().check_paragraph(text))
            if (f.rule == "P09") found.push_back(f.offset_utf8);
        return found;
    };
    for (const std::string mark :
         {"（", "）", "《", "》", "“", "”", "‘", "’", "【", "】", "〔", "〕", "〈", "〉"}) {
        // Offsets of every remainder of 32 (ASCII filler shifts them a byte at a time), past two
        // 32-byte blocks.
        for (std::size_t before = 0; before < 96; ++before) {
            std::string text = "负责" + std::string(before % 3, 'x');
            for (std::size_t k = 0; k < before / 3; ++k) text += k % 4 == 0 ? "，" : "统";
            const std::size_t at = text.size();
            EXPECT_EQ(p09_at(text + mark + "统计工作。"), std::vector<std::size_t>{at})
                << mark << " after " << before;
            EXPECT_EQ(p09_at(text + mark), std::vector<std::size_t>{at})
                << mark << " last, after " << before;
        }
    }
    for (const std::string other : {"「", "」", "、", "‚", "〒", "，"})
        EXPECT_TRUE(p09_at("负责统计调查" + other + "和统计分析工作。").empty()) << other;
    EXPECT_TRUE(p09_at("负责《中华人民共和国统计法》（2024年修正）的“宣传”工作。").empty());
    // After an item's （一）, which pairs by itself, marks are paired as anywhere else, and marks
    // in an item marker that is not one are read too.
    const std::string item = "\u3000（十二）负责";
    EXPECT_TRUE(p09_at(item + "《统计法》的宣传工作。").empty());
    EXPECT_EQ(p09_at(item + "（统计工作。"), std::vector<std::size_t>{item.size()});
    EXPECT_EQ(p09_at(item + "统计）工作。"), std::vector<std::size_t>{item.size() + 6});
    EXPECT_EQ(p09_at("（十二负责统计工作。"), std::vector<std::size_t>{0});
    EXPECT_EQ(p09_at("（十二)负责统计工作。"), std::vector<std::size_t>{0});
}

// Many findings on one long line: each one's UTF-16 offset and column are those of the text
// before it (counted on from the previous finding, not from the line's start each time).
TEST(CheckText, ManyFindingsOnOneLineHaveTheirOwnPositions) {
    std::string line = "第一条　";
    for (int k = 0; k < 300; ++k) line += (k % 4 == 0 ? "𠀀" : "") + std::string("完成其它任务，");
    const Document doc = document_from_text(line);
    const auto findings = checker().check(doc).findings;
    std::size_t w01 = 0;
    for (const auto& f : findings) {
        const std::string_view before = std::string_view(line).substr(0, f.offset_utf8);
        std::size_t points = 0;
        for (std::size_t i = 0; i < before.size();) next_code_point(before, i), ++points;
        EXPECT_EQ(f.offset_utf16, utf16_length(before)) << f.rule << " at " << f.offset_utf8;
        EXPECT_EQ(f.column, static_cast<int>(points) + 1) << f.rule << " at " << f.offset_utf8;
        EXPECT_EQ(f.length_utf16,
                  utf16_length(std::string_view(line).substr(f.offset_utf8, f.length_utf8)));
        w01 += f.rule == "W01";
    }
    EXPECT_EQ(w01, 300u);
}

// A text of megabytes is split on several cores; the paragraphs and offsets are those of a plain
// line-by-line split, whatever line ends fall at the pieces' edges.
TEST(CheckText, LargeTextSplitsLikeASmallOne) {
    const std::string ends[] = {"\n", "\r\n", "\r", "\n\n"};
    std::string text = "\xEF\xBB\xBF";
    std::vector<std::pair<std::string, std::size_t>> expected;  // text, source offset
    for (int i = 0; text.size() < (3u << 20); ++i) {
        std::string line =
            "第" + std::to_string(i) + "行，" + std::string(static_cast<std::size_t>(i % 97), 'x');
        expected.push_back({line, text.size()});
        text += line;
        const std::string& eol = ends[i % 4];
        text += eol;
        if (eol == "\n\n") expected.push_back({"", text.size() - 1});
    }
    expected.push_back({"", text.size()});  // after the final line end
    const Document d = document_from_text(text);
    ASSERT_EQ(d.paragraphs.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        ASSERT_EQ(d.paragraphs[i].text, expected[i].first) << "paragraph " << i;
        ASSERT_EQ(d.paragraphs[i].source_offset, expected[i].second) << "paragraph " << i;
    }
    // A bad byte far into the text is reported at its line and offset.
    std::string bad = text;
    const std::size_t at =
        bad.rfind('x', bad.size() - 1000);  // an ASCII byte: the bad sequence starts there
    bad[at] = '\xFF';
    try {
        document_from_text(bad);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "check.invalid_utf8");
        const auto lines =
            1 + std::count(bad.begin(), bad.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        EXPECT_NE(e.message().find("第 " + std::to_string(lines) + " 行"), std::string::npos)
            << e.message();
        EXPECT_NE(e.message().find("偏移 " + std::to_string(at)), std::string::npos) << e.message();
    }
}

// A plain-text file is checked as views into its own bytes (scanned in place where its lines end
// in \n); copied into a Document, or with \r\n line ends, the same text is joined first. Whichever
// way it is read, the findings are the same.
TEST(CheckText, TextReadInPlaceGivesTheFindingsOfTheCopiedText) {
    std::string lf, crlf;
    for (int i = 0; i < 6; ++i) {
        auto lines = i % 2 ? statistics_draft() : natural_resources_draft();
        lines[i % 2 ? kEntrusted : kNrStaffing] +=
            "完成交办的其它任务，“请示\"。";  // W01, P09 and more
        lines.front() += "其它";              // at both ends of the scanned text too
        lines.back() += "其它";
        for (const auto& l : lines) lf += l + "\n", crlf += l + "\r\n";
    }
    auto describe = [](const std::vector<Finding>& fs) {
        std::vector<std::string> out;
        for (const auto& f : fs)
            out.push_back(f.rule + "@" + std::to_string(f.paragraph) + ":" +
                          std::to_string(f.offset_utf8) + "+" + std::to_string(f.length_utf8) +
                          " " + f.message);
        return out;
    };
    const TextParagraphs in_place = text_paragraphs(lf);
    const auto expected = describe(checker().check(document_from_text(lf), {&demo(), {}}).findings);
    EXPECT_GT(expected.size(), 12u);
    EXPECT_EQ(describe(checker().check(in_place, {&demo(), {}}).findings), expected);
    EXPECT_EQ(describe(checker().check(text_paragraphs(crlf), {&demo(), {}}).findings), expected);
}

TEST(CheckText, EmptyOrBlankTextIsRefused) {
    for (const std::string& text : {std::string(), std::string("  \n\t\r\n"),
                                    std::string("\u3000\n \u3000"), std::string("\xEF\xBB\xBF")}) {
        try {
            document_from_text(text);
            FAIL() << "no error for “" << text << "”";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), "check.empty");
        }
    }
}

// --- the demo district ------------------------------------------------------------------------

TEST(CheckDemo, EveryRenderedDemoDraftHasNoErrors) {
    const ModelTextLibrary lib = ModelTextLibrary::load_dir(kTemplates + "/model-texts");
    ASSERT_EQ(demo().bodies.size(), 37u);
    for (const auto& body : demo().bodies) {
        SCOPED_TRACE(body.id);
        const Document doc =
            layout_document(fill_model_text(lib.for_kind(body.kind), demo(), body));
        for (const CheckOptions& options :
             {CheckOptions{}, CheckOptions{&demo(), body.id}, CheckOptions{&demo(), ""}}) {
            const CheckResult r = checker().check(doc, options);
            if (options.framework) {
                EXPECT_EQ(r.body, &body);
            }
            for (const auto& f : r.findings)
                EXPECT_NE(f.severity, Severity::Error)
                    << f.rule << " in paragraph " << f.paragraph << ": " << f.message << " “"
                    << flagged(doc, f) << "”";
        }
    }
}

// A file of many drafts (over 1 MB: checked on several threads) gives, draft for draft, what each
// draft gives alone — same rules, spans and articles, paragraphs counted from the file's start.
TEST(CheckDrafts, ManyDraftsInOneFileAreCheckedAsEachAlone) {
    std::vector<std::vector<std::string>> drafts;
    for (int i = 0; i < 8; ++i) {
        auto lines = i % 2 ? statistics_draft() : natural_resources_draft();
        lines[i % 2 ? kEntrusted : kNrStaffing] +=
            i % 3 ? "完成交办的其它任务。" : "";  // W01 in some
        drafts.push_back(lines);
    }
    Document file;
    std::vector<std::size_t> first_paragraph;
    while (true) {
        std::size_t bytes = 0;
        for (const auto& p : file.paragraphs) bytes += p.text.size();
        if (bytes >= (1u << 20) + 1000) break;
        const auto& lines = drafts[first_paragraph.size() % drafts.size()];
        first_paragraph.push_back(file.paragraphs.size());
        for (const auto& l : lines) file.paragraphs.push_back({l});
    }
    ASSERT_GE(first_paragraph.size(), 4u);
    const CheckResult whole = checker().check(file, {&demo(), {}});
    std::vector<std::string> expected;
    for (std::size_t k = 0; k < first_paragraph.size(); ++k) {
        Document one;
        for (const auto& l : drafts[k % drafts.size()]) one.paragraphs.push_back({l});
        for (const auto& f : checker().check(one, {&demo(), {}}).findings)
            expected.push_back(f.rule + "@" +
                               std::to_string(f.paragraph + static_cast<int>(first_paragraph[k])) +
                               ":" + std::to_string(f.offset_utf8) + "+" +
                               std::to_string(f.length_utf8) + " " + f.article);
    }
    std::vector<std::string> got;
    for (const auto& f : whole.findings)
        got.push_back(f.rule + "@" + std::to_string(f.paragraph) + ":" +
                      std::to_string(f.offset_utf8) + "+" + std::to_string(f.length_utf8) + " " +
                      f.article);
    EXPECT_GT(expected.size(), first_paragraph.size() / 2);  // there is something to find
    EXPECT_EQ(got, expected);
}
