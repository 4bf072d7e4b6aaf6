// Comparing two revisions: articles aligned by what they say (an inserted article is one
// insertion, not every later article changed), items within an article by their content without
// their number (（一）…: an inserted unit is one insertion, the units after it only renumbered),
// an edited item paired with its old self by similarity, and changed items character by character.
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
    // Same: the same content; before and after may differ in the item number only.
    enum Kind { Same, Changed, Added, Removed } kind = Same;
    std::string before, after;
    std::vector<TextOp> ops;  // for Changed: character-level edits turning before into after
};

struct ArticleDiff {
    int number = 0;         // 第X条 of the newer revision (0 when removed)
    int before_number = 0;  // 第X条 of the older revision (0 when added)
    std::string label;      // 第六条, 第六条（原第五条）, 原第五条 (removed)
    enum Kind { Same, Changed, Added, Removed } kind = Same;
    std::vector<ParagraphDiff> paragraphs;
};

struct RegulationDiff {
    bool title_changed = false;
    std::string title_before, title_after;
    std::vector<ArticleDiff> articles;
    int changed_articles() const;
};

// Error diff.too_large when either sequence is too long to align (the time is quadratic).
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
