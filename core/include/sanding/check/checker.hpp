// The checker: phrasing rules (one Vectorscan pass per paragraph), structure, staffing, names
// and numbering rules over the draft model, staffing against the framework. Findings come
// sorted by paragraph and offset.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sanding/check/finding.hpp"
#include "sanding/check/rule.hpp"
#include "sanding/document.hpp"
#include "sanding/framework.hpp"
#include "sanding/model.hpp"

namespace sanding {

class PhraseMatcher;

struct CheckOptions {
    const Framework* framework = nullptr;  // staffing checked against it when given
    std::string body_id;                   // the body in the framework; found by name when empty
};

// What a check found, with the model it read (for callers that show both).
struct CheckResult {
    std::vector<Finding> findings;  // in document order: by paragraph, then offset
    Regulation regulation;
    const BodyFacts* body = nullptr;  // the framework body the draft was checked against
};

class Checker {
public:
    // Compiles the rules (Error rules.* when a pattern does not compile, a code rule is unknown,
    // or two sets define the same id). Examples are not run: see verify_examples.
    explicit Checker(std::vector<RuleSet> sets);
    ~Checker();
    Checker(Checker&&) noexcept;

    // A document holding several drafts one after another is checked draft by draft.
    CheckResult check(const Document& doc, const CheckOptions& options = {}) const;
    // The same for paragraphs whose text the caller owns (see ParagraphView).
    CheckResult check(ParagraphSpan paragraphs, const CheckOptions& options = {}) const;

    // The proofreader's path: one paragraph on its own, phrasing rules only, its scopes guessed
    // from its text (an item marker makes it a duty or unit item).
    std::vector<Finding> check_paragraph(std::string_view text) const;

    // Runs every rule's examples; throws Error rules.example_failed naming the rule, its file and
    // line, the example and what went wrong. framework: for examples with body="…".
    void verify_examples(const Framework* framework) const;

    // One line per failing example (empty when all pass), for `sanding rules test`.
    std::vector<std::string> example_failures(const Framework* framework) const;

    const std::vector<Rule>& rules() const { return rules_; }
    const std::vector<RuleSet>& sets() const { return sets_; }
    const Rule* find_rule(std::string_view id) const;  // nullptr when no loaded rule has that id

private:
    void check_draft(ParagraphSpan paragraphs, const CheckOptions& options,
                     CheckResult& result) const;
    std::string example_failure(const Rule& rule, const RuleExample& ex, const Framework* fw) const;

    std::vector<RuleSet> sets_;
    std::vector<Rule> rules_;  // all sets' rules, in order
    std::map<std::string, const Rule*, std::less<>> by_id_;
    std::vector<std::pair<const struct ParagraphRule*, const Rule*>> paragraph_rules_;
    std::vector<const struct CodeRule*> code_rules_;
    std::unique_ptr<PhraseMatcher> matcher_;
};

// Loads rule files, compiles them and runs their examples; all files are read before any is
// parsed. With a code_id (what identifies the calling program's code, e.g. its build id) a pass is
// remembered in the cache directory, and when these rule files, this framework and this code_id
// passed before the examples are not even read (the rules' examples lists are empty). Errors
// rules.* naming file:line; rules.example_failed when an example fails (nothing remembered).
Checker load_checker(const std::vector<std::string>& rule_files, const Framework* framework,
                     std::string_view code_id = {});

// Where a code rule (check="code") is implemented, to find it in one step: its source file, from
// the repository root (core/src/check/rules_items.cpp), and its function.
struct CodeRuleSource {
    std::string file;
    std::string function;
};
// Empty when no code rule has that id (a pattern rule is found at its Rule::file and line).
std::optional<CodeRuleSource> code_rule_source(std::string_view id);

// Every *.xml file of a directory, sorted.
std::vector<std::string> rule_files_in(const std::string& dir);

}  // namespace sanding
