#include "check/matcher.hpp"

#include <hs.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <tuple>

#include "hs_cache.hpp"
#include "sanding/error.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

int collect(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
            void* ctx) {
    static_cast<std::vector<RawMatch>*>(ctx)->push_back({static_cast<int>(id), 0, from, to});
    return 0;
}

int found(unsigned int, unsigned long long, unsigned long long, unsigned int, void* ctx) {
    *static_cast<bool*>(ctx) = true;
    return 1;  // stop at the first match
}

int collect_ends(unsigned int, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
    static_cast<std::vector<std::size_t>*>(ctx)->push_back(to);
    return 0;
}

std::size_t boundary_back(std::string_view t, std::size_t i) {
    while (i > 0 && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) --i;
    return i;
}

// The scopes that take in much of a draft (the duties and units articles and their items): rules
// of others (an article, a sentence) are scanned over their paragraphs only.
constexpr ScopeSet kBroadScopes = kScopeText | kScopeDuties | kScopeUnits | kScopeDutyItems |
                                  kScopeEntrusted | kScopeTransformation | kScopeUnitItems;

constexpr std::size_t kMaxLookBack = 256;     // bytes searched back for a regex match's start
constexpr std::size_t kFoldableContext = 12;  // bytes: up to a few characters
// What lets a context run over any text (and a folded one slow every paragraph's scan).
constexpr const char* kWideClasses[] = {"[^", ".", "\\S", "\\W", "\\D", "\\P", "\\X"};

// The first atom of a regex (a character, an escape, a bracket class) when every match begins
// with it: not optional (?, *, {0,…}) and no alternation anywhere; "" otherwise.
std::string leading_atom(std::string_view re) {
    if (re.empty() || re.find('|') != re.npos) return {};
    std::size_t end = 0;
    if (re[0] == '[') {
        end = 1;
        if (end < re.size() && re[end] == '^') ++end;
        if (end < re.size() && re[end] == ']') ++end;  // a ] first is literal
        while (end < re.size() && re[end] != ']') {
            if (re[end] == '[') return {};  // [:digit:] and the like: not read here
            end += re[end] == '\\' ? 2 : 1;
        }
        if (end >= re.size()) return {};
        ++end;
    } else if (re[0] == '\\') {
        if (re.size() < 2) return {};
        const char c = re[1];
        if ((c == 'x' || c == 'p' || c == 'P') && re.size() > 2 && re[2] == '{') {
            end = re.find('}', 2);
            if (end == re.npos) return {};
            ++end;
        } else if (c == 'x') {
            end = 4;  // \xHH
        } else if (std::isalnum(static_cast<unsigned char>(c)) &&
                   std::string_view("dDsSwW").find(c) == std::string_view::npos) {
            return {};  // \pL, back references, \Q…: not read here
        } else {
            end = 2;  // \d, or an escaped character (all of it, when it is not ASCII)
            while (end < re.size() && (static_cast<unsigned char>(re[end]) & 0xC0) == 0x80) ++end;
        }
        if (end > re.size()) return {};
    } else if (std::string_view("().^$*+?{").find(re[0]) == re.npos) {
        end = 1;
        while (end < re.size() && (static_cast<unsigned char>(re[end]) & 0xC0) == 0x80)
            ++end;  // one character
    } else {
        return {};
    }
    if (end < re.size() && (re[end] == '?' || re[end] == '*' || re.substr(end, 2) == "{0" ||
                            re.substr(end, 3) == "{,"))
        return {};
    return std::string(re.substr(0, end));
}

// A rule's exceptions as one alternation, "" when it has none.
std::string exception_alternation(const Rule& rule) {
    std::string alt;
    for (const auto& ex : rule.exceptions)
        alt += (alt.empty() ? "" : "|") + ("(?:" + to_expression(ex) + ")");
    return alt.empty() ? alt : "(?:" + alt + ")";
}

