#include "sanding/check/checker.hpp"

#include <algorithm>
#include <atomic>
#include <set>

#include "check/matcher.hpp"
#include "code_rules.hpp"
#include "context.hpp"
#include "findings.hpp"
#include "parallel.hpp"
#include "sanding/error.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text.hpp"
#include "scopes.hpp"

namespace sanding {

Checker::Checker(std::vector<RuleSet> sets) : sets_(std::move(sets)) {
    std::set<std::string> ids;
    std::size_t total = 0;
    for (const auto& s : sets_) total += s.rules.size();
    rules_.reserve(total);  // copied once, not again as the list grows
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
            if (auto m = article_marker(t))
                f = static_cast<unsigned char>(f | kArticle | (m->number == 1 ? kFirstArticle : 0));
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
    // The 2018 layout's title and article wording (S01, S14) is not asked of an older layout or
    // of a text that is no 三定.
    if (reg.layout != Layout::Articles)
        std::erase_if(out, [&](const Finding& f) {
            return starts_with(f.rule, "S") && !applies_to_layout(f.rule, reg.layout);
        });
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

}  // namespace sanding
