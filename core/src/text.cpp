#include "sanding/text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>

#include "text_simd.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sanding {

namespace {

// Below this many bytes the vector path's set-up costs more than it saves.
constexpr std::size_t kVectorBytes = 64;

// The validator byte by byte: it names where the first bad sequence starts.
bool walk_utf8(std::string_view s, std::size_t* bad_offset);

}  // namespace

bool is_valid_utf8(std::string_view s, std::size_t* bad_offset, LineBreaks* breaks) {
    auto clear = [&] {
        if (!breaks) return;
        breaks->line_feeds = breaks->carriage_returns = breaks->units = 0;
        breaks->counted = breaks->noted = false;
        if (breaks->feeds) breaks->feeds->clear();
    };
    clear();
    // Valid text (nearly every file) is passed by the vector path; an invalid one is walked again
    // to say where.
    if (s.size() >= kVectorBytes && detail::have_avx2() && detail::utf8_valid_avx2(s, breaks))
        return true;
    clear();
    return walk_utf8(s, bad_offset);
}

bool is_valid_utf8(std::string_view s, std::size_t* bad_offset) {
    return is_valid_utf8(s, bad_offset, nullptr);
}

namespace {

bool walk_utf8(std::string_view s, std::size_t* bad_offset) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    auto fail = [&](std::size_t at) {
        if (bad_offset) *bad_offset = at;
        return false;
    };
    auto cont = [&](std::size_t k) { return (p[k] & 0xC0) == 0x80; };
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            // ASCII runs, eight bytes at a time.
            ++i;
            while (i + 8 <= n) {
                std::uint64_t w;
                std::memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ULL) break;
                i += 8;
            }
            continue;
        }
        if (c >= 0xE0 && c <= 0xEF) {  // three bytes: nearly all Chinese text
            if (i + 3 > n || !cont(i + 1) || !cont(i + 2)) return fail(i);
            if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0))
                return fail(i);  // overlong, surrogate
            i += 3;
            // A run of them, two at a time: leads E1–EC and EE–EF need no more than the pattern
            // 1110xxxx 10xxxxxx 10xxxxxx (E0 and ED, rare, take the path above).
            while (std::endian::native == std::endian::little && i + 8 <= n) {
                std::uint64_t w;
                std::memcpy(&w, p + i, 8);  // p[i] is the low byte
                if ((w & 0x0000C0C0F0C0C0F0ULL) != 0x00008080E08080E0ULL) break;
                const unsigned a = w & 0xFF, b = (w >> 24) & 0xFF;
                if (a == 0xE0 || a == 0xED || b == 0xE0 || b == 0xED) break;
                i += 6;
            }
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (i + 2 > n || !cont(i + 1)) return fail(i);
            i += 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 4 > n || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return fail(i);
            if ((c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] >= 0x90))
                return fail(i);  // overlong, > U+10FFFF
            i += 4;
        } else {
            return fail(i);  // continuation byte, C0/C1 or F5–FF
        }
    }
    return true;
}

}  // namespace

