#include "sanding/check/fix.hpp"

#include <algorithm>

namespace sanding {

std::vector<Edit> safe_fix_edits(const std::vector<Finding>& findings, std::size_t base) {
    std::vector<Edit> edits;
    for (const auto& f : findings)
        if (f.safe_fix && !f.suggestions.empty())
            edits.push_back({base + f.offset_utf8, f.length_utf8, f.suggestions.front()});
    std::stable_sort(edits.begin(), edits.end(),
                     [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
    std::vector<Edit> kept;
    for (auto& e : edits) {
        if (!kept.empty() && e.offset < kept.back().offset + kept.back().length) continue;
        if (!kept.empty() && e.length == 0 && e.offset == kept.back().offset) continue;
        kept.push_back(std::move(e));
    }
    return kept;
}

std::string apply_edits(std::string_view text, const std::vector<Edit>& edits) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    for (const auto& e : edits) {
        if (e.offset < at || e.offset + e.length > text.size()) continue;
        out.append(text.substr(at, e.offset - at));
        out += e.replacement;
        at = e.offset + e.length;
    }
    out.append(text.substr(at));
    return out;
}

}  // namespace sanding
