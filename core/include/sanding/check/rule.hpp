// A checking rule as the rule files state it (templates/rules/*.xml, schemas/rules.xsd): what it
// flags, where, how bad it is, what to write instead, and examples that prove it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sanding {

enum class Severity { Info, Warning, Error };
std::string_view to_string(Severity);

enum class Category { Wording, Punctuation, Numbering, Structure, Staffing, Names };
std::string_view to_string(Category);

// Where in a draft a rule applies; a paragraph carries the set of scopes it belongs to.
enum Scope : std::uint32_t {
    kScopeText = 1u << 0,  // everywhere
    kScopeTitle = 1u << 1,
    kScopeBasis = 1u << 2,
    kScopeNature = 1u << 3,
    kScopeDuties = 1u << 4,
    kScopeUnits = 1u << 5,
    kScopeStaffing = 1u << 6,
    kScopeOther = 1u << 7,
    kScopeInterpretation = 1u << 8,
    kScopeEffective = 1u << 9,
    kScopeDutyItems = 1u << 10,  // ordinary duty items
    kScopeEntrusted = 1u << 11,
    kScopeTransformation = 1u << 12,
    kScopeDivision = 1u << 13,
    kScopeUnitItems = 1u << 14,
};
using ScopeSet = std::uint32_t;
// Parses "duty-items unit-items"; returns false and names the bad token when unknown.
bool parse_scopes(std::string_view text, ScopeSet& out, std::string* bad_token);

struct Pattern {
    std::string text;  // literal or regular expression
    bool regex = false;
    std::string before, after;  // context regexes, not part of the flagged span
    // A prefilter: a cheaper expression that every match contains ("[0-9]\)" for "^[0-9]+\)";
    // "及其他" for a literal whose end, 相关工作, is in every unit's line). The scan looks for it,
    // and the pattern itself runs only on the paragraphs where it is found. Not with a literal's
    // after-context.
    std::string prefilter;
    std::string suggest;  // overrides the rule's suggestions when set
    bool has_suggest = false;
    bool halfwidth = false;  // suggestion = matched text with full-width digits made ASCII
};

// One example of a rule: paragraphs (one for pattern rules), the marked span if any, and the
// expected text after safe fixes.
struct RuleExample {
    std::vector<std::string> paragraphs;
    int mark_paragraph = -1;  // -1: no mark
    std::size_t mark_offset = 0, mark_length = 0;
    bool must_match = true;
    std::string fix;  // expected paragraph text after the safe fix ("" = not given)
    bool has_fix = false;
    std::string body;  // framework body id to check against
    int line = 0;      // in the rule file, for error messages
};

struct Rule {
    std::string id;
    std::string name;  // what it checks, in a few words (标题不加标点)
    Severity severity = Severity::Warning;
    Category category = Category::Wording;
    ScopeSet scopes = kScopeText;
    bool code = false;  // implemented in core/src/check, not by patterns
    bool safe_fix = false;
    bool defined_name_exempt = false;
    // Only for local bodies (区, 县, 市, 省): a central body (国家局, 部委) has the power the rule
    // says a local one lacks (制定 its own plans, D04).
    bool local_only = false;
    std::vector<Pattern> patterns;
    std::vector<Pattern> exceptions;
    std::vector<std::string> suggestions;
    std::string message;
    std::string source, source_url;
    std::vector<RuleExample> examples;
    std::string file;  // where it was loaded from
    int line = 0;
};

struct RuleSet {
    std::string id, name, version;
    std::vector<Rule> rules;
};

// Parses a rule file (no examples run: see load_checker). Error "rules.*" with file:line.
// Without examples, <example> and <counter-example> are passed over (rules whose examples are
// known to pass, when only the rules are wanted).
RuleSet parse_rule_set(std::string_view xml, const std::string& where, bool examples = true);

}  // namespace sanding
