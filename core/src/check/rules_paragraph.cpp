// Rules that need one paragraph only, so the Writer proofreader runs them too: article and item
// markers (S16, M01, M03), paired brackets (P09), compatibility characters (U01).
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../text_simd.hpp"
#include "code_rules.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

using Emit = ParagraphEmit;

// P09's marks by their bytes: U+2018–201D (‘’“”: E2 80 98–9D), U+3008–3015 (〈〉《》【】〔〕…:
// E3 80 88–95) and U+FF08–FF09 (（）: EF BC 88–89). Each path below, vector or not, tests these.
struct MarkBytes {
    unsigned char lead, second, lo, hi;  // the third byte in [lo, hi]
};
constexpr MarkBytes kPairMarks[] = {
    {0xE2, 0x80, 0x98, 0x9D}, {0xE3, 0x80, 0x88, 0x95}, {0xEF, 0xBC, 0x88, 0x89}};

// U01's suspects by their first two bytes: U+2E80–2FDF (E2 BA–BF …) and U+F900–FAFF (EF A4–AB …).
struct LeadBytes {
    unsigned char lead, lo, hi;  // the second byte in [lo, hi]
};
constexpr LeadBytes kCompatibilityLeads[] = {{0xE2, 0xBA, 0xBF}, {0xEF, 0xA4, 0xAB}};

#if defined(__x86_64__) && defined(__GNUC__)
// Thirty-two places at a time (AVX2): bit k set where one of P09's marks starts at p + k
// (reads p[0, 34)), or where U01's characters may (reads p[0, 33)).
__attribute__((target("avx2"))) __m256i bytes_equal32(__m256i v, unsigned char c) {
    return _mm256_cmpeq_epi8(v, _mm256_set1_epi8(static_cast<char>(c)));
}
__attribute__((target("avx2"))) __m256i bytes_in_range32(__m256i v, unsigned char lo,
                                                         unsigned char hi) {
    const __m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8(static_cast<char>(lo)));
    return _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(static_cast<char>(hi - lo))), d);
}
__attribute__((target("avx2"), noinline)) unsigned pair_marks32(const unsigned char* p) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
    const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
    __m256i any = _mm256_setzero_si256();
#pragma GCC unroll 3
    for (const MarkBytes& m : kPairMarks)
        any = _mm256_or_si256(any, _mm256_and_si256(_mm256_and_si256(bytes_equal32(a, m.lead),
                                                                     bytes_equal32(b, m.second)),
                                                    bytes_in_range32(c, m.lo, m.hi)));
    return static_cast<unsigned>(_mm256_movemask_epi8(any));
}
__attribute__((target("avx2"), noinline)) unsigned compatibility_leads32(const unsigned char* p) {
    const __m256i lead = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
    __m256i any = _mm256_setzero_si256();
#pragma GCC unroll 2
    for (const LeadBytes& l : kCompatibilityLeads)
        any = _mm256_or_si256(
            any, _mm256_and_si256(bytes_equal32(lead, l.lead), bytes_in_range32(next, l.lo, l.hi)));
    return static_cast<unsigned>(_mm256_movemask_epi8(any));
}
#endif

#if defined(__SSE2__)
// Byte by byte, sixteen at a time: v == c, and lo <= v <= hi (unsigned).
__m128i bytes_equal(__m128i v, unsigned char c) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c)));
}
__m128i bytes_in_range(__m128i v, unsigned char lo, unsigned char hi) {
    const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo)));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(static_cast<char>(hi - lo))), d);
}
#endif

// Calls visit(offset, code point) for each character of t led by byte E2 or EF — where U01's
// radicals and compatibility ideographs are — until visit returns false. Those lead bytes never
// occur inside another character, so they are looked for sixteen bytes at a time.
template <class Visit>
void for_each_symbol(std::string_view t, Visit visit) {
    const auto* p = reinterpret_cast<const unsigned char*>(t.data());
    const std::size_t n = t.size();
    auto at = [&](std::size_t i) {
        if (i + 3 > n) return true;
        return visit(i, three_byte_code_point(p + i));
    };
    auto is_lead = [](unsigned char c) { return c == 0xE2 || c == 0xEF; };
    std::size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        unsigned mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(bytes_equal(v, 0xE2), bytes_equal(v, 0xEF))));
        for (; mask; mask &= mask - 1)
            if (!at(i + static_cast<unsigned>(__builtin_ctz(mask)))) return;
    }
#endif
    for (; i < n; ++i)
        if (is_lead(p[i]) && !at(i)) return;
}

