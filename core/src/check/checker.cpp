#include "sanding/check/checker.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>

#include <hs.h>

#include "context.hpp"
#include "examples_cache.hpp"
#include "sanding/check/fix.hpp"
#include "sanding/check/matcher.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "sanding/parallel.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text.hpp"
#include "sanding/text_input.hpp"

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

ScopeSet item_scope(DutyItemRole role) {
    switch (role) {
        case DutyItemRole::Ordinary: return kScopeDutyItems;
        case DutyItemRole::Entrusted: return kScopeEntrusted;
        case DutyItemRole::Transformation: return kScopeTransformation;
        case DutyItemRole::Division: return kScopeDivision;
    }
    return kScopeDutyItems;
}

ScopeSet article_scope(ArticleRole role) {
    switch (role) {
        case ArticleRole::Basis: return kScopeBasis;
        case ArticleRole::Nature: return kScopeNature;
        case ArticleRole::Duties: return kScopeDuties;
        case ArticleRole::Units: return kScopeUnits;
        case ArticleRole::Staffing: return kScopeStaffing;
        case ArticleRole::Other: return kScopeOther;
        case ArticleRole::Interpretation: return kScopeInterpretation;
        case ArticleRole::Effective: return kScopeEffective;
        case ArticleRole::Unknown: break;
    }
    return 0;
}

// Each paragraph's scopes and article, from the model the recogniser read.
std::vector<ParagraphInfo> paragraph_info(ParagraphSpan ps, const Regulation& reg) {
    std::vector<ParagraphInfo> info(ps.size());
    if (reg.title_span.paragraph >= 0) info[reg.title_span.paragraph].scopes |= kScopeTitle;
    for (std::size_t k = 0; k < reg.articles.size(); ++k) {
        const int first = reg.articles[k].heading.paragraph;
        const int last = k + 1 < reg.articles.size() ? reg.articles[k + 1].heading.paragraph
                                                     : static_cast<int>(ps.size());
        for (int p = first; p < last; ++p) {
            info[p].article = static_cast<int>(k);
            info[p].scopes |= article_scope(reg.articles[k].role);
        }
    }
    // Items, and the paragraphs that continue them (1.与…的职责分工), until the next item.
    auto mark_items = [&](auto const& items, auto scope_of) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            const int p = items[i].span.paragraph;
            if (p < 0) continue;
            const int article = info[p].article;
            const int next =
                i + 1 < items.size() ? items[i + 1].span.paragraph : static_cast<int>(ps.size());
            for (int q = p; q < next && info[q].article == article; ++q)
                info[q].scopes |= scope_of(items[i]);
        }
    };
    mark_items(reg.duty_items, [](const DutyItem& d) { return item_scope(d.role); });
    mark_items(reg.units, [](const InternalUnit&) { return ScopeSet(kScopeUnitItems); });
    return info;
}

// Keywords that place a paragraph seen alone, found in one Vectorscan pass (ten memmem calls
// cost more than the whole phrase scan of a 300-character paragraph).
class ScopeKeywords {
public:
    enum : unsigned {
        kEntrusted,
        kBasis,
        kDuties,
        kUnits,
        kStaffing,
        kInterpretation,
        kEffective,
        kTitle,
        kCount
    };

    ScopeKeywords() {
        const std::vector<std::pair<const char*, unsigned>> words = {{"交办的其他任务", kEntrusted},
                                                                     {"交办的其它任务", kEntrusted},
                                                                     {"制定本规定", kBasis},
                                                                     {"主要职责", kDuties},
                                                                     {"内设机构", kUnits},
                                                                     {"领导职数", kStaffing},
                                                                     {"编制", kStaffing},
                                                                     {"负责解释", kInterpretation},
                                                                     {"本规定自", kEffective},
                                                                     {"施行", kEffective},
                                                                     {"职能配置", kTitle}};
        std::vector<const char*> exprs;
        std::vector<unsigned> flags, ids;
        for (const auto& [w, id] : words)
            exprs.push_back(w), flags.push_back(HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH),
                ids.push_back(id);
        hs_compile_error_t* err = nullptr;
        if (hs_compile_multi(exprs.data(), flags.data(), ids.data(),
                             static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db_,
                             &err) != HS_SUCCESS) {
            hs_free_compile_error(err);
            db_ = nullptr;
        }
    }
    // Bit k set when keyword group k occurs in p.
    unsigned find(std::string_view p) const {
        struct Scratch {
            hs_scratch_t* s = nullptr;
            ~Scratch() {
                if (s) hs_free_scratch(s);
            }
        };
        thread_local Scratch scratch;
        unsigned found = 0;
        if (!db_ || (!scratch.s && hs_alloc_scratch(db_, &scratch.s) != HS_SUCCESS)) return 0;
        hs_scan(
            db_, p.data(), static_cast<unsigned>(p.size()), 0, scratch.s,
            [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
                *static_cast<unsigned*>(ctx) |= 1u << id;
                return 0;
            },
            &found);
        return found;
    }

private:
    hs_database_t* db_ = nullptr;  // lives as long as the process
};

