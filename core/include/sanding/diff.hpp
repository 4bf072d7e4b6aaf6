// Comparing two revisions: articles aligned by their number (第X条), paragraphs within an
// article by longest common subsequence, and changed paragraphs character by character.
#pragma once

#include <string>
#include <vector>

#include "sanding/model.hpp"

namespace sanding {

struct TextOp {
    enum Kind { Same, Insert, Delete } kind = Same;
    std::string text;
};

struct ParagraphDiff {
    enum Kind { Same, Changed, Added, Removed } kind = Same;
    std::string before, after;
    std::vector<TextOp> ops;  // for Changed: character-level edits turning before into after
};

struct ArticleDiff {
    int number = 0;  // 第X条 of the newer revision (or of the older one when removed)
    std::string label;
    enum Kind { Same, Changed, Added, Removed } kind = Same;
    std::vector<ParagraphDiff> paragraphs;
};

struct RegulationDiff {
    bool title_changed = false;
    std::string title_before, title_after;
    std::vector<ArticleDiff> articles;
    int changed_articles() const;
};

RegulationDiff diff_regulations(const Regulation& before, const Regulation& after);

// Character-level edit script (by code point), longest common subsequence; very long inputs fall
// back to replacing the middle that differs.
std::vector<TextOp> diff_text(const std::string& before, const std::string& after);

}  // namespace sanding

namespace sanding {
// Whether two documents say the same thing: their non-empty paragraphs' texts, in order (the
// bytes of an .odt change on every save; what a head signs is what it says).
bool same_text(const struct Document& a, const struct Document& b);
}  // namespace sanding