// Shortest and longest match of every expression the plan needs (a pattern's after-context, a
// regex, a rule's exceptions), asked of Vectorscan once for all of them; the longest is capped at
// kMaxLookBack.
class Widths {
public:
    explicit Widths(const std::vector<Rule>& rules) {
        std::vector<std::string> exprs;
        for (const auto& rule : rules) {
            if (rule.code) continue;
            for (const auto& pat : rule.patterns) {
                if (!pat.regex && !pat.after.empty()) exprs.push_back(pat.after);
                if (pat.regex) exprs.push_back(pat.text);
            }
            if (std::string alt = exception_alternation(rule); !alt.empty())
                exprs.push_back(std::move(alt));
        }
        const auto w = expression_widths(exprs);
        for (std::size_t i = 0; i < exprs.size(); ++i) known_.emplace(exprs[i], w[i]);
    }
    // As Vectorscan reports them: UINT_MAX for unbounded (or not compiling).
    std::pair<unsigned, unsigned> raw(const std::string& expr) const {
        auto it = known_.find(expr);
        return it == known_.end() ? std::pair<unsigned, unsigned>{0, UINT_MAX} : it->second;
    }
    std::pair<std::size_t, std::size_t> operator()(const std::string& expr) const {
        auto it = known_.find(expr);
        if (it == known_.end()) return {0, kMaxLookBack};
        // UINT_MAX: unbounded, or the expression does not compile (compiling it reports why).
        const auto [lo, hi] = it->second;
        return {lo, hi == UINT_MAX ? kMaxLookBack : std::min<std::size_t>(hi, kMaxLookBack)};
    }

private:
    std::map<std::string, std::pair<unsigned, unsigned>> known_;
};

}  // namespace

std::string to_expression(const Pattern& p) {
    if (p.regex) return p.text;
    std::string out;
    for (char c : p.text) {
        if (std::string_view("\\^$.|?*+()[]{}/-#").find(c) != std::string_view::npos) out += '\\';
        if (c == ' ') {
            out += "\\x20";  // literal spaces stay literal whatever the flags
            continue;
        }
        out += c;
    }
    return out;
}