// For a paragraph seen alone (the proofreader's path): scopes guessed from its own text.
ScopeSet guess_scopes(std::string_view p) {
    static const ScopeKeywords keywords;
    const unsigned k = keywords.find(p);
    auto has = [k](unsigned bit) { return (k >> bit) & 1u; };
    ScopeSet s = kScopeText;
    if (auto m = item_marker(p)) {
        std::string_view rest = p.substr(m->offset + m->length);
        if (starts_with(rest, "职能转变"))
            s |= kScopeTransformation | kScopeDuties;
        else if (starts_with(rest, "有关职责分工"))
            s |= kScopeDivision | kScopeDuties;
        else if (has(ScopeKeywords::kEntrusted))
            s |= kScopeEntrusted | kScopeDuties;
        else
            s |= kScopeDutyItems | kScopeUnitItems | kScopeDuties | kScopeUnits;
    }
    if (has(ScopeKeywords::kBasis)) s |= kScopeBasis;
    if (has(ScopeKeywords::kDuties)) s |= kScopeDuties;
    if (has(ScopeKeywords::kUnits)) s |= kScopeUnits;
    if (has(ScopeKeywords::kStaffing)) s |= kScopeStaffing;
    if (has(ScopeKeywords::kInterpretation)) s |= kScopeInterpretation;
    if (has(ScopeKeywords::kEffective)) s |= kScopeEffective;
    if (has(ScopeKeywords::kTitle) && ends_with(trim(p), "规定")) s |= kScopeTitle;
    return s;
}

// The paragraph rules the loaded sets have, with their rule (looked up once, not per paragraph).
using EnabledParagraphRules = std::vector<std::pair<const ParagraphRule*, const Rule*>>;

EnabledParagraphRules enabled_paragraph_rules(
    const std::function<const Rule*(std::string_view)>& lookup) {
    EnabledParagraphRules v;
    for (const auto& pr : paragraph_rules())
        if (const Rule* r = lookup(pr.id)) v.push_back({&pr, r});
    return v;
}

std::string with_detail(const std::string& message, std::string_view detail);

// A finding of `rule` at a span; code rules' suggestions replace the rule's when given.
Finding finding_of(const Rule& rule, int paragraph, std::size_t offset, std::size_t length,
                   std::string_view detail, std::vector<std::string> suggestions) {
    Finding f;
    f.rule = rule.id;
    f.severity = rule.severity;
    f.category = rule.category;
    f.message = with_detail(rule.message, detail);
    f.suggestions = suggestions.empty() ? rule.suggestions : std::move(suggestions);
    f.safe_fix = rule.safe_fix && !f.suggestions.empty();
    f.paragraph = paragraph;
    f.offset_utf8 = offset;
    f.length_utf8 = length;
    return f;
}

std::string with_detail(const std::string& message, std::string_view detail) {
    auto at = find_bytes(message, "{detail}");
    if (at == std::string::npos) return message;
    std::string out = message;
    out.replace(at, 8, detail);
    return out;
}

}  // namespace

// Compares with the article label for output: 第三条.
static std::string article_label(const Regulation& reg, int index, ParagraphSpan ps) {
    if (index < 0) return {};
    const Article& a = reg.articles[index];
    if (a.number > 0) return "第" + chinese_numeral(a.number) + "条";
    const std::string_view marker =
        ps[a.heading.paragraph].text.substr(a.heading.offset, a.heading.length);
    return std::string(trim(marker));
}

void CheckContext::emit(std::string_view id, int paragraph, std::size_t offset, std::size_t length,
                        std::string_view detail, std::vector<std::string> suggestions) const {
    const Rule* rule = lookup_(id);
    if (!rule || paragraph < 0 || paragraph >= static_cast<int>(paragraphs.size())) return;
    const std::string_view t = text(paragraph);
    offset = std::min(offset, t.size());
    length = std::min(length, t.size() - offset);
    out_.push_back(finding_of(*rule, paragraph, offset, length, detail, std::move(suggestions)));
}

