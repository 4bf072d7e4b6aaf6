// Findings of pattern and paragraph rules, and their last touches before a check returns them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/matcher.hpp"
#include "code_rules.hpp"
#include "context.hpp"
#include "sanding/check/finding.hpp"
#include "sanding/check/rule.hpp"
#include "sanding/document.hpp"
#include "sanding/model.hpp"

namespace sanding {

// The paragraph rules the loaded sets have, with their rule (looked up once, not per paragraph).
using EnabledParagraphRules = std::vector<std::pair<const ParagraphRule*, const Rule*>>;
EnabledParagraphRules enabled_paragraph_rules(
    const std::function<const Rule*(std::string_view)>& lookup);

// A finding of `rule` at a span; code rules' suggestions replace the rule's when given, and
// `detail` fills the message's {detail}.
Finding finding_of(const Rule& rule, int paragraph, std::size_t offset, std::size_t length,
                   std::string_view detail, std::vector<std::string> suggestions);

// Pattern findings of one paragraph from its raw matches (sorted here): only rules that apply to
// its scopes, leftmost-longest per rule, nothing inside a placeholder, the body's own names
// exempt where the rule says so; only_rule >= 0 keeps that rule's alone.
void phrase_findings(std::vector<RawMatch>& raw, const std::vector<Rule>& rules,
                     std::string_view text, int paragraph, ScopeSet scopes, const Body* body,
                     int only_rule, std::vector<Finding>& out, std::uint8_t marks = kMarksUnknown);

// Runs the paragraph rules over paragraphs one at a time, with one emitter for all of them.
class ParagraphRuleRunner {
public:
    ParagraphRuleRunner(const EnabledParagraphRules& enabled, std::vector<Finding>& out);
    void run(const ParagraphFacts& p, int paragraph);

private:
    const EnabledParagraphRules& enabled_;
    const Rule* rule_ = nullptr;
    int paragraph_ = 0;
    const ParagraphEmit emit_;
};

// The paragraph rules' findings of one paragraph with the given scopes.
void paragraph_rule_findings(const EnabledParagraphRules& enabled, std::string_view text,
                             int paragraph, ScopeSet scopes, std::vector<Finding>& out);

// Overlaps across rules: two safe fixes cannot both apply to overlapping text, so a safe
// finding inside a longer safe finding is dropped; identical reports are merged. Sorts fs by
// paragraph and offset.
void resolve_overlaps(std::vector<Finding>& fs);

// Fills each finding's UTF-16 offsets, line, column and article label (none when info is empty).
void fill_positions(std::vector<Finding>& fs, ParagraphSpan ps, const Regulation& reg,
                    const std::vector<ParagraphInfo>& info);

}  // namespace sanding