PhraseMatcher::PhraseMatcher(const std::vector<Rule>& rules, std::span<const MarkPattern> marks) {
    // First plan every database (the two scanned ones and the small anchored ones, shared between
    // patterns with the same context), then build them all at once, from the cache if it has them.
    // jobs[0]: the patterns of rules that apply across a draft, scanned over every paragraph;
    // jobs[1]: those of rules confined to articles of a few paragraphs, scanned over those.
    std::vector<CompileJob> jobs(2);
    std::map<std::string, std::size_t> job_of;
    auto single = [&](const std::string& expr, unsigned flags, const Rule& rule, const char* what) {
        auto [it, added] = job_of.emplace(expr + '\0' + std::to_string(flags), jobs.size());
        if (added) jobs.push_back({{expr}, {flags | HS_FLAG_UTF8}, {&rule}, what});
        return it->second;
    };
    struct Plan {
        // Job indices; 0 = none.
        std::size_t before = 0, after = 0, after_exact = 0, whole = 0, own = 0;
    };
    std::vector<Plan> plans;
    std::vector<std::size_t> exception_jobs(rules.size(), 0);
    exception_reach_.assign(rules.size(), std::string_view::npos);
    const Widths widths(rules);
    for (std::size_t r = 0; r < rules.size(); ++r) {
        const Rule& rule = rules[r];
        if (rule.code) continue;
        for (std::size_t p = 0; p < rule.patterns.size(); ++p) {
            const Pattern& pat = rule.patterns[p];
            Entry e;
            Plan plan;
            e.rule = static_cast<int>(r), e.pattern = static_cast<int>(p);
            e.literal_length = pat.regex ? 0 : pat.text.size();
            std::string expression = to_expression(pat);
            if (!pat.regex) {
                e.literal = pat.text;
                // A before-context is not folded in: a leading character class
                // ([\x{4e00}-\x{9fff}],) makes every Chinese character a possible start and the
                // scan several times slower, while the bare literal is rare and its context cheap
                // to check.
                if (!pat.before.empty())
                    plan.before =
                        single("(?:" + pat.before + ")\\z", HS_FLAG_SINGLEMATCH, rule, "前置语境");
                if (!pat.after.empty()) {
                    // A short context (a character class) is folded in, and so is a longer one made
                    // of narrow classes ([0-9]{4}[〕）][0-9]+号 after “（”: otherwise every （ of
                    // every item marker is a candidate). One that can run over any text
                    // (《[^》]{1,40}法》) would make the main database slow for every paragraph, so
                    // it is checked on the few candidates instead.
                    auto [lo, hi] = widths.raw(pat.after);
                    const bool any_text = std::any_of(
                        std::begin(kWideClasses), std::end(kWideClasses),
                        [&](const char* c) { return pat.after.find(c) != std::string::npos; });
                    if (hi <= kFoldableContext) {
                        expression += "(?:" + pat.after + ")";
                        plan.after_exact = single("\\A(?:" + pat.after + ")\\z",
                                                  HS_FLAG_SINGLEMATCH, rule, "后置语境");
                        e.after_min = lo, e.after_max = hi;
                    } else if (!any_text) {
                        // Longer: the folded expression only says that the paragraph may have a
                        // match; its places are then found literal by literal, each checked as
                        // usual — linear however many reports a paragraph has. So only the
                        // context's first character class need be folded, when it is not
                        // optional: （[0-9] is ten literals to Vectorscan, where the whole
                        // （[0-9]{4}[〕）][0-9]+号 ran an automaton from every （.
                        const std::string lead = leading_atom(pat.after);
                        expression += "(?:" + (lead.empty() ? pat.after : lead) + ")";
                        plan.after = single("\\A(?:" + pat.after + ")", HS_FLAG_SINGLEMATCH, rule,
                                            "后置语境");
                        e.filter_only = true;
                    } else {
                        plan.after = single("\\A(?:" + pat.after + ")", HS_FLAG_SINGLEMATCH, rule,
                                            "后置语境");
                    }
                }
            } else {
                // Contexts are checked on a window ending where the match starts (before) or
                // starting where it ends (after).
                if (!pat.before.empty())
                    plan.before =
                        single("(?:" + pat.before + ")\\z", HS_FLAG_SINGLEMATCH, rule, "前置语境");
                if (!pat.after.empty())
                    plan.after =
                        single("\\A(?:" + pat.after + ")", HS_FLAG_SINGLEMATCH, rule, "后置语境");
                plan.whole =
                    single("\\A(?:" + pat.text + ")\\z", HS_FLAG_SINGLEMATCH, rule, "模式");
                std::tie(e.min_width, e.max_width) = widths(pat.text);
            }
            // The scan looks for the prefilter; the pattern runs on the paragraphs where it is
            // found (a literal with an after-context is refused a prefilter when the rules are
            // read).
            if (!pat.prefilter.empty()) {
                if (!pat.regex && !pat.after.empty())
                    throw Error("rules.bad_pattern",
                                "规则 " + rule.id + " 的字面模式有 after 语境时不能用 prefilter",
                                rule.file + ":" + std::to_string(rule.line));
                plan.own = single(to_expression(pat), HS_FLAG_MULTILINE, rule, "模式");
                expression = pat.prefilter;
            }
            const bool narrow = !(rule.scopes & kBroadScopes);
            CompileJob& job = jobs[narrow ? 1 : 0];
            job.expressions.push_back(expression);
            job.flags.push_back(HS_FLAG_UTF8 | HS_FLAG_MULTILINE);  // ^ and $ at paragraph ends
            job.rules.push_back(&rule);
            (narrow ? narrow_ : broad_).entry_of.push_back(static_cast<int>(entries_.size()));
            if (narrow) narrow_.scopes |= rule.scopes;
            entries_.push_back(e);
            plans.push_back(plan);
        }
        if (std::string alt = exception_alternation(rule); !alt.empty()) {
            exception_jobs[r] = single("\\A" + alt, 0, rule, "例外");
            // How far back from a candidate a covering exception can start: its longest match.
            if (const unsigned hi = widths.raw(alt).second; hi != UINT_MAX)
                exception_reach_[r] = hi;
        }
    }
    if (marks.size() > 8) throw Error("rules.marks", "至多八种标记");
    mark_count_ = static_cast<unsigned>(marks.size());
    for (std::size_t k = 0; k < marks.size(); ++k) {
        Pattern mark;
        mark.text = marks[k].text;
        mark.regex = marks[k].regex;
        jobs[0].expressions.push_back(to_expression(mark));
        jobs[0].flags.push_back(HS_FLAG_UTF8);
        jobs[0].rules.push_back(nullptr);
        broad_.entry_of.push_back(-1 - static_cast<int>(k));
    }
    // Only databases with expressions are built (a rule set may have no pattern rules, or none
    // confined to a few paragraphs).
    std::vector<std::size_t> built(jobs.size(), 0);  // job → its database in owned_
    std::vector<CompileJob> nonempty;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        if (jobs[j].expressions.empty()) continue;
        built[j] = nonempty.size();
        nonempty.push_back(std::move(jobs[j]));
    }
    owned_ = build_databases(nonempty);
    // Job 0 is never a context's, so a plan's 0 means none.
    auto db_of = [&](std::size_t job) { return job == 0 ? nullptr : owned_[built[job]].get(); };
    if (!broad_.entry_of.empty()) broad_.db = owned_[built[0]].get();
    if (!narrow_.entry_of.empty()) narrow_.db = owned_[built[1]].get();
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        entries_[i].before = db_of(plans[i].before);
        entries_[i].after = db_of(plans[i].after);
        entries_[i].after_exact = db_of(plans[i].after_exact);
        entries_[i].whole = db_of(plans[i].whole);
        entries_[i].own = db_of(plans[i].own);
    }
    exceptions_.assign(rules.size(), nullptr);
    for (std::size_t r = 0; r < rules.size(); ++r) exceptions_[r] = db_of(exception_jobs[r]);
    hs_scratch_t* prototype = nullptr;
    for (const HsDatabase& db : owned_)
        if (hs_alloc_scratch(db.get(), &prototype) != HS_SUCCESS) {
            prototype_.reset(prototype);
            throw Error("rules.scratch", "无法分配 Vectorscan 暂存区");
        }
    prototype_.reset(prototype);
}

