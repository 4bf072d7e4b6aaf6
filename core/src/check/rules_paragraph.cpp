// Rules that need one paragraph only, so the Writer proofreader runs them too: article and item
// markers (S16, M01, M03), paired brackets (P09), compatibility characters (U01).
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>

#include "context.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

using Emit = std::function<void(std::size_t, std::size_t, std::string, std::vector<std::string>)>;

// Offsets of the bytes of `leads` in t, in order, found with memchr (much faster than a loop
// over every character of a Chinese paragraph).
std::vector<std::size_t> lead_positions(std::string_view t, std::initializer_list<unsigned char> leads) {
    std::vector<std::size_t> at;
    for (unsigned char b : leads) {
        const char* p = t.data();
        const char* end = t.data() + t.size();
        while (p < end && (p = static_cast<const char*>(std::memchr(p, b, static_cast<std::size_t>(end - p))))) {
            at.push_back(static_cast<std::size_t>(p - t.data()));
            ++p;
        }
    }
    if (leads.size() > 1) std::sort(at.begin(), at.end());
    return at;
}

void s16_article_separator(std::string_view t, ScopeSet, const Emit& emit) {
    auto m = article_marker(t);
    if (!m || m->separator == "\u3000") return;
    const std::size_t end_of_marker = m->offset + m->length - m->separator.size();
    if (m->separator.empty() && end_of_marker < t.size())
        emit(end_of_marker - 3, 3, "“第X条”后应空一个全角空格", {"条\u3000"});
    else if (!m->separator.empty())
        emit(end_of_marker, m->separator.size(), "“第X条”后应为全角空格，不用“" + std::string(m->separator) + "”", {"\u3000"});
}

void m01_numerals(std::string_view t, ScopeSet scopes, const Emit& emit) {
    if (auto m = article_marker(t)) {
        const std::size_t at = m->offset + 3;
        if (m->number == 0)
            emit(at, m->numeral.size(), "“第" + std::string(m->numeral) + "条”的序号写法有误", {});
        else if (m->numeral != chinese_numeral(m->number))
            emit(at, m->numeral.size(), "条的序号应用中文数字", {chinese_numeral(m->number)});
        return;
    }
    if (!(scopes & (kScopeDuties | kScopeUnits | kScopeDutyItems | kScopeUnitItems))) return;
    if (auto m = item_marker(t); m && m->chinese_brackets && !m->chinese_numeral && m->number > 0) {
        const std::size_t at = m->offset + 3;
        emit(at, m->numeral.size(), "项的序号应用中文数字", {chinese_numeral(m->number)});
    }
}

void m03_mark_after_item(std::string_view t, ScopeSet, const Emit& emit) {
    auto m = item_marker(t);
    if (!m || !m->chinese_brackets) return;
    const std::size_t at = m->offset + m->length;
    for (std::string_view bad : {"、", "，", "．", ",", "."}) {
        if (t.substr(at, bad.size()) == bad) {
            emit(at, bad.size(), "序号“" + std::string(t.substr(m->offset, m->length)) + "”后不加标点", {""});
            return;
        }
    }
}

void p09_pairs(std::string_view t, ScopeSet, const Emit& emit) {
    struct Open {
        char32_t close;
        std::size_t at, len;
    };
    std::vector<Open> stack;
    auto closer_of = [](char32_t cp) -> char32_t {
        switch (cp) {
            case U'（': return U'）';
            case U'《': return U'》';
            case U'“': return U'”';
            case U'‘': return U'’';
            case U'【': return U'】';
            case U'〔': return U'〕';
            case U'〈': return U'〉';
            default: return 0;
        }
    };
    // Every bracket and quote mark here is a three-byte character led by E2, E3 or EF: visit
    // those positions only (memchr, in text order).
    for (std::size_t at : lead_positions(t, {0xE2, 0xE3, 0xEF})) {
        std::size_t i = at;
        const char32_t cp = next_code_point(t, i);
        if (char32_t close = closer_of(cp)) {
            stack.push_back({close, at, i - at});
        } else if (cp == U'）' || cp == U'》' || cp == U'”' || cp == U'’' || cp == U'】' || cp == U'〕' || cp == U'〉') {
            if (!stack.empty() && stack.back().close == cp) {
                stack.pop_back();
            } else {
                emit(at, i - at, "“" + std::string(t.substr(at, i - at)) + "”没有与之配对的前半个", {});
                return;  // one report per paragraph: the rest usually follows from it
            }
        }
    }
    if (!stack.empty()) {
        const Open& o = stack.front();
        emit(o.at, o.len, "“" + std::string(t.substr(o.at, o.len)) + "”没有与之配对的后半个", {});
    }
}

// Kangxi radicals and CJK compatibility ideographs look like ordinary characters (⼀ for 一) but
// are not: text copied from PDFs carries them, and search and comparison then fail. ICU's NFKC
// gives the ordinary character.
void u01_compatibility_characters(std::string_view t, ScopeSet, const Emit& emit) {
    // The suspicious ranges are led by E2 (U+2E80–2FDF) or EF (U+F900–FAFF).
    for (std::size_t at : lead_positions(t, {0xE2, 0xEF})) {
        std::size_t i = at;
        const char32_t cp = next_code_point(t, i);
        const bool suspicious = (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0xF900 && cp <= 0xFAFF);
        if (!suspicious) continue;
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
        if (U_FAILURE(status)) return;
        icu::UnicodeString normal = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
        std::string suggestion;
        normal.toUTF8String(suggestion);
        std::string original(t.substr(at, i - at));
        if (U_FAILURE(status) || suggestion == original) continue;
        emit(at, i - at, "“" + original + "”是部首或兼容字符，应为“" + suggestion + "”", {suggestion});
    }
}

// R03: a placeholder of the model text the drafter has not replaced yet.
void r03_placeholder(std::string_view t, ScopeSet, const Emit& emit) {
    for (auto at = find_bytes(t, "【待填写"); at != t.npos; at = find_bytes(t, "【待填写", at + 1)) {
        auto close = t.find("】", at);
        const std::size_t end = close == t.npos ? t.size() : close + 3;
        emit(at, end - at, std::string(t.substr(at, end - at)), {});
    }
}

}  // namespace

namespace detail {
void add_structure_rules(std::vector<CodeRule>&);
void add_item_rules(std::vector<CodeRule>&);
void add_staffing_rules(std::vector<CodeRule>&);
void add_name_rules(std::vector<CodeRule>&);
}  // namespace detail

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
    static const std::vector<ParagraphRule> rules = {
        {"S16", s16_article_separator}, {"M01", m01_numerals}, {"M03", m03_mark_after_item},
        {"P09", p09_pairs},             {"U01", u01_compatibility_characters},
        {"R03", r03_placeholder},
    };
    return rules;
}

}  // namespace sanding