void CheckContext::emit_at_text(std::string_view id, int paragraph, std::string_view needle,
                                std::string_view detail,
                                std::vector<std::string> suggestions) const {
    if (paragraph < 0) return emit_at_document(id, detail);
    const std::string_view t = text(paragraph);
    auto at = needle.empty() ? std::string::npos : t.find(needle);
    if (at == std::string::npos)
        emit(id, paragraph, 0, t.size(), detail, std::move(suggestions));
    else
        emit(id, paragraph, at, needle.size(), detail, std::move(suggestions));
}

void CheckContext::emit_at_article(std::string_view id, const Article& a,
                                   std::string_view detail) const {
    if (a.heading.paragraph < 0) return emit_at_document(id, detail);
    // The marker without its separator: 第三条
    const std::string_view t = text(a.heading.paragraph);
    std::size_t len = a.heading.length;
    auto end = find_bytes(t, "条", a.heading.offset);
    if (end != std::string::npos && end + 3 <= a.heading.offset + a.heading.length)
        len = end + 3 - a.heading.offset;
    emit(id, a.heading.paragraph, a.heading.offset, len, detail);
}

void CheckContext::emit_at_document(std::string_view id, std::string_view detail) const {
    if (reg.title_span.paragraph >= 0)
        return emit(id, reg.title_span.paragraph, reg.title_span.offset, reg.title_span.length,
                    detail);
    for (std::size_t p = 0; p < paragraphs.size(); ++p)
        if (!trim(paragraphs[p].text).empty())
            return emit(id, static_cast<int>(p), 0, paragraphs[p].text.size(), detail);
    if (!paragraphs.empty()) emit(id, 0, 0, 0, detail);
}

Checker::Checker(std::vector<RuleSet> sets) : sets_(std::move(sets)) {
    std::set<std::string> ids;
    for (const auto& s : sets_)
        for (const auto& r : s.rules) {
            if (!ids.insert(r.id).second)
                throw Error("rules.duplicate", "规则编号 " + r.id + " 在多个规则集中重复定义",
                            r.file + ":" + std::to_string(r.line));
            rules_.push_back(r);
        }
    std::set<std::string> implemented;
    for (const auto& c : code_rules()) implemented.insert(c.id);
    for (const auto& c : paragraph_rules()) implemented.insert(c.id);
    for (const auto& r : rules_) by_id_.emplace(r.id, &r);
    paragraph_rules_ =
        enabled_paragraph_rules([this](std::string_view id) { return find_rule(id); });
    for (const auto& c : code_rules())
        if (find_rule(c.id))
            code_rules_.push_back(&c);  // the loaded sets' code rules, looked up once
    for (const auto& r : rules_)
        if (r.code && !implemented.count(r.id))
            throw Error("rules.unknown_code_rule",
                        "规则 " + r.id + " 标注为代码规则，但程序中没有这条规则的实现",
                        r.file + ":" + std::to_string(r.line));
    matcher_ = std::make_unique<PhraseMatcher>(rules_, kMarkPatterns);
}

Checker::~Checker() = default;
Checker::Checker(Checker&&) noexcept = default;

const Rule* Checker::find_rule(std::string_view id) const {
    for (const auto& r : rules_)
        if (r.id == id) return &r;
    return nullptr;
}

