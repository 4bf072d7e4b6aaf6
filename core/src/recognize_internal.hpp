// What the recognizer's files share, and the definition (以下简称) the name rules read too
// (core-internal).
#pragma once

#include <string_view>

#include "sanding/document.hpp"
#include "sanding/model.hpp"
#include "sanding/text.hpp"

namespace sanding::detail {

// Bytes of the run of numeral characters (digits, 一…十百千零〇, full-width digits) at s[i], at
// most max_chars characters; 0 when none.
std::size_t numeral_chars(std::string_view s, std::size_t i, int max_chars);
// The number a numeral's text gives (一, 十二, 15, full-width digits), 0 when none.
int numeral_count(std::string_view s);
// “32名” (or 九名, ３２名) at s[i]: the count, or -1; *end is set past 名.
int count_at(std::string_view s, std::size_t i, std::size_t* end = nullptr);
// s up to the first delim (all of s when there is none).
inline std::string_view cut_before(std::string_view s, std::string_view delim) {
    auto at = s.find(delim);
    return at == s.npos ? s : s.substr(0, at);
}
// The body's definition, （以下简称X）: full-width, or in the ASCII brackets published pages often
// carry (P01 flags those). Read by the nature article's parser and by A01/A02.
constexpr std::string_view kDefinitionWords = "以下简称";
struct DefinitionAt {
    std::size_t at = std::string_view::npos;  // where the opening bracket starts
    std::size_t name_at = 0;                  // where the short name starts
};
// The first （以下简称 or (以下简称 at or after `from` (at npos when there is none).
inline DefinitionAt definition_at(std::string_view t, std::size_t from = 0) {
    for (auto w = find_bytes(t, kDefinitionWords, from); w != t.npos;
         w = find_bytes(t, kDefinitionWords, w + 1)) {
        const std::size_t name_at = w + kDefinitionWords.size();
        if (w >= from + 3 && holds_at(t, w - 3, "（")) return {w - 3, name_at};
        if (w >= from + 1 && t[w - 1] == '(') return {w - 1, name_at};
    }
    return {};
}
// Reads a staffing sentence into s (cleared first); what it cannot read stays empty.
void read_staffing(std::string_view p, int paragraph, Staffing& s);
// Sets reg's title, title_span and stage from the lines before the first article (front_end).
void read_front_matter(ParagraphSpan ps, std::size_t front_end, bool has_articles, Regulation& reg);
// Sets reg.layout once the articles are read (and, for the chapter layout, reg.staffing).
void read_layout(ParagraphSpan ps, Regulation& reg);

}  // namespace sanding::detail