std::size_t find_bytes(std::string_view s, std::string_view needle, std::size_t from) {
    if (from > s.size()) return std::string_view::npos;
    const std::size_t k = needle.size();
#if defined(__SSE2__)
    // Sixteen candidate positions at a time: those where both the needle's first and last bytes
    // are in place (for Chinese text the last byte, a continuation byte, is what is selective);
    // only they are compared whole. glibc's memmem spends more on setting up than a paragraph
    // of a few hundred bytes takes to search, and the checker searches paragraphs all the time.
    if (k >= 2) {
        const char* h = s.data();
        std::size_t i = from;
        const __m128i first = _mm_set1_epi8(needle[0]), last_byte = _mm_set1_epi8(needle[k - 1]);
        for (; i + k - 1 + 16 <= s.size(); i += 16) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + i + k - 1));
            unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(
                _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last_byte))));
            while (mask) {
                const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
                if (std::memcmp(h + i + bit + 1, needle.data() + 1, k - 2) == 0) return i + bit;
                mask &= mask - 1;
            }
        }
        if (i + k > s.size()) return std::string_view::npos;
        // The last positions, fewer than sixteen: one more block of sixteen ending at the last
        // position, without the positions already looked at (or one by one in a short text).
        if (s.size() - k + 1 >= from + 16) {
            const std::size_t last = s.size() - k + 1 - 16;
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + last));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + last + k - 1));
            unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(
                _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last_byte))));
            mask &= ~((1u << (i - last)) - 1);  // i - last < 16
            for (; mask; mask &= mask - 1) {
                const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
                if (std::memcmp(h + last + bit + 1, needle.data() + 1, k - 2) == 0)
                    return last + bit;
            }
            return std::string_view::npos;
        }
        for (; i + k <= s.size(); ++i)
            if (h[i] == needle[0] && h[i + k - 1] == needle[k - 1] &&
                std::memcmp(h + i + 1, needle.data() + 1, k - 2) == 0)
                return i;
        return std::string_view::npos;
    }
#endif
    const void* at = memmem(s.data() + from, s.size() - from, needle.data(), k);
    return at ? static_cast<std::size_t>(static_cast<const char*>(at) - s.data())
              : std::string_view::npos;
}

namespace {
// The ASCII twin of a full-width mark, or "" for a mark without one.
std::string_view ascii_twin(std::string_view wide) {
    if (wide == "（") return "(";
    if (wide == "）") return ")";
    if (wide == "：") return ":";
    if (wide == "，") return ",";
    if (wide == "；") return ";";
    return {};
}
}  // namespace

MarkAt find_mark(std::string_view s, std::string_view wide, std::size_t from) {
    const std::size_t w = find_bytes(s, wide, from);
    const std::string_view twin = ascii_twin(wide);
    const std::size_t a = twin.empty() || from > s.size() ? s.npos : s.find(twin, from);
    if (w == s.npos && a == s.npos) return {};
    return w < a ? MarkAt{w, wide.size()} : MarkAt{a, twin.size()};
}

std::string_view mark_at(std::string_view s, std::size_t at, std::string_view wide) {
    if (holds_at(s, at, wide)) return s.substr(at, wide.size());
    const std::string_view twin = ascii_twin(wide);
    return !twin.empty() && holds_at(s, at, twin) ? s.substr(at, twin.size()) : std::string_view();
}

std::size_t rfind_bytes(std::string_view s, std::string_view needle, std::size_t before) {
    const std::size_t k = needle.size();
    if (k > s.size()) return std::string_view::npos;
    if (k == 0) return std::min(before, s.size());
    for (std::size_t i = std::min(before, s.size() - k) + 1; i-- > 0;)
        if (s[i] == needle[0] && std::memcmp(s.data() + i + 1, needle.data() + 1, k - 1) == 0)
            return i;
    return std::string_view::npos;
}

std::size_t find_line_break(std::string_view s, std::size_t from) {
    if (detail::have_avx2()) return detail::line_break_avx2(s, from);
    const char* p = s.data();
    std::size_t i = from;
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        if (const int mask =
                _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr))))
            return i + static_cast<unsigned>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < s.size(); ++i)
        if (p[i] == '\n' || p[i] == '\r') return i;
    return s.size();
}

void utf16_lengths_at(std::string_view s, const std::size_t* at, std::size_t n, std::size_t* out) {
    assert(std::is_sorted(at, at + n) && (n == 0 || at[n - 1] <= s.size()));
    if (detail::have_avx2()) return detail::utf16_lengths_at_avx2(s, at, n, out);
    std::size_t units = 0, counted = 0;
    for (std::size_t k = 0; k < n; ++k) {
        units += utf16_length(s.substr(counted, at[k] - counted));
        counted = at[k];
        out[k] = units;
    }
}