namespace {

// Pattern findings of one paragraph: scan once, keep matches whose rule applies to the
// paragraph's scopes, leftmost-longest per rule.
void phrase_findings(std::vector<RawMatch>& raw, const std::vector<Rule>& rules,
                     std::string_view text, int paragraph, ScopeSet scopes, const Body* body,
                     int only_rule, std::vector<Finding>& out, std::uint8_t marks = kMarksUnknown) {
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

// Runs the paragraph rules over paragraphs one at a time, with one emitter for all of them.
class ParagraphRuleRunner {
public:
    ParagraphRuleRunner(const EnabledParagraphRules& enabled, std::vector<Finding>& out)
        : enabled_(enabled),
          emit_([this, &out](std::size_t offset, std::size_t length, std::string detail,
                             std::vector<std::string> sugg) {
              out.push_back(
                  finding_of(*rule_, paragraph_, offset, length, detail, std::move(sugg)));
          }) {}

    void run(const ParagraphFacts& p, int paragraph) {
        paragraph_ = paragraph;
        for (const auto& [pr, rule] : enabled_) {
            if (!(rule->scopes & kScopeText) && !(rule->scopes & p.scopes)) continue;
            rule_ = rule;
            pr->run(p, emit_);
        }
    }

private:
    const EnabledParagraphRules& enabled_;
    const Rule* rule_ = nullptr;
    int paragraph_ = 0;
    const ParagraphEmit emit_;
};

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

}  // namespace

namespace {

// Where each draft of a document starts. A file may hold several drafts one after another (a
// bundle exported as text): a title line (…规定, no article marker) followed shortly by 第一条,
// after some articles, starts the next draft. Structure rules then apply draft by draft.
std::vector<std::size_t> draft_starts(ParagraphSpan ps, std::size_t bytes) {
    // Which paragraphs hold text and which are articles, found for all of them first (on every
    // core for a large file): it is most of the work, and the walk itself is short.
    enum : unsigned char { kText = 1, kArticle = 2, kFirstArticle = 4 };
    std::vector<unsigned char> facts(ps.size());
    const std::size_t pieces = pieces_for(bytes);
    run_pieces(pieces, [&](std::size_t k) {
        const auto [from, to] = piece_range(ps.size(), pieces, k);
        for (std::size_t i = from; i < to; ++i) {
            // Not trimmed at the end: only the start is read (each line's end would be one more
            // place in memory to fetch).
            const std::string_view t = trim_front(ps[i].text);
            if (t.empty()) continue;
            unsigned char f = kText;
            if (auto m = article_marker(t)) f |= kArticle | (m->number == 1 ? kFirstArticle : 0);
            facts[i] = f;
        }
    });
    auto title_like = [&](std::size_t i) {
        const std::string_view t = trim(ps[i].text);
        return t.size() <= 200 && (ends_with(t, "规定") || find_bytes(t, "职能配置") != t.npos);
    };
    // A draft starts at a title line among the three paragraphs with text before a 第一条 (back
    // to the article before it), the earliest such; the file's first draft at its start. Only
    // those few paragraphs are asked whether they read like a title.
    std::vector<std::size_t> starts = {0};
    bool seen_article = false;
    for (std::size_t j = 0; j < ps.size(); ++j) {
        if (!(facts[j] & kArticle)) continue;
        if ((facts[j] & kFirstArticle) && seen_article) {
            std::size_t before[3], n = 0;
            for (std::size_t i = j; i-- > 0 && n < 3 && !(facts[i] & kArticle);)
                if (facts[i] & kText) before[n++] = i;
            while (n > 0)
                if (title_like(before[--n])) {
                    starts.push_back(before[n]);
                    break;
                }
        }
        seen_article = true;
    }
    return starts;
}

}  // namespace

void Checker::check_draft(ParagraphSpan ps, const CheckOptions& options,
                          CheckResult& result) const {
    const std::vector<ParagraphMarkers> markers = paragraph_markers(ps);
    recognize_into(ps, markers, result.regulation);
    const Regulation& reg = result.regulation;
    std::vector<ParagraphInfo> info = paragraph_info(ps, reg);
    auto lookup = [this](std::string_view id) -> const Rule* {
        auto it = by_id_.find(id);
        return it == by_id_.end() ? nullptr : it->second;
    };

    result.body = nullptr;
    if (options.framework) {
        if (!options.body_id.empty()) {
            result.body = options.framework->find(options.body_id);
        } else {
            for (const auto& b : options.framework->bodies) {
                if ((!reg.body.full_name.empty() && b.full_name == reg.body.full_name) ||
                    (starts_with(reg.title, b.full_name) &&
                     starts_with(std::string_view(reg.title).substr(b.full_name.size()),
                                 "职能配置"))) {
                    result.body = &b;
                    break;
                }
            }
        }
    }

    std::vector<Finding>& out = result.findings;
    std::vector<std::vector<RawMatch>> raw;
    std::vector<ScopeSet> scopes(info.size());
    for (std::size_t p = 0; p < info.size(); ++p) scopes[p] = info[p].scopes;
    std::vector<std::uint8_t> marks;
    matcher_->scan_all(ps, scopes, raw, &marks);
    for (std::size_t p = 0; p < info.size(); ++p) info[p].marks = marks[p];
    ParagraphRuleRunner paragraph_rules(paragraph_rules_, out);
    for (std::size_t p = 0; p < ps.size(); ++p) {
        const std::string_view t = ps[p].text;
        if (t.empty()) continue;
        phrase_findings(raw[p], rules_, t, static_cast<int>(p), info[p].scopes, &reg.body, -1, out,
                        marks[p]);
        paragraph_rules.run(ParagraphFacts(t, info[p].scopes, markers[p], marks[p]),
                            static_cast<int>(p));
    }
    CheckContext ctx(ps, markers, reg, result.body, options.framework, std::move(info), lookup,
                     out);
    for (const CodeRule* c : code_rules_)
        if (applies_to_layout(c->id, reg.layout)) c->run(ctx);
    fit_scope_words_to_level(ctx, out);

    resolve_overlaps(out);
    fill_positions(out, ps, reg, ctx.info);
}

CheckResult Checker::check(const Document& doc, const CheckOptions& options) const {
    const ParagraphViews paragraphs = views_of(doc);
    return check(ParagraphSpan(paragraphs), options);
}

CheckResult Checker::check(ParagraphSpan all, const CheckOptions& options) const {
    // Whether the text is large enough to share among the cores: counted up to that size only
    // (one thread summing a 10 MB corpus's 80,000 lines read 2 MB of views for it).
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < all.size() && bytes < kParallelBytes; ++i)
        bytes += all[i].text.size();
    const std::vector<std::size_t> starts = draft_starts(all, bytes);
    // Per draft only its findings are kept (a CheckResult each, with its empty model, was ~3 MB
    // of fresh pages for a 10 MB corpus); the first draft's model is the one returned.
    CheckResult result;
    std::vector<std::vector<Finding>> found(starts.size());
    auto check_one = [&](std::size_t k, CheckResult& scratch) {
        const std::size_t from = starts[k], to = k + 1 < starts.size() ? starts[k + 1] : all.size();
        CheckResult& mine = k == 0 ? result : scratch;
        mine.findings.clear();
        check_draft(all.subspan(from, to - from), options, mine);
        found[k] = std::move(mine.findings);
    };
    // Drafts are independent (the matcher hands each thread its own scratch): a file of many
    // drafts is shared among the cores, taken in order; one draft, or a small file, stays here.
    const std::size_t workers = starts.size() >= 4 ? pieces_for(bytes) : 1;
    std::atomic<std::size_t> next{0};
    run_pieces(workers, [&](std::size_t) {
        CheckResult scratch;  // this thread's drafts' model, each replacing the one before
        try {
            for (std::size_t k; (k = next.fetch_add(1)) < starts.size();) check_one(k, scratch);
        } catch (...) {
            next = starts.size();  // the others stop too
            throw;
        }
    });
    std::size_t total = 0;
    for (const auto& f : found) total += f.size();
    result.findings.clear();
    result.findings.reserve(total);
    for (std::size_t k = 0; k < found.size(); ++k) {
        for (auto& f : found[k]) {
            f.paragraph += static_cast<int>(starts[k]);
            f.line = f.paragraph + 1;
            result.findings.push_back(std::move(f));
        }
        found[k] = {};  // freed as they are moved: peak memory stays that of the findings
    }
    return result;
}

