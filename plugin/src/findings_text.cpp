#include "findings_text.hpp"

#include <map>

namespace sanding::plugin {

std::string finding_text(const Finding& f) {
    static const char* severity[] = {"提示", "警告", "错误"};
    std::string s = std::string("[") + severity[static_cast<int>(f.severity)] + "] " + f.message;
    // The suggestion in quotation marks: a bare "，" after an arrow is unreadable.
    if (!f.suggestions.empty()) s += " — 改为“" + f.suggestions.front() + "”";
    return s + "（" + f.rule + "）";
}

std::vector<FindingLine> grouped_lines(const std::vector<Finding>& findings) {
    if (findings.empty()) return {{"未发现问题", -1}};
    std::vector<std::string> articles;
    std::map<std::string, std::vector<int>> by_article;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const std::string a = findings[i].article.empty() ? "（条文之外）" : findings[i].article;
        if (!by_article.count(a)) articles.push_back(a);
        by_article[a].push_back(static_cast<int>(i));
    }
    std::vector<FindingLine> out;
    for (const auto& a : articles) {
        out.push_back({a + "（" + std::to_string(by_article[a].size()) + " 处）", -1});
        for (int i : by_article[a])
            out.push_back({"    " + finding_text(findings[static_cast<std::size_t>(i)]), i});
    }
    return out;
}

}  // namespace sanding::plugin
