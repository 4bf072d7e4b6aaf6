// The level a draft's wording names (全区/区委/区政府, 全县/县委/县政府 …), for the rules that
// write it out: the draft's own nature article first, then the framework.
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
    if (framework && l == framework->district.level && !framework->district.establishment_office.empty())
        return framework->district.establishment_office;
    return party_committee() + "机构编制委员会办公室";
}

}  // namespace sanding
