// The code rules (check="code" in a rule file), all registered here: rule id → the function that
// implements it and its source file, which `sanding rules list` shows. A new code rule is a
// function in the rules_*.cpp of its part, one SANDING_CODE_RULE line in that file's add_*
// function, and its <rule check="code"> with examples in templates/rules (docs/rules.md).
#pragma once

#include <string_view>
#include <vector>

#include "context.hpp"
#include "sanding/model.hpp"

namespace sanding {

// A rule that looks at the whole draft (its model and paragraphs) and emits what it finds.
struct CodeRule {
    const char* id;
    void (*run)(const CheckContext&);
    const char* function;  // its name in the source, for people looking for it
    const char* file;      // __FILE__ of that source
};

// A rule that needs only one paragraph (also run on the proofreader's path).
struct ParagraphRule {
    const char* id;
    void (*run)(const ParagraphFacts& paragraph, const ParagraphEmit& emit);
    const char* function;
    const char* file;
};

#define SANDING_CODE_RULE(id, fn) \
    ::sanding::CodeRule {         \
        id, fn, #fn, __FILE__     \
    }
#define SANDING_PARAGRAPH_RULE(id, fn) \
    ::sanding::ParagraphRule {         \
        id, fn, #fn, __FILE__          \
    }

// Every code rule and every paragraph rule, in registration order.
const std::vector<CodeRule>& code_rules();
const std::vector<ParagraphRule>& paragraph_rules();

// Whether a code rule applies to a text of that layout: every rule to the article form; to the
// chapter form only its staffing rules (N*) and S17, which names the layout; to a text that is no
// 三定 regulation only S18, which says so (the pattern rules of wording and punctuation run on
// every text).
bool applies_to_layout(std::string_view rule_id, Layout layout);

// Each part's rules, registered by its own file.
namespace detail {
void add_structure_rules(std::vector<CodeRule>& v);       // rules_structure.cpp
void add_item_rules(std::vector<CodeRule>& v);            // rules_items.cpp
void add_staffing_rules(std::vector<CodeRule>& v);        // rules_staffing.cpp
void add_name_rules(std::vector<CodeRule>& v);            // rules_names.cpp
void add_paragraph_rules(std::vector<ParagraphRule>& v);  // rules_paragraph.cpp
}  // namespace detail

}  // namespace sanding
