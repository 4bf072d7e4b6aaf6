// How 检查全文 lists findings (plugin/src/findings_text.cpp, no UNO): under article headings, with
// Chinese severities and the suggestion in quotation marks; "未发现问题" when there is nothing.
#include <gtest/gtest.h>

#include "findings_text.hpp"

namespace sanding::plugin {
namespace {

Finding finding(const std::string& rule, Severity s, const std::string& article,
                const std::string& suggestion) {
    Finding f;
    f.rule = rule, f.severity = s, f.article = article, f.message = "消息" + rule;
    if (!suggestion.empty()) f.suggestions = {suggestion};
    return f;
}

TEST(FindingsText, NothingFoundSaysSo) {
    const auto lines = grouped_lines({});
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].text, "未发现问题");
    EXPECT_EQ(lines[0].finding, -1);
}

TEST(FindingsText, GroupedUnderArticlesInTheOrderTheyFirstAppear) {
    const std::vector<Finding> fs = {finding("P01", Severity::Error, "第三条", "，"),
                                     finding("W01", Severity::Error, "第一条", "其他"),
                                     finding("D07", Severity::Warning, "第三条", ""),
                                     finding("R01", Severity::Info, "", "")};
    const auto lines = grouped_lines(fs);
    std::vector<std::string> texts;
    std::vector<int> indexes;
    for (const auto& l : lines) texts.push_back(l.text), indexes.push_back(l.finding);
    EXPECT_EQ(texts,
              (std::vector<std::string>{"第三条（2 处）", "    [错误] 消息P01 — 改为“，”（P01）",
                                        "    [警告] 消息D07（D07）", "第一条（1 处）",
                                        "    [错误] 消息W01 — 改为“其他”（W01）",
                                        "（条文之外）（1 处）", "    [提示] 消息R01（R01）"}));
    EXPECT_EQ(indexes, (std::vector<int>{-1, 0, 2, -1, 1, -1, 3}));
}

}  // namespace
}  // namespace sanding::plugin
