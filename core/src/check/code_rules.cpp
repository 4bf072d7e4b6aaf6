#include "code_rules.hpp"

#include <optional>

#include "sanding/check/checker.hpp"

namespace sanding {

const std::vector<CodeRule>& code_rules() {
    static const std::vector<CodeRule> rules = [] {
        std::vector<CodeRule> v;
        detail::add_structure_rules(v);
        detail::add_item_rules(v);
        detail::add_staffing_rules(v);
        detail::add_name_rules(v);
        return v;
    }();
    return rules;
}

const std::vector<ParagraphRule>& paragraph_rules() {
    static const std::vector<ParagraphRule> rules = [] {
        std::vector<ParagraphRule> v;
        detail::add_paragraph_rules(v);
        return v;
    }();
    return rules;
}

namespace {
// From the repository root: __FILE__ may be absolute or relative to the build directory.
std::string from_root(std::string_view file) {
    const auto at = file.rfind("core/src/");
    return std::string(at == std::string_view::npos ? file : file.substr(at));
}
}  // namespace

std::optional<CodeRuleSource> code_rule_source(std::string_view id) {
    for (const auto& c : code_rules())
        if (id == c.id) return CodeRuleSource{from_root(c.file), c.function};
    for (const auto& p : paragraph_rules())
        if (id == p.id) return CodeRuleSource{from_root(p.file), p.function};
    return std::nullopt;
}

}  // namespace sanding
