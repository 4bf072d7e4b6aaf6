#include "sanding/check/matcher.hpp"

#include <hs.h>

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "sanding/error.hpp"

namespace sanding {
namespace {

hs_database* compile_one(const std::string& expr, unsigned flags, const Rule& rule, const char* what) {
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile(expr.c_str(), flags | HS_FLAG_UTF8, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
        std::string msg = err ? err->message : "unknown error";
        hs_free_compile_error(err);
        throw Error("rules.bad_pattern", "规则 " + rule.id + " 的" + what + "“" + expr + "”无法编译：" + msg,
                    rule.file + ":" + std::to_string(rule.line));
    }
    return db;
}

int collect(unsigned int id, unsigned long long from, unsigned long long to, unsigned int, void* ctx) {
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

constexpr std::size_t kMaxLookBack = 256;  // bytes searched back for a regex match's start

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

PhraseMatcher::PhraseMatcher(const std::vector<Rule>& rules) {
    std::vector<std::string> exprs;
    std::vector<unsigned> flags, ids;
    exceptions_.assign(rules.size(), nullptr);
    try {
        for (std::size_t r = 0; r < rules.size(); ++r) {
            const Rule& rule = rules[r];
            if (rule.code) continue;
            for (std::size_t p = 0; p < rule.patterns.size(); ++p) {
                const Pattern& pat = rule.patterns[p];
                Entry e;
                e.rule = static_cast<int>(r), e.pattern = static_cast<int>(p);
                e.literal_length = pat.regex ? 0 : pat.text.size();
                // Contexts are checked on a window ending where the match starts (before) or
                // starting where it ends (after).
                if (!pat.before.empty())
                    owned_.push_back(e.before = compile_one("(?:" + pat.before + ")\\z", HS_FLAG_SINGLEMATCH, rule, "前置语境"));
                if (!pat.after.empty())
                    owned_.push_back(e.after = compile_one("\\A(?:" + pat.after + ")", HS_FLAG_SINGLEMATCH, rule, "后置语境"));
                // Validate each pattern alone first so that an error names the rule.
                hs_database* alone = compile_one(to_expression(pat), 0, rule, "模式");
                hs_free_database(alone);
                if (pat.regex) {
                    owned_.push_back(e.whole = compile_one("\\A(?:" + pat.text + ")\\z", HS_FLAG_SINGLEMATCH, rule, "模式"));
                    hs_expr_info_t* info = nullptr;
                    hs_compile_error_t* err = nullptr;
                    if (hs_expression_info(pat.text.c_str(), HS_FLAG_UTF8, &info, &err) == HS_SUCCESS && info) {
                        e.min_width = info->min_width;
                        e.max_width = info->max_width == UINT_MAX ? kMaxLookBack : std::min<std::size_t>(info->max_width, kMaxLookBack);
                        std::free(info);
                    } else {
                        hs_free_compile_error(err);
                        e.max_width = kMaxLookBack;
                    }
                }
                exprs.push_back(to_expression(pat));
                flags.push_back(HS_FLAG_UTF8);
                ids.push_back(static_cast<unsigned>(entries_.size()));
                entries_.push_back(e);
            }
            if (!rule.exceptions.empty()) {
                std::string alt;
                for (const auto& ex : rule.exceptions) alt += (alt.empty() ? "" : "|") + ("(?:" + to_expression(ex) + ")");
                owned_.push_back(exceptions_[r] = compile_one("\\A(?:" + alt + ")", 0, rule, "例外"));
            }
        }
        if (!exprs.empty()) {
            std::vector<const char*> cexprs;
            for (const auto& e : exprs) cexprs.push_back(e.c_str());
            hs_compile_error_t* err = nullptr;
            if (hs_compile_multi(cexprs.data(), flags.data(), ids.data(), static_cast<unsigned>(cexprs.size()),
                                 HS_MODE_BLOCK, nullptr, &db_, &err) != HS_SUCCESS) {
                std::string msg = err ? err->message : "unknown error";
                hs_free_compile_error(err);
                throw Error("rules.bad_pattern", "规则模式无法合并编译：" + msg);
            }
            owned_.push_back(db_);
        }
        for (hs_database* db : owned_)
            if (hs_alloc_scratch(db, &prototype_) != HS_SUCCESS) throw Error("rules.scratch", "无法分配 Vectorscan 暂存区");
    } catch (...) {
        for (hs_database* db : owned_) hs_free_database(db);
        if (prototype_) hs_free_scratch(prototype_);
        throw;
    }
}

PhraseMatcher::~PhraseMatcher() {
    for (hs_scratch* s : pool_) hs_free_scratch(s);
    if (prototype_) hs_free_scratch(prototype_);
    for (hs_database* db : owned_) hs_free_database(db);
}

// Scratch space is per thread of use; a small pool keeps the per-paragraph path allocation-free.
hs_scratch* PhraseMatcher::acquire() const {
    {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        if (!pool_.empty()) {
            hs_scratch* s = pool_.back();
            pool_.pop_back();
            return s;
        }
    }
    hs_scratch* s = nullptr;
    if (prototype_ && hs_clone_scratch(prototype_, &s) != HS_SUCCESS) throw Error("check.scratch", "无法分配 Vectorscan 暂存区");
    return s;
}

void PhraseMatcher::release(hs_scratch* s) const {
    if (!s) return;
    std::lock_guard<std::mutex> lock(pool_mutex_);
    pool_.push_back(s);
}

bool PhraseMatcher::context_holds(hs_database* db, std::string_view window, hs_scratch* s) const {
    bool hit = false;
    hs_scan(db, window.data(), static_cast<unsigned>(window.size()), 0, s, found, &hit);
    return hit;
}

// An exception covers [start, end) when it matches from some point at or before start (within
// kMaxLookBack bytes) to some point at or after end.
bool PhraseMatcher::excepted(int rule, std::string_view text, std::size_t start, std::size_t end, hs_scratch* s) const {
    hs_database* db = exceptions_[rule];
    if (!db) return false;
    const std::size_t lowest = start > kMaxLookBack ? start - kMaxLookBack : 0;
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
std::size_t PhraseMatcher::find_start(const Entry& e, std::string_view text, std::size_t end, hs_scratch* s) const {
    const std::size_t lowest = end > e.max_width ? boundary_back(text, end - e.max_width) : 0;
    const std::size_t highest = end >= e.min_width ? end - e.min_width : 0;
    for (std::size_t from = lowest; from <= highest; ++from) {
        if ((static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) continue;
        if (context_holds(e.whole, text.substr(from, end - from), s)) return from;
    }
    return end;  // not reached for a real match; an empty span is harmless
}

void PhraseMatcher::scan(std::string_view text, std::vector<RawMatch>& out) const {
    if (!db_ || text.empty()) return;
    hs_scratch* s = acquire();
    thread_local std::vector<RawMatch> raw;
    raw.clear();
    hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, s, collect, &raw);
    // A regex reports every end it can reach ([０-９]+ on １２ ends twice); keep, per pattern, the
    // longest run from one start.
    std::vector<std::pair<int, RawMatch>> last_regex;  // entry id → its last kept match (index in out)
    for (RawMatch m : raw) {
        const int id = m.rule;  // the entry index
        const Entry& e = entries_[id];
        if (e.literal_length) {
            m.start = m.end - e.literal_length;
        } else {
            auto prev = std::find_if(last_regex.begin(), last_regex.end(), [&](const auto& x) { return x.first == id; });
            if (prev != last_regex.end() && prev->second.start < m.end &&
                context_holds(e.whole, text.substr(prev->second.start, m.end - prev->second.start), s)) {
                m.start = prev->second.start;
                // An extension of the previous match: drop the shorter one if it was kept.
                for (auto& o : out)
                    if (o.rule == e.rule && o.pattern == e.pattern && o.start == m.start && o.end == prev->second.end) o.end = m.end;
                prev->second.end = m.end;
                continue;
            }
            m.start = find_start(e, text, m.end, s);
            if (prev != last_regex.end()) prev->second = m;
            else last_regex.push_back({id, m});
        }
        if (e.before) {
            std::size_t from = m.start > 1024 ? m.start - 1024 : 0;
            while (from < m.start && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
            if (!context_holds(e.before, text.substr(from, m.start - from), s)) continue;
        }
        if (e.after && !context_holds(e.after, text.substr(m.end), s)) continue;
        if (excepted(e.rule, text, m.start, m.end, s)) continue;
        out.push_back({e.rule, e.pattern, m.start, m.end});
    }
    release(s);
}

}  // namespace sanding