std::vector<Finding> Checker::check_paragraph(std::string_view text) const {
    std::vector<Finding> out;
    if (text.empty()) return out;
    const ScopeSet scopes = guess_scopes(text);
    std::vector<RawMatch> raw;
    matcher_->scan(text, raw, scopes);
    phrase_findings(raw, rules_, text, 0, scopes, nullptr, -1, out);
    paragraph_rule_findings(paragraph_rules_, text, 0, scopes, out);
    // One paragraph does not say the draft's level: no local scope word (全区, 全县 …) is flagged.
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Finding& f) {
                                 const std::string_view w =
                                     text.substr(f.offset_utf8, f.length_utf8);
                                 return f.rule == "D10" && w != "全国";
                             }),
              out.end());
    resolve_overlaps(out);
    const ParagraphView one{text};
    fill_positions(out, ParagraphSpan(&one, 1), Regulation{}, {});
    return out;
}

std::string Checker::example_failure(const Rule& rule, const RuleExample& ex,
                                     const Framework* fw) const {
    std::vector<Finding> found;
    Document doc;
    for (const auto& p : ex.paragraphs) doc.paragraphs.push_back({p});
    if (rule.code) {
        bool paragraph_level = false;
        for (const auto& pr : paragraph_rules()) paragraph_level |= rule.id == pr.id;
        if (paragraph_level && ex.paragraphs.size() == 1) {
            paragraph_rule_findings(enabled_paragraph_rules([&](std::string_view id) {
                                        return id == rule.id ? &rule : nullptr;
                                    }),
                                    ex.paragraphs[0], 0,
                                    rule.scopes | guess_scopes(ex.paragraphs[0]), found);
        } else {
            if (!ex.body.empty() && !fw) return {};  // needs the framework, which is not loaded
            CheckOptions opt{fw, ex.body};
            for (auto& f : check(doc, opt).findings)
                if (f.rule == rule.id) found.push_back(std::move(f));
        }
    } else {
        const int index = static_cast<int>(&rule - rules_.data());
        for (std::size_t p = 0; p < ex.paragraphs.size(); ++p) {
            std::vector<RawMatch> raw;
            matcher_->scan(ex.paragraphs[p], raw);
            phrase_findings(raw, rules_, ex.paragraphs[p], static_cast<int>(p),
                            rule.scopes | kScopeText, nullptr, index, found);
        }
        fit_scope_words(
            fw ? fw->district.level : std::string("区"),
            [&](int p) { return std::string_view(ex.paragraphs[p]); }, found);
    }
    auto quote = [&] {
        std::string all;
        for (const auto& p : ex.paragraphs) all += (all.empty() ? "" : "⏎") + p;
        return "“" + all + "”";
    };
    if (!ex.must_match) {
        if (found.empty()) return {};
        const auto& f = found.front();
        return "反例 " + quote() + " 被误报：第 " + std::to_string(f.paragraph + 1) + " 段“" +
               ex.paragraphs[f.paragraph].substr(f.offset_utf8, f.length_utf8) + "”";
    }
    if (found.empty()) return "示例 " + quote() + " 未被检出";
    if (ex.mark_paragraph >= 0) {
        bool hit = std::any_of(found.begin(), found.end(), [&](const Finding& f) {
            return f.paragraph == ex.mark_paragraph && f.offset_utf8 == ex.mark_offset &&
                   f.length_utf8 == ex.mark_length;
        });
        if (!hit) {
            const auto& f = found.front();
            return "示例 " + quote() + " 标记的是“" +
                   ex.paragraphs[ex.mark_paragraph].substr(ex.mark_offset, ex.mark_length) +
                   "”，实际检出“" +
                   ex.paragraphs[f.paragraph].substr(f.offset_utf8, f.length_utf8) + "”";
        }
    }
    if (ex.has_fix) {
        const int p = ex.mark_paragraph >= 0 ? ex.mark_paragraph : 0;
        std::vector<Finding> mine;
        for (const auto& f : found)
            if (f.paragraph == p) mine.push_back(f);
        std::string fixed = apply_edits(ex.paragraphs[p], safe_fix_edits(mine));
        if (fixed != ex.fix)
            return "示例 " + quote() + " 自动修正后为“" + fixed + "”，应为“" + ex.fix + "”";
    }
    return {};
}

