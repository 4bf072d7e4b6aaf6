// Building the matcher: every pattern rule compiled into the broad and narrow scan databases, each
// candidate's contexts and each rule's exceptions into small databases of their own.
#include "check/matcher.hpp"

#include <hs.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <map>
#include <tuple>

#include "hs_cache.hpp"
#include "sanding/error.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

// The scopes that take in much of a draft (the duties and units articles and their items): rules
// of others (an article, a sentence) are scanned over their paragraphs only.
constexpr ScopeSet kBroadScopes = kScopeText | kScopeDuties | kScopeUnits | kScopeDutyItems |
                                  kScopeEntrusted | kScopeTransformation | kScopeUnitItems;

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
    std::size_t patterns = 0;
    for (const Rule& rule : rules) patterns += rule.patterns.size();
    entries_.reserve(patterns);  // one entry and one plan per pattern: no regrowth
    plans.reserve(patterns);
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
            entries_.push_back(std::move(e));
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

}  // namespace sanding
