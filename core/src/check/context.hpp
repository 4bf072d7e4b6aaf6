// What a code rule sees: the document, the model read from it, each paragraph's scopes and
// article, the framework body if any; and emit() to report a finding.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/matcher.hpp"
#include "recognize_internal.hpp"
#include "sanding/check/finding.hpp"
#include "sanding/check/rule.hpp"
#include "sanding/document.hpp"
#include "sanding/framework.hpp"
#include "sanding/model.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text.hpp"

namespace sanding {

// What the checker's one scan records for each paragraph (ParagraphInfo::marks), for the checks
// that would otherwise search every paragraph for it again.
constexpr std::string_view kPlaceholderOpen = "【待填写";  // R03; no phrasing rule looks inside
// A01, A02: the scan marks paragraphs holding 以下简称 (kDefinitionWords); definition_at() then
// finds the bracket.
using detail::definition_at;
using detail::kDefinitionWords;
// U01's suspects: Kangxi radicals (U+2F00–2FDF and the supplement's U+2E80–2EFF) and CJK
// compatibility ideographs (U+F900–FAFF), the ranges U01 tests (rules_paragraph.cpp, by their
// lead bytes in kCompatibilityLeads and by code point). Nearly no paragraph holds one; looking for
// them in the scan costs next to nothing, where a pass of its own went over every byte again.
constexpr std::string_view kCompatibilityClass = "[\\x{2E80}-\\x{2FDF}\\x{F900}-\\x{FAFF}]";
enum Mark : std::uint8_t {
    kMarkPlaceholder = 1 << 0,
    kMarkDefinition = 1 << 1,
    kMarkCompatibility = 1 << 2
};
constexpr std::array<MarkPattern, 3> kMarkPatterns = {
    MarkPattern{kPlaceholderOpen}, MarkPattern{kDefinitionWords},
    MarkPattern{kCompatibilityClass, true}};  // by bit
static_assert(kMarkPatterns.size() <= 8 && kMarkPatterns[0].text == kPlaceholderOpen &&
              kMarkPlaceholder == 1 && kMarkPatterns[1].text == kDefinitionWords &&
              kMarkDefinition == 2 && kMarkPatterns[2].text == kCompatibilityClass &&
              kMarkCompatibility == 4);
constexpr std::uint8_t kMarksUnknown = 0xFF;  // a paragraph checked on its own: look for all

// Calls span(at, end) for each placeholder 【待填写：…】 of text, in order (to its end when not
// closed).
template <class Span>
void for_each_placeholder(std::string_view text, Span span) {
    for (auto at = find_bytes(text, kPlaceholderOpen); at != text.npos;
         at = find_bytes(text, kPlaceholderOpen, at + 1)) {
        const auto close = find_bytes(text, "】", at);
        span(at, close == text.npos ? text.size() : close + 3);
    }
}

struct ParagraphInfo {
    ScopeSet scopes = kScopeText;
    int article = -1;  // index into Regulation::articles
    std::uint8_t marks = kMarksUnknown;
};

class CheckContext {
public:
    using RuleLookup = std::function<const Rule*(std::string_view)>;

    CheckContext(ParagraphSpan ps, const std::vector<ParagraphMarkers>& ms, const Regulation& r,
                 const BodyFacts* b, const Framework* fw, std::vector<ParagraphInfo> infos,
                 RuleLookup lookup, std::vector<Finding>& out)
        : paragraphs(ps),
          markers(ms),
          reg(r),
          body(b),
          framework(fw),
          info(std::move(infos)),
          lookup_(std::move(lookup)),
          out_(out) {}

    const ParagraphSpan paragraphs;
    const std::vector<ParagraphMarkers>& markers;  // per paragraph, parsed once for all rules
    const Regulation& reg;
    const BodyFacts* body;
    const Framework* framework;
    const std::vector<ParagraphInfo> info;

    std::string_view text(int paragraph) const { return paragraphs[paragraph].text; }

    // The level the draft's wording names (区, 县, 市, 省; 国家 for a central body): what its
    // nature article says, else the framework's, else 区. A county's draft checked under a
    // district's framework is held to 县 wording, not 区.
    std::string level() const;
    // The party committee (区委) and 机构编制委员会办公室 of that level: the framework's names when
    // the level is the framework's, else level + 委 and level + 委机构编制委员会办公室.
    std::string party_committee() const;
    std::string establishment_office() const;
    std::string government() const { return level() == "国家" ? "国务院" : level() + "政府"; }

    // Reports rule `id` at a span of a paragraph; `detail` fills {detail} in the rule's message.
    // Ignored when the loaded rule sets do not have that rule.
    void emit(std::string_view id, int paragraph, std::size_t offset, std::size_t length,
              std::string_view detail = {}, std::vector<std::string> suggestions = {}) const;

    // Reports at the first occurrence of `needle` in the paragraph (or the whole paragraph).
    void emit_at_text(std::string_view id, int paragraph, std::string_view needle,
                      std::string_view detail = {},
                      std::vector<std::string> suggestions = {}) const;

    // Reports at an article's 第X条 marker (or the title when the article is missing).
    void emit_at_article(std::string_view id, const Article& a, std::string_view detail = {}) const;

    // A span anchoring document-level findings: the title, else the first non-empty paragraph.
    void emit_at_document(std::string_view id, std::string_view detail = {}) const;

    // Whether the text stops inside the article of role r: it is the last article, and no 解释 or
    // 施行 article is there (an excerpt, or a draft not written to its end). Rules that count
    // that article's items leave it alone; S19 says where the text stops.
    bool ends_within(ArticleRole r) const;

    bool enabled(std::string_view id) const { return lookup_(id) != nullptr; }

private:
    RuleLookup lookup_;
    std::vector<Finding>& out_;
};

// Drops the D10 findings on the draft's own scope word (全县 in a county's draft) and offers that
// word for the others.
void fit_scope_words_to_level(const CheckContext& c, std::vector<Finding>& out);
// The same for a level and paragraphs given (a rule's examples: the framework's level, else 区).
void fit_scope_words(std::string_view level, const std::function<std::string_view(int)>& text,
                     std::vector<Finding>& out);

// One paragraph as the paragraph rules see it: its markers are parsed once for all of them (and
// for the recogniser), not once per rule.
struct ParagraphFacts {
    std::string_view text;
    ScopeSet scopes = kScopeText;
    std::optional<ArticleMarker> article;
    std::optional<ItemMarker> item;
    std::uint8_t marks = kMarksUnknown;

    ParagraphFacts(std::string_view paragraph, ScopeSet its_scopes)
        : ParagraphFacts(paragraph, its_scopes, paragraph_markers(paragraph)) {}
    ParagraphFacts(std::string_view paragraph, ScopeSet its_scopes, const ParagraphMarkers& m,
                   std::uint8_t its_marks = kMarksUnknown)
        : text(paragraph), scopes(its_scopes), article(m.article), item(m.item), marks(its_marks) {}
};

// What a paragraph rule reports through: emit(offset, length, detail, suggestions); one emitter
// serves every rule and paragraph of a check.
using ParagraphEmit = std::function<void(std::size_t offset, std::size_t length, std::string detail,
                                         std::vector<std::string> suggestions)>;

}  // namespace sanding