// Calls visit(offset) for each character of t that may be one of P09's marks (kPairMarks) until
// visit returns false. Everything else, the ，。、 of every sentence included, is passed over 32
// (AVX2) or sixteen bytes at a time.
template <class Visit>
void for_each_pair_mark(std::string_view t, Visit visit) {
    const auto* p = reinterpret_cast<const unsigned char*>(t.data());
    const std::size_t n = t.size();
    auto is_mark = [&](std::size_t i) {
        const unsigned char a = p[i], b = p[i + 1], c = p[i + 2];
        return std::any_of(std::begin(kPairMarks), std::end(kPairMarks), [&](const MarkBytes& m) {
            return a == m.lead && b == m.second && c >= m.lo && c <= m.hi;
        });
    };
    std::size_t i = 0;
#if defined(__SSE2__)
    auto marks_at = [&](std::size_t j) {  // bit k: a mark starts at j + k
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j + 1));
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j + 2));
        __m128i any = _mm_setzero_si128();
#pragma GCC unroll 3
        for (const MarkBytes& m : kPairMarks)
            any = _mm_or_si128(
                any, _mm_and_si128(_mm_and_si128(bytes_equal(a, m.lead), bytes_equal(b, m.second)),
                                   bytes_in_range(c, m.lo, m.hi)));
        return static_cast<unsigned>(_mm_movemask_epi8(any));
    };
#if defined(__x86_64__) && defined(__GNUC__)
    if (detail::have_avx2())
        for (; i + 34 <= n; i += 32)
            for (unsigned mask = pair_marks32(p + i); mask; mask &= mask - 1)
                if (!visit(i + static_cast<unsigned>(__builtin_ctz(mask)))) return;
#endif
    for (; i + 18 <= n; i += 16)
        for (unsigned mask = marks_at(i); mask; mask &= mask - 1)
            if (!visit(i + static_cast<unsigned>(__builtin_ctz(mask)))) return;
    if (n >= 18 && i + 3 <= n) {
        // The rest as one block ending at the text's end, without the places already looked at.
        const std::size_t j = n - 18;
        for (unsigned mask = marks_at(j) & ~((1u << (i - j)) - 1); mask; mask &= mask - 1)
            if (!visit(j + static_cast<unsigned>(__builtin_ctz(mask)))) return;
        return;
    }
#endif
    for (; i + 3 <= n; ++i)
        if (is_mark(i) && !visit(i)) return;
}

void s16_article_separator(const ParagraphFacts& p, const Emit& emit) {
    const auto& m = p.article;
    if (!m || m->separator == "\u3000") return;
    const std::size_t end_of_marker = m->offset + m->length - m->separator.size();
    if (m->separator.empty() && end_of_marker < p.text.size())
        emit(end_of_marker - 3, 3, "“第X条”后应空一个全角空格", {"条\u3000"});
    else if (!m->separator.empty())
        emit(end_of_marker, m->separator.size(),
             "“第X条”后应为全角空格，不用“" + std::string(m->separator) + "”", {"\u3000"});
}

void m01_numerals(const ParagraphFacts& p, const Emit& emit) {
    if (const auto& m = p.article) {
        const std::size_t at = m->offset + 3;
        if (m->number == 0)
            emit(at, m->numeral.size(), "“第" + std::string(m->numeral) + "条”的序号写法有误", {});
        else if (m->numeral != chinese_numeral(m->number))
            emit(at, m->numeral.size(), "条的序号应用中文数字", {chinese_numeral(m->number)});
        return;
    }
    if (!(p.scopes & (kScopeDuties | kScopeUnits | kScopeDutyItems | kScopeUnitItems))) return;
    if (const auto& m = p.item; m && m->chinese_brackets && !m->chinese_numeral && m->number > 0) {
        const std::size_t at = m->offset + 3;
        emit(at, m->numeral.size(), "项的序号应用中文数字", {chinese_numeral(m->number)});
    }
}

void m03_mark_after_item(const ParagraphFacts& p, const Emit& emit) {
    const auto& m = p.item;
    if (!m || !m->chinese_brackets) return;
    const std::size_t at = m->offset + m->length;
    if (const std::string_view bad = first_held_at(p.text, at, "、", "，", "．", ",", ".");
        !bad.empty())
        emit(at, bad.size(),
             "序号“" + std::string(p.text.substr(m->offset, m->length)) + "”后不加标点", {""});
}

