// Findings of the pattern and paragraph rules, and what every finding gets before it is
// returned: overlaps resolved, positions in UTF-16 and code points, its article.
#include "findings.hpp"
#include "code_rules.hpp"

#include <algorithm>
#include <iterator>

#include "sanding/text.hpp"

namespace sanding {
namespace {

std::string halfwidth(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = next_code_point(s, i);
        if (cp >= U'０' && cp <= U'９') cp = U'0' + (cp - U'０');
        append_utf8(out, cp);
    }
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string with_detail(const std::string& message, std::string_view detail) {
    auto at = find_bytes(message, "{detail}");
    if (at == std::string::npos) return message;
    std::string out = message;
    out.replace(at, 8, detail);
    return out;
}

// Compares with the article label for output: 第三条.
std::string article_label(const Regulation& reg, int index, ParagraphSpan ps) {
    if (index < 0) return {};
    const Article& a = reg.articles[index];
    if (a.number > 0) return "第" + chinese_numeral(a.number) + "条";
    const std::string_view marker =
        ps[a.heading.paragraph].text.substr(a.heading.offset, a.heading.length);
    return std::string(trim(marker));
}

}  // namespace

// A finding of `rule` at a span; code rules' suggestions replace the rule's when given.
Finding finding_of(const Rule& rule, int paragraph, std::size_t offset, std::size_t length,
                   std::string_view detail, std::vector<std::string> suggestions) {
    Finding f;
    f.rule = rule.id;
    f.severity = rule.severity;
    f.category = rule.category;
    f.message = with_detail(rule.message, detail);
    if (suggestions.empty())
        f.suggestions = rule.suggestions;
    else
        f.suggestions = std::move(suggestions);
    f.safe_fix = rule.safe_fix && !f.suggestions.empty();
    f.paragraph = paragraph;
    f.offset_utf8 = offset;
    f.length_utf8 = length;
    return f;
}

EnabledParagraphRules enabled_paragraph_rules(
    const std::function<const Rule*(std::string_view)>& lookup) {
    EnabledParagraphRules v;
    for (const auto& pr : paragraph_rules())
        if (const Rule* r = lookup(pr.id)) v.push_back({&pr, r});
    return v;
}

// Pattern findings of one paragraph: scan once, keep matches whose rule applies to the
// paragraph's scopes, leftmost-longest per rule.
void phrase_findings(std::vector<RawMatch>& raw, const std::vector<Rule>& rules,
                     std::string_view text, int paragraph, ScopeSet scopes, const Body* body,
                     int only_rule, std::vector<Finding>& out, std::uint8_t marks) {
    if (raw.empty()) return;
    std::sort(raw.begin(), raw.end(), [](const RawMatch& a, const RawMatch& b) {
        return a.rule != b.rule     ? a.rule < b.rule
               : a.start != b.start ? a.start < b.start
                                    : a.end > b.end;
    });
    // Text inside a placeholder (【待填写：…】) is the model text's, not the drafter's: R03 reports
    // the placeholder itself, and no phrasing rule looks inside it.
    std::vector<std::pair<std::size_t, std::size_t>> placeholders;
    if (marks & kMarkPlaceholder)
        for_each_placeholder(text, [&](std::size_t at, std::size_t end) {
            placeholders.push_back({at, end});
        });
    int last_rule = -1;
    std::size_t last_end = 0;
    for (const RawMatch& m : raw) {
        // Placeholders come in text order and their ends never go back: the last one starting at
        // or before the match is the only one that can hold it (no scan of all of them per match).
        auto ph = std::upper_bound(placeholders.begin(), placeholders.end(), m.start,
                                   [](std::size_t at, const auto& p) { return at < p.first; });
        if (ph != placeholders.begin() && m.end <= std::prev(ph)->second) continue;
        if (only_rule >= 0 && m.rule != only_rule) continue;
        const Rule& rule = rules[m.rule];
        if (!(rule.scopes & kScopeText) && !(rule.scopes & scopes)) continue;
        if (m.rule == last_rule && m.start < last_end)
            continue;  // overlaps a longer match of the same rule
        if (rule.local_only && body && body->level == "国家") continue;
        if (rule.defined_name_exempt && body) {
            bool inside = false;
            for (const std::string* name : {&body->short_name, &body->full_name}) {
                if (name->empty()) continue;
                for (auto at = text.find(*name); at != text.npos && !inside;
                     at = text.find(*name, at + 1))
                    inside = at <= m.start && m.end <= at + name->size();
            }
            if (inside) continue;
        }
        last_rule = m.rule, last_end = m.end;
        const Pattern& pat = rule.patterns[m.pattern];
        Finding f;
        f.rule = rule.id;
        f.severity = rule.severity;
        f.category = rule.category;
        f.message = rule.message;
        const std::string_view matched = text.substr(m.start, m.end - m.start);
        if (pat.halfwidth)
            f.suggestions = {halfwidth(matched)};
        else if (pat.has_suggest)
            f.suggestions = {pat.suggest};
        else
            f.suggestions = rule.suggestions;
        f.safe_fix = rule.safe_fix && !f.suggestions.empty();
        f.paragraph = paragraph;
        f.offset_utf8 = m.start;
        f.length_utf8 = m.end - m.start;
        out.push_back(std::move(f));
    }
}

ParagraphRuleRunner::ParagraphRuleRunner(const EnabledParagraphRules& enabled,
                                         std::vector<Finding>& out)
    : enabled_(enabled),
      emit_([this, &out](std::size_t offset, std::size_t length, const std::string& detail,
                         std::vector<std::string> sugg) {
          out.push_back(finding_of(*rule_, paragraph_, offset, length, detail, std::move(sugg)));
      }) {}

void ParagraphRuleRunner::run(const ParagraphFacts& p, int paragraph) {
    paragraph_ = paragraph;
    for (const auto& [pr, rule] : enabled_) {
        if (!(rule->scopes & kScopeText) && !(rule->scopes & p.scopes)) continue;
        rule_ = rule;
        pr->run(p, emit_);
    }
}

void paragraph_rule_findings(const EnabledParagraphRules& enabled, std::string_view text,
                             int paragraph, ScopeSet scopes, std::vector<Finding>& out) {
    ParagraphRuleRunner(enabled, out).run(ParagraphFacts(text, scopes), paragraph);
}

// Overlaps across rules: two safe fixes cannot both apply to overlapping text, so a safe
// finding inside a longer safe finding is dropped; identical reports are merged.
void resolve_overlaps(std::vector<Finding>& fs) {
    std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
        if (a.paragraph != b.paragraph) return a.paragraph < b.paragraph;
        if (a.offset_utf8 != b.offset_utf8) return a.offset_utf8 < b.offset_utf8;
        return a.length_utf8 > b.length_utf8;
    });
    std::vector<Finding> kept;
    kept.reserve(fs.size());
    for (auto& f : fs) {
        bool drop = false;
        for (auto it = kept.rbegin(); it != kept.rend() && it->paragraph == f.paragraph; ++it) {
            if (it->offset_utf8 + it->length_utf8 <= f.offset_utf8) break;
            if (it->rule == f.rule && it->offset_utf8 == f.offset_utf8 &&
                it->length_utf8 == f.length_utf8 && it->message == f.message)
                drop = true;
            if (f.safe_fix && it->safe_fix && it->rule != f.rule &&
                f.offset_utf8 + f.length_utf8 <= it->offset_utf8 + it->length_utf8 &&
                f.length_utf8 < it->length_utf8)
                drop = true;
            if (drop) break;
        }
        if (!drop) kept.push_back(std::move(f));
    }
    fs = std::move(kept);
}

