// Normalising duty texts: NFKC (ICU), only Han and alphanumerics kept, the phrases every duty
// shares cut out, so that what is left is what the duty is about.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <string>

#include "duty_text.hpp"
#include "sanding/boundaries.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace boundaries_detail {
namespace {

// Phrases nearly every duty item of every body carries: they say nothing about which duty it is.
// Written as they are after the joiners (的和及与并等) are dropped; the longest match at each
// position is cut.
constexpr std::array kStopPhrases = {
    std::u32string_view(U"法律法规方针政策"),
    std::u32string_view(U"党中央省委市委关于"),
    std::u32string_view(U"区委区政府交办其他任务"),
    std::u32string_view(U"交办其他任务"),
    std::u32string_view(U"交办其他事务"),
    std::u32string_view(U"国家省市关于"),
    std::u32string_view(U"法律法规政策"),
    std::u32string_view(U"方针政策决策部署"),
    std::u32string_view(U"法律法规规章"),
    std::u32string_view(U"贯彻执行"),
    std::u32string_view(U"贯彻落实"),
    std::u32string_view(U"法律法规"),
    std::u32string_view(U"方针政策"),
    std::u32string_view(U"组织实施"),
    std::u32string_view(U"组织开展"),
    std::u32string_view(U"有关部门"),
    std::u32string_view(U"相关工作"),
    std::u32string_view(U"负责"),
    std::u32string_view(U"承担"),
    std::u32string_view(U"配合"),
    std::u32string_view(U"参与"),
    std::u32string_view(U"协助"),
    std::u32string_view(U"协同"),
    std::u32string_view(U"牵头"),
    std::u32string_view(U"会同"),
    std::u32string_view(U"工作"),
    std::u32string_view(U"全区"),
    std::u32string_view(U"相关"),
    std::u32string_view(U"有关"),
    std::u32string_view(U"依法"),
    std::u32string_view(U"做好"),
    std::u32string_view(U"开展"),
    std::u32string_view(U"以及"),
};
// Single characters that join phrases: dropped so that 规划和计划 and 规划、计划 compare alike.
constexpr std::u32string_view kJoiners = U"的和及与并等";

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2FFFF);
}

// NFKC of one code point, when it is not already plain (compatibility ideographs, full-width
// forms).
char32_t fold(char32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (is_han(c)) return c;
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (!nfkc) return c;
    icu::UnicodeString in(static_cast<UChar32>(c));
    icu::UnicodeString out = nfkc->normalize(in, status);
    if (U_FAILURE(status) || out.countChar32() != 1) return c;
    char32_t folded = static_cast<char32_t>(out.char32At(0));
    return (folded >= 'A' && folded <= 'Z') ? folded + 32 : folded;
}

bool keep(char32_t c) {
    return is_han(c) || (c < 0x80 && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) ||
           (c >= 0x80 && !is_han(c) && u_isalnum(static_cast<UChar32>(c)));
}

}  // namespace

NormalizedText normalize_with_offsets(std::string_view text) {
    NormalizedText raw;
    raw.chars.reserve(text.size() / 3 + 1);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const char32_t c = fold(next_code_point(text, i));
        if (!keep(c) || kJoiners.find(c) != std::u32string_view::npos) continue;
        raw.chars.push_back(c);
        raw.offsets.push_back(static_cast<std::uint32_t>(at));
        raw.lengths.push_back(static_cast<std::uint32_t>(i - at));
    }
    NormalizedText out;
    out.chars.reserve(raw.chars.size());
    out.offsets.reserve(raw.chars.size());
    out.lengths.reserve(raw.chars.size());
    const std::u32string_view all(raw.chars.data(), raw.chars.size());
    for (std::size_t i = 0; i < all.size();) {
        std::size_t cut = 0;
        for (auto phrase : kStopPhrases)
            if (phrase.size() > cut && all.substr(i, phrase.size()) == phrase) cut = phrase.size();
        if (cut) {
            i += cut;
            continue;
        }
        out.chars.push_back(raw.chars[i]);
        out.offsets.push_back(raw.offsets[i]);
        out.lengths.push_back(raw.lengths[i]);
        ++i;
    }
    return out;
}

}  // namespace boundaries_detail

std::string normalize_duty(std::string_view text) {
    std::string out;
    for (char32_t c : boundaries_detail::normalize_with_offsets(text).chars) append_utf8(out, c);
    return out;
}

DutyVerb duty_verb(std::string_view text) {
    constexpr std::array<std::pair<std::string_view, DutyVerb>, 8> kVerbs = {{
        {"负责", DutyVerb::Lead},
        {"牵头", DutyVerb::Lead},
        {"主管", DutyVerb::Lead},
        {"统筹", DutyVerb::Lead},
        {"配合", DutyVerb::Support},
        {"参与", DutyVerb::Support},
        {"协助", DutyVerb::Support},
        {"协同", DutyVerb::Support},
    }};
    std::size_t best = std::string_view::npos;
    DutyVerb verb = DutyVerb::None;
    for (const auto& [word, v] : kVerbs) {
        const std::size_t at = text.find(word);
        if (at < best) best = at, verb = v;
    }
    return verb;
}

std::string_view to_string(VerbRelation r) {
    switch (r) {
        case VerbRelation::Conflict: return "conflict";
        case VerbRelation::Division: return "division";
        case VerbRelation::Unclear: break;
    }
    return "unclear";
}

std::string_view chinese_label(VerbRelation r) {
    switch (r) {
        case VerbRelation::Conflict: return "双方均为负责（冲突）";
        case VerbRelation::Division: return "一方负责、一方配合（已分主次）";
        case VerbRelation::Unclear: break;
    }
    return "主次未明";
}

std::string_view to_string(GapKind k) {
    switch (k) {
        case GapKind::Uncovered: return "uncovered";
        case GapKind::NoUnit: return "no-unit";
        case GapKind::DivisionUnclaimed: break;
    }
    return "division-unclaimed";
}

std::string_view chinese_label(GapKind k) {
    switch (k) {
        case GapKind::Uncovered: return "目录职责无人承担";
        case GapKind::NoUnit: return "职责无内设机构承担";
        case GapKind::DivisionUnclaimed: break;
    }
    return "职责分工所指机构未载明该职责";
}

}  // namespace sanding
