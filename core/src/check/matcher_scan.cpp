// Using the matcher: one scan per paragraph run, each candidate checked against its contexts and
// its rule's exceptions, a regex match's start found back from its end.
#include "check/matcher.hpp"

#include <hs.h>

#include <algorithm>
#include <cstdint>

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
}  // namespace

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