void fill_positions(std::vector<Finding>& fs, ParagraphSpan ps, const Regulation& reg,
                    const std::vector<ParagraphInfo>& info) {
    int cached_p = -1;
    std::string cached_label;
    // Findings come by paragraph and offset: counting on from the previous finding keeps this
    // linear (counting from the paragraph's start for each was quadratic on a long line).
    int counted_p = -1;
    std::size_t counted_bytes = 0, counted_units = 0, counted_points = 0;
    for (auto& f : fs) {
        std::string_view t = ps[f.paragraph].text;
        if (f.paragraph != counted_p || f.offset_utf8 < counted_bytes) {
            counted_p = f.paragraph;
            counted_bytes = counted_units = counted_points = 0;
        }
        const std::string_view gap = t.substr(counted_bytes, f.offset_utf8 - counted_bytes);
        counted_units += utf16_length(gap);
        counted_points += code_points(gap);
        counted_bytes = f.offset_utf8;
        f.offset_utf16 = counted_units;
        f.length_utf16 = utf16_length(t.substr(f.offset_utf8, f.length_utf8));
        f.line = f.paragraph + 1;
        f.column = static_cast<int>(counted_points) + 1;
        if (f.paragraph != cached_p) {
            cached_p = f.paragraph;
            cached_label =
                info.empty() ? std::string() : article_label(reg, info[f.paragraph].article, ps);
        }
        f.article = cached_label;
    }
}

}  // namespace sanding