PhraseMatcher::~PhraseMatcher() = default;

// Scratch space is per thread of use; a small pool keeps the per-paragraph path allocation-free.
HsScratch PhraseMatcher::acquire() const {
    {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        if (!pool_.empty()) {
            HsScratch s = std::move(pool_.back());
            pool_.pop_back();
            return s;
        }
    }
    hs_scratch_t* s = nullptr;
    if (prototype_ && hs_clone_scratch(prototype_.get(), &s) != HS_SUCCESS)
        throw Error("check.scratch", "无法分配 Vectorscan 暂存区");
    return HsScratch(s);
}

void PhraseMatcher::release(HsScratch s) const {
    if (!s) return;
    std::lock_guard<std::mutex> lock(pool_mutex_);
    pool_.push_back(std::move(s));
}

bool PhraseMatcher::context_holds(hs_database* db, std::string_view window, hs_scratch* s) const {
    bool hit = false;
    hs_scan(db, window.data(), static_cast<unsigned>(window.size()), 0, s, found, &hit);
    return hit;
}

// An exception covers [start, end) when it matches from some point at or before start (within
// kMaxLookBack bytes) to some point at or after end.
bool PhraseMatcher::excepted(int rule, std::string_view text, std::size_t start, std::size_t end,
                             hs_scratch* s) const {
    hs_database* db = exceptions_[rule];
    if (!db) return false;
    // A covering exception match starts at or after end - its longest match (and is looked for
    // at most kMaxLookBack bytes back): each place tried costs a Vectorscan call.
    std::size_t back = kMaxLookBack;
    if (const std::size_t reach = exception_reach_[static_cast<std::size_t>(rule)];
        reach != std::string_view::npos)
        back = std::min(back, reach > end - start ? reach - (end - start) : 0);
    const std::size_t lowest = start > back ? start - back : 0;
    std::vector<std::size_t> ends;
    for (std::size_t from = start + 1; from-- > lowest;) {
        if (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) continue;
        ends.clear();
        std::string_view window = text.substr(from);
        hs_scan(db, window.data(), static_cast<unsigned>(window.size()), 0, s, collect_ends, &ends);
        for (std::size_t e : ends)
            if (from + e >= end) return true;
    }
    return false;
}

