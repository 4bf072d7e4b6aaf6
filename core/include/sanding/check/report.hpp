// Findings as people and programs read them: compiler-style lines, or JSON.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sanding/check/finding.hpp"
#include "sanding/document.hpp"

namespace sanding {

struct ReportInput {
    std::string file;           // as the user named it
    ParagraphSpan paragraphs;   // those checked (kept by the caller): their count, and for plain
                                // text their offsets
    bool file_offsets = false;  // plain text: offsets into the whole file, not the paragraph
    std::string body;           // framework body checked against, if any
    // Plain text whose paragraphs are views into it (read in place): its offsets are then counted
    // over it in one pass. Only the first paragraph and those with findings are checked to be its
    // views at their source_offset; the others are taken to be. Empty: the paragraphs are counted
    // one by one.
    std::string_view source;
    // Where each paragraph starts in UTF-16 units, as text_paragraphs gives them: then nothing is
    // counted. Empty (an .odt's paragraphs): counted here; a list of another length is not used.
    std::span<const std::uint32_t> utf16_starts = {};
};

struct Summary {
    int errors = 0, warnings = 0, infos = 0;
    int total() const { return errors + warnings + infos; }
};
Summary summarize(const std::vector<Finding>& findings);  // counts by severity

// file:line:col: severity: message [rule] → suggestion — one line per finding, then a summary.
std::string report_text(const std::vector<Finding>& findings, const ReportInput& in);

// {"findings":[…],"summary":{…}} with the field names of the issue (offset_utf8, …).
std::string report_json(const std::vector<Finding>& findings, const ReportInput& in);
// The same report in consecutive pieces (a large one is written on every core), for a caller
// that writes them out one after another rather than joining megabytes into one string first.
std::vector<std::string> report_json_pieces(const std::vector<Finding>& findings,
                                            const ReportInput& in);

// Appends s as a JSON string literal.
void json_string(std::string& out, std::string_view s);
// Appends the member "key":"value" of an object being written, after a comma unless it is the
// first (key is written as given: a plain ASCII name).
void json_member(std::string& out, std::string_view key, std::string_view value,
                 bool first = false);

}  // namespace sanding