std::size_t utf16_length(std::string_view s) {
    // A lead byte starts a code point (one unit); a 4-byte lead starts a surrogate pair (two).
    // Counted in blocks: a whole file's offsets are counted for JSON output.
    if (s.size() >= 4 * kVectorBytes && detail::have_avx2()) {  // a long run: one count at its end
        const std::size_t end = s.size();
        std::size_t units = 0;
        detail::utf16_lengths_at_avx2(s, &end, 1, &units);
        return units;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t units = 0, i = 0;
#if defined(__SSE2__)
    // Sixteen at a time: as signed bytes, lead and ASCII bytes are > -65 (continuation bytes are
    // 0x80–0xBF, -128…-65) and 4-byte leads are negative and > -17 (0xF0…). Per-lane counts stay
    // below 256 for 127 blocks.
    const __m128i not_continuation = _mm_set1_epi8(-65), four_byte_lead = _mm_set1_epi8(-17),
                  zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i counts = zero;
        for (int blocks = 0; blocks < 127 && i + 16 <= n; ++blocks, i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            counts = _mm_sub_epi8(counts, _mm_cmpgt_epi8(v, not_continuation));
            counts = _mm_sub_epi8(
                counts, _mm_and_si128(_mm_cmpgt_epi8(v, four_byte_lead), _mm_cmplt_epi8(v, zero)));
        }
        const __m128i sums = _mm_sad_epu8(counts, zero);
        units += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
                 static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    }
#else
    // Eight at a time in a 64-bit word.
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
    auto count_high_bits = [](std::uint64_t m) {
        return static_cast<std::size_t>((((m >> 7) & kOnes) * kOnes) >> 56);
    };
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        const std::uint64_t continuation = w & ~(w << 1) & kHigh;  // 10xxxxxx
        const std::uint64_t four =
            w & (w << 1) & (w << 2) & (w << 3) & ~(w << 4) & kHigh;  // 11110xxx
        units += 8 - count_high_bits(continuation) + count_high_bits(four);
    }
#endif
    for (; i < n; ++i) {
        const unsigned char c = p[i];
        units += ((c & 0xC0) != 0x80) + ((c & 0xF8) == 0xF0);
    }
    return units;
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80             ? 1
                      : (c & 0xE0) == 0xC0 ? 2
                      : (c & 0xF0) == 0xE0 ? 3
                      : (c & 0xF8) == 0xF0 ? 4
                                           : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

namespace {
constexpr std::array<std::string_view, 10> kDigits = {"零", "一", "二", "三", "四",
                                                      "五", "六", "七", "八", "九"};

}  // namespace

namespace {
std::string spell_numeral(int n) {
    std::string out;
    int hundreds = n / 100, tens = n / 10 % 10, ones = n % 10;
    if (hundreds) {
        out += kDigits[hundreds];
        out += "百";
    }
    if (tens) {
        if (tens > 1 || hundreds) out += kDigits[tens];  // 十一, but 一百一十一
        out += "十";
    } else if (hundreds && ones) {
        out += "零";
    }
    if (ones) out += kDigits[ones];
    return out;
}

// Spelled once: the checker asks for these for every article and item of every draft.
const std::array<std::string, 1000>& spellings() {
    static const std::array<std::string, 1000> table = [] {
        std::array<std::string, 1000> t;
        for (int n = 1; n < 1000; ++n) t[n] = spell_numeral(n);
        return t;
    }();
    return table;
}

// s spells `canonical`, with 〇 accepted for 零.
bool same_spelling(std::string_view s, std::string_view canonical) {
    std::size_t i = 0, j = 0;
    while (i < s.size() && j < canonical.size()) {
        if (s.substr(i, 3) == "〇" && canonical.substr(j, 3) == "零") {
            i += 3, j += 3;
        } else if (s[i] == canonical[j]) {
            ++i, ++j;
        } else {
            return false;
        }
    }
    return i == s.size() && j == canonical.size();
}
}  // namespace

std::string chinese_numeral(int n) {
    if (n <= 0 || n > 999) return std::to_string(n);
    return spellings()[static_cast<std::size_t>(n)];
}

