// What recognize.cpp and recognize_front.cpp share (core-internal).
#pragma once

#include <string_view>

#include "sanding/document.hpp"
#include "sanding/model.hpp"

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
// Reads a staffing sentence into s (cleared first); what it cannot read stays empty.
void read_staffing(std::string_view p, int paragraph, Staffing& s);
// Sets reg's title, title_span and stage from the lines before the first article (front_end).
void read_front_matter(ParagraphSpan ps, std::size_t front_end, bool has_articles, Regulation& reg);
// Sets reg.layout once the articles are read (and, for the chapter layout, reg.staffing).
void read_layout(ParagraphSpan ps, Regulation& reg);

}  // namespace sanding::detail