std::vector<std::string> Checker::example_failures(const Framework* fw) const {
    std::vector<std::string> out;
    for (const auto& r : rules_)
        for (const auto& ex : r.examples)
            if (std::string why = example_failure(r, ex, fw); !why.empty())
                out.push_back(r.file + ":" + std::to_string(ex.line) + ": 规则 " + r.id + ": " +
                              why);
    return out;
}

void Checker::verify_examples(const Framework* fw) const {
    for (const auto& r : rules_)
        for (const auto& ex : r.examples)
            if (std::string why = example_failure(r, ex, fw); !why.empty())
                throw Error("rules.example_failed",
                            "规则 " + r.id + " 的示例未通过，整个规则集被拒绝：" + why,
                            r.file + ":" + std::to_string(ex.line));
}

std::vector<std::string> rule_files_in(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error("rules.no_dir", "规则目录不存在", dir);
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".xml") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

Checker load_checker(const std::vector<std::string>& rule_files, const Framework* framework) {
    std::vector<std::string> files_bytes;
    for (const auto& f : rule_files) files_bytes.push_back(read_file(f, 8u << 20));
    // The same rules, framework and build passed before: the examples would pass again, and
    // are not even read (they are a third of what parsing the rules costs).
    const std::string key = examples_key(files_bytes, framework);
    const bool passed = examples_passed_before(key);
    std::vector<RuleSet> sets;
    for (std::size_t k = 0; k < rule_files.size(); ++k)
        sets.push_back(parse_rule_set(files_bytes[k], rule_files[k], !passed));
    Checker checker(std::move(sets));
    if (!passed) {
        checker.verify_examples(framework);
        remember_examples_passed(key);
    }
    return checker;
}

}  // namespace sanding