std::optional<int> parse_chinese_numeral(std::string_view s) {
    if (s.empty()) return std::nullopt;
    // All ASCII digits? (find_first_not_of searches the set of ten for every byte.)
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (s.size() > 4) return std::nullopt;
        int value = 0;
        for (char c : s) value = value * 10 + (c - '0');
        return value;
    }
    // Up to three characters (（三）, 第十二条, （二十一）) are nearly all the recogniser reads:
    // their canonical forms are read here, without the table and the spelling check below.
    if (s.size() == 3 || s.size() == 6 || s.size() == 9) {
        // 1…9 for 一…九, 10 for 十, 0 for anything else (零, 百, a character that is no numeral,
        // bytes that are not one three-byte character).
        auto small = [&](std::size_t at) {
            const auto* p = reinterpret_cast<const unsigned char*>(s.data() + at);
            if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
            const char32_t cp = three_byte_code_point(p);
            return cp == U'十' ? 10 : std::max(chinese_digit(cp), 0);
        };
        const int a = small(0);
        if (s.size() == 3) return a > 0 ? std::optional<int>(a) : std::nullopt;
        const int b = small(3);
        if (s.size() == 6) {
            if (a == 10 && b > 0 && b < 10) return 10 + b;   // 十一…十九
            if (a >= 2 && a < 10 && b == 10) return a * 10;  // 二十…九十
        } else if (a >= 2 && a < 10 && b == 10) {
            if (const int c = small(6); c > 0 && c < 10) return a * 10 + c;  // 二十一…九十九
        }
        // Anything else (一十, 二十零, 一百, 〇) as below.
    }
    // Accept exactly the forms chinese_numeral writes, so that 二十零 or 十十 are not numerals.
    int value = 0;
    std::size_t i = 0;
    int pending = -1;
    bool seen_hundred = false, seen_ten = false, zero_seen = false;
    while (i < s.size()) {
        char32_t cp = next_code_point(s, i);
        int d = chinese_digit(cp);
        if (d == 0) {
            // 零 only between 百 and the ones digit: 一百零五.
            if (!seen_hundred || seen_ten || pending >= 0 || zero_seen) return std::nullopt;
            zero_seen = true;
        } else if (d > 0) {
            if (pending >= 0) return std::nullopt;
            pending = d;
        } else if (cp == U'百') {
            if (seen_hundred || seen_ten || pending <= 0) return std::nullopt;
            value += pending * 100, pending = -1, seen_hundred = true;
        } else if (cp == U'十') {
            if (seen_ten || pending == 0) return std::nullopt;
            if (pending < 0 && seen_hundred) return std::nullopt;  // 一百十 is not written
            value += (pending < 0 ? 1 : pending) * 10, pending = -1, seen_ten = true;
        } else {
            return std::nullopt;
        }
    }
    if (zero_seen && pending < 0) return std::nullopt;  // trailing 零
    if (pending > 0) value += pending;
    if (value <= 0 || value > 999) return std::nullopt;
    // Reject spellings that differ from the canonical one (二十零, 一百零十).
    if (!same_spelling(s, spellings()[static_cast<std::size_t>(value)])) return std::nullopt;
    return value;
}

std::string_view trim_front(std::string_view s) {
    for (;;) {
        if (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')) {
            s.remove_prefix(1);
        } else if (starts_with(s, "\u3000")) {
            s.remove_prefix(3);
        } else if (starts_with(s, "\u00a0")) {
            s.remove_prefix(2);
        } else {
            return s;
        }
    }
}

std::string_view trim(std::string_view s) {
    s = trim_front(s);
    for (;;) {
        if (!s.empty() &&
            (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
            s.remove_suffix(1);
        } else if (ends_with(s, "\u3000")) {
            s.remove_suffix(3);
        } else if (ends_with(s, "\u00a0")) {
            s.remove_suffix(2);
        } else {
            return s;
        }
    }
}

}  // namespace sanding
