// Small UTF-8 helpers and Chinese numerals (第十一条, （十二）) used across core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanding {

// Checks that s is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
// On failure returns false and sets *bad_offset to the byte offset of the first bad sequence.
bool is_valid_utf8(std::string_view s, std::size_t* bad_offset = nullptr);
// The same, counting the \n and \r bytes of a valid s in the same pass where the CPU allows it
// (a file's lines are then counted without reading it again); counted says whether it did. Given
// feeds (and s under 4 GiB), each \n is noted there too when counted, with the UTF-16 units of s
// before it, and units is the UTF-16 length of s: a file is then split into lines, and its JSON
// offsets known, without reading it again either.
struct LineFeed {
    std::uint32_t at = 0;     // byte offset of the \n
    std::uint32_t units = 0;  // UTF-16 units before it
};
struct LineBreaks {
    std::size_t line_feeds = 0, carriage_returns = 0;
    bool counted = false;
    std::vector<LineFeed>* feeds = nullptr;
    bool noted = false;     // feeds and units were filled
    std::size_t units = 0;  // with feeds, when noted
};
bool is_valid_utf8(std::string_view s, std::size_t* bad_offset, LineBreaks* breaks);

// Number of UTF-16 code units needed for s (valid UTF-8 assumed): what LibreOffice and browsers
// count offsets in.
std::size_t utf16_length(std::string_view s);
// out[k] = utf16_length(s.substr(0, at[k])) for increasing offsets at[0…n), each at a character
// boundary: one pass over s however many offsets (a file's paragraph starts, for JSON offsets).
// out may be at: each offset is read before its count is written.
void utf16_lengths_at(std::string_view s, const std::size_t* at, std::size_t n, std::size_t* out);
// Where the first \n or \r at or after `from` is, or s.size(): many bytes at a time (two memchr
// calls per line, one for each, cost more than the rest of splitting a file into lines).
std::size_t find_line_break(std::string_view s, std::size_t from = 0);

// Decodes the code point at s[i] and advances i; returns U+FFFD on malformed input.
char32_t next_code_point(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of cp to out.
void append_utf8(std::string& out, char32_t cp);

// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五. Defined for 1..999.
std::string chinese_numeral(int n);

// Inverse of chinese_numeral for 1..999; also accepts 〇/零 and ASCII digits.
// Returns nothing when s is not a numeral.
std::optional<int> parse_chinese_numeral(std::string_view s);
// The code point of the three-byte character at p (its bytes not checked).
inline char32_t three_byte_code_point(const unsigned char* p) {
    return (char32_t(p[0] & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
}

// 0 for 零 or 〇, 1–9 for 一…九, -1 for any other character.
inline int chinese_digit(char32_t cp) {
    switch (cp) {
        case U'零':
        case U'〇': return 0;
        case U'一': return 1;
        case U'二': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return -1;
    }
}

// Leading/trailing ASCII white space, U+3000 and NBSP removed.
std::string_view trim(std::string_view s);
// trim at the front only: empty exactly when trim(s) is (it is left empty or starting with a
// character trim keeps), so whether a paragraph is blank is asked without reading its end.
std::string_view trim_front(std::string_view s);

// s.find(needle, from), sixteen places at a time: much faster than find() on CJK text, where the
// needle's first byte (a UTF-8 lead byte such as 0xE3) occurs everywhere.
std::size_t find_bytes(std::string_view s, std::string_view needle, std::size_t from = 0);
// s.rfind(needle, before): the last place at or before `before`, testing the first byte before
// comparing (string_view::rfind compares the whole needle at every byte).
std::size_t rfind_bytes(std::string_view s, std::string_view needle,
                        std::size_t before = std::string_view::npos);

// Whether s holds p at byte `at`. The checker asks this of a few bytes (第, （, 、) at every
// paragraph: compared for p's length, which is a constant where p is a literal (and then
// compared in place), not through string_view's ==, which calls memcmp with the length of the
// piece of s, known only at run time.
inline bool holds_at(std::string_view s, std::size_t at, std::string_view p) {
    return at <= s.size() && s.size() - at >= p.size() &&
           (p.empty() || std::memcmp(s.data() + at, p.data(), p.size()) == 0);
}
// The first of the literals that s holds at `at`, or "": each compared for its own constant
// length (a loop over a list of them would compare with lengths known only at run time).
template <std::size_t... N>
std::string_view first_held_at(std::string_view s, std::size_t at, const char (&... literals)[N]) {
    std::string_view found;
    (void)((holds_at(s, at, std::string_view(literals, N - 1)) &&
            (found = std::string_view(literals, N - 1), true)) ||
           ...);
    return found;
}
// Web copies of Chinese text often carry the ASCII twin of a full-width mark (“(” for “（”, and
// likewise ） ： ， ；); readers looking for the mark take either, and P01 reports the ASCII one.
struct MarkAt {
    std::size_t at = std::string_view::npos;  // npos when there is neither
    std::size_t size = 0;                     // 3 for the full-width mark, 1 for its twin
};
// The first of `wide` (one of （）：，；) or its ASCII twin in s at or after `from`.
MarkAt find_mark(std::string_view s, std::string_view wide, std::size_t from = 0);
// The mark `wide` or its ASCII twin at s[at], or "".
std::string_view mark_at(std::string_view s, std::size_t at, std::string_view wide);

inline bool starts_with(std::string_view s, std::string_view p) {
    return holds_at(s, 0, p);
}
inline bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && holds_at(s, s.size() - p.size(), p);
}
inline bool contains(std::string_view s, std::string_view p) {
    return find_bytes(s, p) != s.npos;
}

}  // namespace sanding
