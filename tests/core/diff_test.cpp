// Revision comparison as a reviewer reads it: an inserted unit is one insertion, an edited item
// one change marked inside it, an inserted article one new article.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sanding/audit_text.hpp"
#include "sanding/diff.hpp"
#include "sanding/error.hpp"

namespace sanding {
namespace {

const std::vector<std::string> kUnits = {
    "（一）办公室。负责机关日常运转。",
    "（二）应急指挥股。承担应急值守工作。",
    "（三）风险监测和综合减灾股。承担自然灾害综合监测预警工作。",
    "（四）安全生产综合协调股。组织协调全区安全生产工作。",
    "（五）危险化学品安全监督管理股。负责危险化学品安全监督管理。",
    "（六）林业股。负责林业工作。",
};

Regulation draft(std::vector<std::vector<std::string>> articles) {
    Regulation r;
    r.title = "区应急管理局职能配置、内设机构和人员编制规定";
    int n = 0;
    for (auto& ps : articles)
        r.articles.push_back(Article{++n, ArticleRole::Unknown, std::move(ps), {}});
    return r;
}

// The units with `text` inserted before position `at` (0-based) and everything renumbered.
std::vector<std::string> units_with(std::size_t at, const std::string& text) {
    static const char* numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
    std::vector<std::string> contents;
    for (const auto& u : kUnits) contents.push_back(u.substr(u.find("）") + 3));
    contents.insert(contents.begin() + static_cast<long>(at), text);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < contents.size(); ++i)
        out.push_back(std::string("（") + numerals[i] + "）" + contents[i]);
    return out;
}

int count(const ArticleDiff& a, ParagraphDiff::Kind k) {
    int n = 0;
    for (const auto& p : a.paragraphs) n += p.kind == k;
    return n;
}

TEST(Diff, AnInsertedUnitIsOneInsertionAndTheUnitsAfterItOnlyRenumbered) {
    const auto d =
        diff_regulations(draft({{"总则"}, kUnits}),
                         draft({{"总则"}, units_with(2, "防汛抗旱股。负责防汛抗旱工作。")}));
    ASSERT_EQ(d.changed_articles(), 1);
    const ArticleDiff& a = d.articles[1];
    EXPECT_EQ(a.label, "第二条");
    EXPECT_EQ(count(a, ParagraphDiff::Added), 1);
    EXPECT_EQ(count(a, ParagraphDiff::Removed), 0);
    EXPECT_EQ(count(a, ParagraphDiff::Changed), 0);
    for (const auto& p : a.paragraphs)
        if (p.kind == ParagraphDiff::Added) {
            EXPECT_EQ(p.after, "（三）防汛抗旱股。负责防汛抗旱工作。");
        }
    // 林业股 is still 林业股, now numbered (七).
    EXPECT_EQ(a.paragraphs.back().kind, ParagraphDiff::Same);
    EXPECT_EQ(a.paragraphs.back().before, "（六）林业股。负责林业工作。");
    EXPECT_EQ(a.paragraphs.back().after, "（七）林业股。负责林业工作。");
}

TEST(Diff, ARemovedUnitIsOneDeletion) {
    std::vector<std::string> without = kUnits;
    without.erase(without.begin() + 3);
    const auto d = diff_regulations(draft({kUnits}), draft({without}));
    EXPECT_EQ(count(d.articles[0], ParagraphDiff::Removed), 1);
    EXPECT_EQ(count(d.articles[0], ParagraphDiff::Added), 0);
    EXPECT_EQ(count(d.articles[0], ParagraphDiff::Changed), 0);
}

TEST(Diff, AnEditedUnitAfterAnInsertionIsOneChangeMarkedInsideIt) {
    auto after = units_with(1, "防汛抗旱股。负责防汛抗旱工作。");
    after.back() = "（七）林业股。负责全区林业和草原工作。";
    const auto d = diff_regulations(draft({kUnits}), draft({after}));
    const ArticleDiff& a = d.articles[0];
    EXPECT_EQ(count(a, ParagraphDiff::Added), 1);
    ASSERT_EQ(count(a, ParagraphDiff::Changed), 1);
    const ParagraphDiff& p = a.paragraphs.back();
    EXPECT_EQ(p.kind, ParagraphDiff::Changed);
    std::string inserted, deleted, before, rebuilt;
    for (const auto& op : p.ops) {
        if (op.kind == TextOp::Insert) inserted += op.text;
        if (op.kind == TextOp::Delete) deleted += op.text;
        if (op.kind != TextOp::Insert) before += op.text;
        if (op.kind != TextOp::Delete) rebuilt += op.text;
    }
    EXPECT_EQ(before, p.before);
    EXPECT_EQ(rebuilt, p.after);
    EXPECT_EQ(inserted, "七全区和草原");
    EXPECT_EQ(deleted, "六");
}

TEST(Diff, ADifferentUnitInPlaceOfAnotherIsADeletionAndAnInsertionNotAnEdit) {
    std::vector<std::string> after = kUnits;
    after[5] = "（六）自然资源调查监测股。承担自然资源调查监测评价工作。";
    const auto d = diff_regulations(draft({kUnits}), draft({after}));
    EXPECT_EQ(count(d.articles[0], ParagraphDiff::Removed), 1);
    EXPECT_EQ(count(d.articles[0], ParagraphDiff::Added), 1);
    EXPECT_EQ(count(d.articles[0], ParagraphDiff::Changed), 0);
}

TEST(Diff, AnInsertedArticleIsOneNewArticleAndTheLaterOnesAreRenumbered) {
    const auto d =
        diff_regulations(draft({{"甲"}, {"乙条的内容。"}, {"丙条的内容。"}}),
                         draft({{"甲"}, {"新增的一条。"}, {"乙条的内容。"}, {"丙条的内容。"}}));
    ASSERT_EQ(d.articles.size(), 4u);
    EXPECT_EQ(d.changed_articles(), 1);
    EXPECT_EQ(d.articles[1].kind, ArticleDiff::Added);
    EXPECT_EQ(d.articles[1].label, "第二条");
    EXPECT_EQ(d.articles[2].kind, ArticleDiff::Same);
    EXPECT_EQ(d.articles[2].label, "第三条（原第二条）");
    EXPECT_EQ(d.articles[3].label, "第四条（原第三条）");
}

TEST(Diff, ARemovedArticleIsNamedByItsOldNumber) {
    const auto d = diff_regulations(draft({{"甲"}, {"乙条的内容。"}, {"丙条的内容。"}}),
                                    draft({{"甲"}, {"丙条的内容。"}}));
    ASSERT_EQ(d.changed_articles(), 1);
    EXPECT_EQ(d.articles[1].kind, ArticleDiff::Removed);
    EXPECT_EQ(d.articles[1].label, "原第二条");
    EXPECT_EQ(d.articles[2].label, "第二条（原第三条）");
}

TEST(Diff, TooManyDifferentParagraphsToAlignIsAnErrorNotAnAbort) {
    std::vector<std::string> a, b;
    for (int i = 0; i < 9000; ++i)
        a.push_back("甲" + std::to_string(i)), b.push_back("乙" + std::to_string(i));
    try {
        diff_regulations(draft({a}), draft({b}));
        FAIL() << "expected diff.too_large";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "diff.too_large");
    }
}

TEST(AuditText, ActionsAndDetailsReadInChinese) {
    EXPECT_EQ(audit_action_label("workflow.collect"), "收集");
    EXPECT_EQ(audit_action_label("workflow.sign-off"), "签发");
    EXPECT_EQ(audit_action_label("made.up"), "其他操作");
    for (auto id : audit_actions()) EXPECT_NE(audit_action_label(id), "其他操作") << id;
    EXPECT_EQ(
        audit_detail_text("workflow.return",
                          R"({"from":"submitted","to":"returned","revision":3,"comment":"请改"})"),
        "修订 3；已提交 → 已退回；意见：请改");
    EXPECT_EQ(audit_detail_text("user.add", R"({"user":"ann","role":"drafter"})"),
              "用户 ann；角色 起草人");
    EXPECT_EQ(audit_detail_text("x", "not json"), "");
}

}  // namespace
}  // namespace sanding
