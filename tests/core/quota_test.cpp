// The staffing article against the framework, as the reviewer's table shows it.
#include <gtest/gtest.h>

#include "sanding/framework.hpp"
#include "sanding/quota.hpp"

namespace sanding {
namespace {

BodyFacts body() {
    BodyFacts b;
    b.id = "emergency";
    b.quota.establishments = {{"行政编制", 18}};
    b.quota.leaders = {{"局长", 1}, {"副局长", 3}};
    b.quota.unit_level = "股级";
    b.quota.unit_posts = 7;
    b.internal_unit_count = 6;
    return b;
}

Regulation draft(int establishment, int deputies, int unit_posts, int units) {
    Regulation r;
    r.staffing.establishments = {{"行政编制", establishment}};
    r.staffing.leaders = {{"局长", 1}, {"副局长", deputies}};
    r.staffing.unit_level = "股级";
    r.staffing.unit_posts = unit_posts;
    r.articles.push_back(Article{4, ArticleRole::Units, {"区应急管理局设下列内设机构："}, {}});
    for (int i = 0; i < units; ++i) r.units.push_back(InternalUnit{});
    return r;
}

using V = QuotaLine::Verdict;

TEST(QuotaComparison, ADraftWithinTheFrameworkMatchesOnEveryLine) {
    const auto lines = compare_quota(body(), draft(18, 3, 7, 6));
    ASSERT_EQ(lines.size(), 5u);
    const char* labels[] = {"行政编制", "局长", "副局长", "股级领导职数", "内设机构"};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_EQ(lines[i].label, labels[i]);
        EXPECT_EQ(lines[i].verdict, V::Match) << lines[i].label;
        EXPECT_EQ(lines[i].framework, lines[i].draft) << lines[i].label;
    }
}

TEST(QuotaComparison, EachKindOfMismatchIsNamedOnItsLine) {
    Regulation r = draft(20, 2, 7, 7);
    r.staffing.establishments.push_back({"事业编制", 3});
    const auto lines = compare_quota(body(), r);
    auto find = [&](const std::string& label) {
        for (const auto& l : lines)
            if (l.label == label) return l;
        ADD_FAILURE() << label;
        return QuotaLine{};
    };
    EXPECT_EQ(find("行政编制").verdict, V::Over);
    EXPECT_EQ(find("副局长").verdict, V::Under);
    EXPECT_EQ(find("内设机构").verdict, V::Over);
    EXPECT_EQ(find("事业编制").verdict, V::NotInFramework);
    EXPECT_EQ(find("事业编制").framework, -1);
    EXPECT_EQ(find("股级领导职数").verdict, V::Match);
    EXPECT_EQ(chinese_label(V::Over), "超出核定");
}

TEST(QuotaComparison, ADraftWithoutAStaffingArticleStatesNothing) {
    const auto lines = compare_quota(body(), Regulation{});
    for (const auto& l : lines) EXPECT_EQ(l.verdict, V::NotStated) << l.label;
}

}  // namespace
}  // namespace sanding