void p09_pairs(const ParagraphFacts& p, const Emit& emit) {
    const std::string_view t = p.text;
    struct Open {
        unsigned close;  // the closing mark's key
        std::size_t at;
    };
    thread_local std::vector<Open> stack;  // kept between paragraphs: no allocation per paragraph
    stack.clear();
    // The pairs （）《》“”‘’【】〔〕〈〉, by the last byte of the marks for_each_pair_mark finds
    // (E2 80 98–9D, E3 80 88–95, EF BC 88–89): +1 opens, -1 closes, 0 is no pair's
    // (「」『』‚‛〒〓). Each closing mark is its opening mark's code point plus one.
    static constexpr signed char kQuotes[] = {1, -1, 0, 0, 1, -1};  // E2 80 98…
    static constexpr signed char kBrackets[] = {1, -1, 1,  -1, 0, 0, 0,
                                                0, 1,  -1, 0,  0, 1, -1};  // E3 80 88…
    bool reported = false;
    // An item's （一） is a pair of its own, and most of the marks there are: looked for after it.
    const std::size_t from =
        p.item && p.item->chinese_brackets ? p.item->offset + p.item->length : 0;
    for_each_pair_mark(t.substr(from), [&](std::size_t at) {
        at += from;
        const auto* b = reinterpret_cast<const unsigned char*>(t.data() + at);
        const unsigned key = (unsigned{b[0]} << 8) | b[2];
        const int kind = b[0] == 0xE2   ? kQuotes[b[2] - 0x98]
                         : b[0] == 0xE3 ? kBrackets[b[2] - 0x88]
                                        : (b[2] == 0x88 ? 1 : -1);
        if (kind > 0) {
            stack.push_back({key + 1, at});
        } else if (kind < 0) {
            if (!stack.empty() && stack.back().close == key) {
                stack.pop_back();
            } else {
                emit(at, 3, "“" + std::string(t.substr(at, 3)) + "”没有与之配对的前半个", {});
                reported = true;
                return false;  // one report per paragraph: the rest usually follows from it
            }
        }
        return true;
    });
    if (!reported && !stack.empty())
        emit(stack[0].at, 3, "“" + std::string(t.substr(stack[0].at, 3)) + "”没有与之配对的后半个",
             {});
}

// Kangxi radicals and CJK compatibility ideographs look like ordinary characters (⼀ for 一) but
// are not: text copied from PDFs carries them, and search and comparison then fail. ICU's NFKC
// gives the ordinary character.
// Whether t may hold one of U01's suspects (kCompatibilityLeads): nearly no paragraph does, and
// this answers 32 (AVX2) or sixteen bytes at a time.
bool may_hold_compatibility_characters(std::string_view t) {
    const auto* p = reinterpret_cast<const unsigned char*>(t.data());
    std::size_t i = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    if (detail::have_avx2())
        for (; i + 33 <= t.size(); i += 32)
            if (compatibility_leads32(p + i)) return true;
#endif
#if defined(__SSE2__)
    for (; i + 17 <= t.size(); i += 16) {
        const __m128i lead = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
        __m128i any = _mm_setzero_si128();
#pragma GCC unroll 2
        for (const LeadBytes& l : kCompatibilityLeads)
            any = _mm_or_si128(
                any, _mm_and_si128(bytes_equal(lead, l.lead), bytes_in_range(next, l.lo, l.hi)));
        if (_mm_movemask_epi8(any)) return true;
    }
#endif
    for (; i + 1 < t.size(); ++i)
#pragma GCC unroll 2
        for (const LeadBytes& l : kCompatibilityLeads)
            if (p[i] == l.lead && p[i + 1] >= l.lo && p[i + 1] <= l.hi) return true;
    return false;
}

void u01_compatibility_characters(const ParagraphFacts& p, const Emit& emit) {
    // Not marked by the scan: none here. A paragraph checked on its own (marks unknown) is
    // looked through for the lead bytes first.
    if (!(p.marks & kMarkCompatibility)) return;
    const std::string_view t = p.text;
    if (p.marks == kMarksUnknown && !may_hold_compatibility_characters(t)) return;
    // The suspicious ranges are led by E2 (U+2E80–2FDF) or EF (U+F900–FAFF).
    for_each_symbol(t, [&](std::size_t at, char32_t cp) {
        const bool suspicious = (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0xF900 && cp <= 0xFAFF);
        if (!suspicious) return true;
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
        if (U_FAILURE(status)) return false;
        icu::UnicodeString normal =
            nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
        std::string suggestion;
        normal.toUTF8String(suggestion);
        std::string original(t.substr(at, 3));
        if (U_FAILURE(status) || suggestion == original) return true;
        emit(at, 3, "“" + original + "”是部首或兼容字符，应为“" + suggestion + "”", {suggestion});
        return true;
    });
}

// R03: a placeholder of the model text the drafter has not replaced yet.
void r03_placeholder(const ParagraphFacts& p, const Emit& emit) {
    if (!(p.marks & kMarkPlaceholder)) return;
    const std::string_view t = p.text;
    for_each_placeholder(t, [&](std::size_t at, std::size_t end) {
        emit(at, end - at, std::string(t.substr(at, end - at)), {});
    });
}

}  // namespace

void detail::add_paragraph_rules(std::vector<ParagraphRule>& v) {
    v.insert(v.end(), {SANDING_PARAGRAPH_RULE("S16", s16_article_separator),
                       SANDING_PARAGRAPH_RULE("M01", m01_numerals),
                       SANDING_PARAGRAPH_RULE("M03", m03_mark_after_item),
                       SANDING_PARAGRAPH_RULE("P09", p09_pairs),
                       SANDING_PARAGRAPH_RULE("U01", u01_compatibility_characters),
                       SANDING_PARAGRAPH_RULE("R03", r03_placeholder)});
}

}  // namespace sanding