// The leftmost start from which the regex matches exactly up to end.
std::size_t PhraseMatcher::find_start(const Entry& e, std::string_view text, std::size_t end,
                                      hs_scratch* s) const {
    const std::size_t lowest = end > e.max_width ? boundary_back(text, end - e.max_width) : 0;
    const std::size_t highest = end >= e.min_width ? end - e.min_width : 0;
    for (std::size_t from = lowest; from <= highest; ++from) {
        if ((static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) continue;
        if (context_holds(e.whole, text.substr(from, end - from), s)) return from;
    }
    // None: the report began in an earlier paragraph of the joined text ([^。；] takes in the \n
    // between them), so it is not this paragraph's match.
    return std::string_view::npos;
}

void PhraseMatcher::resolve(const std::vector<RawMatch>& reports, std::string_view text,
                            hs_scratch* s, std::vector<RawMatch>& out) const {
    // A regex reports every end it can reach ([０-９]+ on １２ ends twice); keep, per pattern, the
    // longest run from one start.
    std::vector<std::pair<int, RawMatch>> last_regex;  // entry id → its last match
    std::vector<int> filtered;                         // filter-only entries whose places are found
    // A prefiltered pattern's reports are its prefilter's: its own matches in this paragraph, in
    // their place (found once per paragraph however many prefilter reports there are).
    std::vector<RawMatch> expanded;
    const bool prefiltered = std::any_of(reports.begin(), reports.end(),
                                         [&](const RawMatch& m) { return entries_[m.rule].own; });
    if (prefiltered) {
        std::vector<int> done;
        for (const RawMatch& m : reports) {
            const Entry& e = entries_[m.rule];
            if (!e.own) {
                expanded.push_back(m);
                continue;
            }
            if (std::find(done.begin(), done.end(), m.rule) != done.end()) continue;
            done.push_back(m.rule);
            std::vector<RawMatch> own;
            hs_scan(e.own, text.data(), static_cast<unsigned>(text.size()), 0, s, collect, &own);
            for (const RawMatch& o : own) expanded.push_back({m.rule, 0, o.start, o.end});
        }
        std::stable_sort(expanded.begin(), expanded.end(),
                         [](const RawMatch& a, const RawMatch& b) { return a.end < b.end; });
    }
    // The checks every candidate passes, once its span is known.
    auto keep = [&](const Entry& e, const RawMatch& m) {
        if (e.before) {
            std::size_t from = m.start > 1024 ? m.start - 1024 : 0;
            while (from < m.start && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80)
                ++from;
            if (!context_holds(e.before, text.substr(from, m.start - from), s)) return;
        }
        if (e.after && !context_holds(e.after, text.substr(m.end), s)) return;
        if (excepted(e.rule, text, m.start, m.end, s)) return;
        out.push_back({e.rule, e.pattern, m.start, m.end});
    };
    for (RawMatch m : prefiltered ? expanded : reports) {
        const int id = m.rule;  // the entry index
        const Entry& e = entries_[id];
        if (e.filter_only) {
            if (std::find(filtered.begin(), filtered.end(), id) != filtered.end())
                continue;  // done for this paragraph
            filtered.push_back(id);
            for (auto at = find_bytes(text, e.literal); at != text.npos;
                 at = find_bytes(text, e.literal, at + 1))
                keep(e, {e.rule, e.pattern, at, at + e.literal_length});
            continue;
        }
        if (e.literal_length && e.after_exact) {
            // The report ends after the after-context: the literal is where the context that
            // reaches exactly this end begins (every such place: each is a match of its own).
            const std::size_t L = e.literal_length;
            const std::size_t lo = m.end >= L + e.after_max ? m.end - L - e.after_max : 0;
            const std::size_t hi = m.end >= L + e.after_min ? m.end - L - e.after_min : 0;
            for (std::size_t from = lo; from <= hi; ++from) {
                if (text.compare(from, L, e.literal) != 0) continue;
                if (context_holds(e.after_exact, text.substr(from + L, m.end - from - L), s))
                    keep(e, {e.rule, e.pattern, from, from + L});
            }
            continue;
        }
        if (e.literal_length) {
            m.start = m.end - e.literal_length;
        } else {
            auto prev = std::find_if(last_regex.begin(), last_regex.end(),
                                     [&](const auto& x) { return x.first == id; });
            if (prev != last_regex.end() && prev->second.start < m.end &&
                context_holds(e.whole, text.substr(prev->second.start, m.end - prev->second.start),
                              s)) {
                m.start = prev->second.start;
                // An extension of the previous match: widen the one already kept.
                for (auto& o : out)
                    if (o.rule == e.rule && o.pattern == e.pattern && o.start == m.start &&
                        o.end == prev->second.end)
                        o.end = m.end;
                prev->second.end = m.end;
                continue;
            }
            m.start = find_start(e, text, m.end, s);
            if (m.start == std::string_view::npos) continue;
            if (prev != last_regex.end())
                prev->second = m;
            else
                last_regex.push_back({id, m});
        }
        keep(e, {e.rule, e.pattern, m.start, m.end});
    }
}

void PhraseMatcher::scan(std::string_view text, std::vector<RawMatch>& out, ScopeSet scopes) const {
    if (text.empty()) return;
    HsScratch s = acquire();
    const ParagraphView one{text};
    for (const Scan* scan : {&broad_, &narrow_})
        if (scan->db && (!scan->scopes || (scan->scopes & scopes)))
            scan_run(*scan, ParagraphSpan(&one, 1), &out, s.get());
    release(std::move(s));
}

void PhraseMatcher::scan_all(ParagraphSpan ps, std::span<const ScopeSet> scopes,
                             std::vector<std::vector<RawMatch>>& out,
                             std::vector<std::uint8_t>* marks) const {
    out.assign(ps.size(), {});
    // Bits of no mark this matcher was given stay set: not known, so looked for.
    if (marks) marks->assign(ps.size(), static_cast<std::uint8_t>(~((1u << mark_count_) - 1)));
    if (ps.empty()) return;
    HsScratch scratch = acquire();
    hs_scratch_t* const s = scratch.get();
    if (broad_.db) scan_run(broad_, ps, out.data(), s, nullptr, marks ? marks->data() : nullptr);
    if (narrow_.db) {
        // The paragraphs in the narrow rules' scopes (a few articles), in one call: a call costs
        // more than scanning such an article.
        ParagraphViews chosen;
        std::vector<std::size_t> where;
        chosen.reserve(ps.size());
        where.reserve(ps.size());
        for (std::size_t i = 0; i < ps.size(); ++i) {
            if (!scopes.empty() && !(scopes[i] & narrow_.scopes)) continue;
            chosen.push_back(ps[i]);
            where.push_back(i);
        }
        if (!chosen.empty()) scan_run(narrow_, chosen, out.data(), s, where.data());
    }
    release(std::move(scratch));
}

void PhraseMatcher::scan_run(const Scan& scan, ParagraphSpan ps, std::vector<RawMatch>* out,
                             hs_scratch* s, const std::size_t* where, std::uint8_t* marks) const {
    // The paragraphs as one text with a \n between them: read in place when they lie so already (a
    // plain-text file's lines), else copied together (then with a \n after the last one too).
    // Either way a match is kept for a paragraph only if it ends within it (below), so the two
    // texts give the same matches.
    bool in_place = true;
    for (std::size_t i = 0; i + 1 < ps.size() && in_place; ++i) {
        const std::string_view t = ps[i].text;
        // Compared as addresses: for a Document's strings, one past the terminator is not theirs.
        const auto end = reinterpret_cast<std::uintptr_t>(t.data()) + t.size();
        in_place = reinterpret_cast<std::uintptr_t>(ps[i + 1].text.data()) == end + 1 &&
                   t.data()[t.size()] == '\n';
    }
    std::string joined;
    std::vector<std::size_t> starts;
    starts.reserve(ps.size());
    std::string_view all;
    if (in_place) {
        for (const auto& p : ps)
            starts.push_back(static_cast<std::size_t>(p.text.data() - ps[0].text.data()));
        all = std::string_view(ps[0].text.data(), starts.back() + ps.back().text.size());
    } else {
        std::size_t total = 0;
        for (const auto& p : ps) total += p.text.size() + 1;
        joined.reserve(total);
        for (const auto& p : ps) {
            starts.push_back(joined.size());
            joined += p.text;
            joined += '\n';
        }
        all = joined;
    }
    std::vector<RawMatch> reports;
    // Block mode takes up to 4 GiB; a checked file is at most tens of megabytes.
    hs_scan(scan.db, all.data(), static_cast<unsigned>(all.size()), 0, s, collect, &reports);
    std::stable_sort(reports.begin(), reports.end(),
                     [](const RawMatch& a, const RawMatch& b) { return a.end < b.end; });
    std::vector<RawMatch> mine;
    for (std::size_t i = 0; i < reports.size();) {
        const std::size_t p =
            static_cast<std::size_t>(
                std::upper_bound(starts.begin(), starts.end(), reports[i].end - 1) -
                starts.begin()) -
            1;
        const std::string_view text = ps[p].text;
        mine.clear();
        for (; i < reports.size() && reports[i].end <= starts[p] + text.size() + 1; ++i) {
            RawMatch m = reports[i];
            if (m.end > starts[p] + text.size() || m.end <= starts[p])
                continue;  // took in the newline
            m.end -= starts[p];
            m.rule = scan.entry_of[static_cast<std::size_t>(m.rule)];
            if (m.rule < 0) {  // a mark, not a rule's
                if (marks)
                    marks[where ? where[p] : p] |= static_cast<std::uint8_t>(1u << (-1 - m.rule));
                continue;
            }
            mine.push_back(m);
        }
        if (!mine.empty()) resolve(mine, text, s, out[where ? where[p] : p]);
    }
}

}  // namespace sanding
