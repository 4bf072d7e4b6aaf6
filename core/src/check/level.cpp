// The level a draft's wording names (全区/区委/区政府, 全县/县委/县政府 …), for the rules that
// write it out: the draft's own nature article first, then the framework.
#include <algorithm>

#include "context.hpp"

namespace sanding {

std::string CheckContext::level() const {
    const std::string& own = reg.body.level;
    if (!own.empty()) return own;
    return framework ? framework->district.level : std::string("区");
}

std::string CheckContext::party_committee() const {
    const std::string l = level();
    if (l == "国家") return "党中央";
    if (framework && l == framework->district.level && !framework->district.party_committee.empty())
        return framework->district.party_committee;
    return l + "委";
}

std::string CheckContext::establishment_office() const {
    const std::string l = level();
    if (l == "国家") return "中央机构编制委员会办公室";
    if (framework && l == framework->district.level &&
        !framework->district.establishment_office.empty())
        return framework->district.establishment_office;
    return party_committee() + "机构编制委员会办公室";
}

void fit_scope_words(std::string_view level, const std::function<std::string_view(int)>& text,
                     std::vector<Finding>& out) {
    // D10 flags every 全国/全省/全市/全县/全区 in the duties; the draft's own level's word is
    // right.
    const std::string own = level == "国家" ? "全国" : "全" + std::string(level);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Finding& f) {
                                 return f.rule == "D10" && f.paragraph >= 0 &&
                                        text(f.paragraph).substr(f.offset_utf8, f.length_utf8) ==
                                            own;
                             }),
              out.end());
    for (auto& f : out)
        if (f.rule == "D10") f.suggestions = {own};
}

void fit_scope_words_to_level(const CheckContext& c, std::vector<Finding>& out) {
    fit_scope_words(
        c.level(), [&](int p) { return c.text(p); }, out);
}

}  // namespace sanding
