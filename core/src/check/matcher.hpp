// All pattern rules compiled once into a Vectorscan database; a paragraph is scanned once and
// every candidate is then checked against its pattern's contexts (before/after) and its rule's
// exceptions, each a small database of its own, run only on the few candidates. Rules confined to
// articles of a few paragraphs (the staffing article, the title, 附则…) have a database of their
// own, scanned over those paragraphs only: N09's 编制(?:和|与|、)[^。；]{0,12}… alone made the scan
// of a whole draft a fifth slower.
//
// No database uses HS_FLAG_SOM_LEFTMOST: in Debian 12's Vectorscan 5.4.9 a start-of-match
// pattern with a repeated multi-byte class ([０-９]+) aborts the process ("buffer overflow
// detected") on any input of 256 bytes or more — fatal inside Writer. A literal's start is its end
// minus its length; a regex's start is found by trying anchored matches (\A…\z) back from its
// end, which costs little because regex candidates are rare.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hs_handles.hpp"
#include "sanding/check/rule.hpp"
#include "sanding/document.hpp"

namespace sanding {

// What scan_all records per paragraph besides matches: a literal, or (regex) a Vectorscan
// expression in UTF-8.
struct MarkPattern {
    std::string_view text;
    bool regex = false;
};

struct RawMatch {
    int rule = 0;     // index into the rules given to the matcher
    int pattern = 0;  // index into that rule's patterns
    std::size_t start = 0, end = 0;
};

constexpr std::size_t kMaxLookBack = 256;  // bytes searched back for a regex match's start

class PhraseMatcher {
public:
    // Compiles every pattern of every non-code rule. Error "rules.bad_pattern" naming the rule,
    // the pattern and Vectorscan's complaint, with the rule's file:line. marks: up to eight
    // patterns whose presence in each paragraph scan_all records on the way (what other checks
    // would otherwise search every paragraph for again).
    explicit PhraseMatcher(const std::vector<Rule>& rules, std::span<const MarkPattern> marks = {});
    ~PhraseMatcher();
    PhraseMatcher(const PhraseMatcher&) = delete;
    PhraseMatcher& operator=(const PhraseMatcher&) = delete;

    // Appends to out the matches in text (valid UTF-8) whose contexts hold and that no exception
    // of their rule covers. Rules confined to scopes the text is not in may be left out.
    void scan(std::string_view text, std::vector<RawMatch>& out,
              ScopeSet scopes = ~ScopeSet{0}) const;

    // The same for many paragraphs with one Vectorscan call over them joined by newlines (a call
    // costs far more than a short paragraph's scan), read in place when the paragraphs lie one
    // after another with a \n between them (a plain-text file's lines); out[i] gets paragraph i's
    // matches. scopes[i] (when given) are paragraph i's scopes. marks (when given) gets, per
    // paragraph, bit k set when it holds the constructor's marks[k] (bits with no mark set too:
    // not known).
    void scan_all(ParagraphSpan paragraphs, std::span<const ScopeSet> scopes,
                  std::vector<std::vector<RawMatch>>& out,
                  std::vector<std::uint8_t>* marks = nullptr) const;

    std::size_t pattern_count() const { return entries_.size(); }

private:
    struct Entry {
        int rule = 0, pattern = 0;
        std::size_t literal_length = 0;  // > 0: a literal; start = end - length
        hs_database* whole = nullptr;    // regex: \A(?:re)\z, to find where a match starts
        std::size_t min_width = 0, max_width = 0;
        hs_database* before = nullptr;
        hs_database* after = nullptr;
        // A literal's short after-context is part of its expression in the scanned database, so
        // only real hits are reported (a bare （ would otherwise be a candidate at every bracket);
        // the report then ends after the context, and the literal is found back from there.
        std::string literal;
        hs_database* after_exact = nullptr;  // \A(?:after)\z
        std::size_t after_min = 0, after_max = 0;
        // A long after-context of narrow classes ([0-9]+号) is folded in too, but only to tell
        // which paragraphs have a match; there each place of the literal is checked against
        // `after`.
        bool filter_only = false;
        // A pattern with a prefilter: the scan reports the prefilter, and the pattern's own
        // database is run over each paragraph where it was found.
        hs_database* own = nullptr;
    };
    struct Scan {
        hs_database* db = nullptr;
        std::vector<int> entry_of;  // Vectorscan id → index into entries_; -1 - k: marks[k]
        ScopeSet scopes = 0;        // the paragraphs it is run over; 0: all
    };

    HsScratch acquire() const;
    void release(HsScratch s) const;
    bool context_holds(hs_database* db, std::string_view window, hs_scratch* s) const;
    // Turns Vectorscan's (entry, end) reports for one paragraph into checked matches.
    void resolve(const std::vector<RawMatch>& reports, std::string_view text, hs_scratch* s,
                 std::vector<RawMatch>& out) const;
    std::size_t find_start(const Entry& e, std::string_view text, std::size_t end,
                           hs_scratch* s) const;
    // One Vectorscan call of scan's database over the paragraphs; paragraph i's checked matches
    // are appended to out[where[i]] (out[i] without where), its marks to marks[…] likewise.
    void scan_run(const Scan& scan, ParagraphSpan paragraphs, std::vector<RawMatch>* out,
                  hs_scratch* s, const std::size_t* where = nullptr,
                  std::uint8_t* marks = nullptr) const;
    bool excepted(int rule, std::string_view text, std::size_t start, std::size_t end,
                  hs_scratch* s) const;

    Scan broad_, narrow_;  // rules that apply across a draft; rules of a few of its paragraphs
    std::vector<Entry> entries_;
    unsigned mark_count_ = 0;
    std::vector<hs_database*> exceptions_;  // per rule; nullptr when it has none
    std::vector<std::size_t>
        exception_reach_;            // per rule: longest exception match; npos: unbounded
    std::vector<HsDatabase> owned_;  // every database above borrows from here
    HsScratch prototype_;
    mutable std::mutex pool_mutex_;
    mutable std::vector<HsScratch> pool_;
};

// The pattern text as a Vectorscan expression: regexes as written, literals escaped.
std::string to_expression(const Pattern& p);

}  // namespace sanding
