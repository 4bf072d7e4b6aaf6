// After the 职责边界协调会: whether each body's draft states what the meeting decided.
#include <algorithm>

#include "index.hpp"
#include "sanding/boundaries.hpp"

namespace sanding {
namespace {
using namespace boundaries_detail;

const BoundaryDraft* find_draft(const std::vector<BoundaryDraft>& drafts, const std::string& body) {
    for (const auto& d : drafts)
        if (d.body == body) return &d;
    return nullptr;
}

std::vector<std::string> names_of(const BoundaryDraft* d, const std::string& id,
                                  const std::string& name) {
    std::vector<std::string> out{id, name};
    if (!d) return out;
    out.push_back(d->name);
    for (const auto& a : d->aliases)
        if (!a.empty()) out.push_back(a);
    return out;
}

// Does the draft's 有关职责分工 name one of `other` and say the duty?
bool states(const BoundaryDraft& draft, const std::vector<std::string>& other,
            const std::string& duty, double cover) {
    for (const DutyItem& item : draft.regulation.duty_items) {
        if (item.role != DutyItemRole::Division) continue;
        // Clauses are “1.与…” lines; a clause without the other body's name says nothing of it.
        std::size_t from = 0;
        while (from <= item.text.size()) {
            std::size_t end = item.text.find('\n', from);
            if (end == std::string::npos) end = item.text.size();
            std::string clause = item.text.substr(from, end - from);
            from = end + 1;
            bool named = false;
            for (const auto& n : other) {
                for (std::size_t at; !n.empty() && (at = clause.find(n)) != std::string::npos;) {
                    clause.erase(at, n.size());  // names would outweigh the duty
                    named = true;
                }
            }
            if (!named) continue;
            DutyIndex idx;
            const std::size_t a = idx.add(0, SourceKind::Item, 0, clause);
            const std::size_t b = idx.add(1, SourceKind::Item, 0, duty);
            idx.build();
            const double m = std::min(idx.entry(a).norm2, idx.entry(b).norm2);
            if (m > 0 && idx.dot(idx.entry(a), idx.entry(b)) / m >= cover) return true;
        }
    }
    return false;
}

}  // namespace

std::vector<std::string> decision_pending(const std::vector<BoundaryDraft>& drafts,
                                          const BoundaryDecision& decision,
                                          const BoundaryOptions& options) {
    std::vector<std::string> pending;
    const BoundaryDraft* lead = find_draft(drafts, decision.lead);
    const BoundaryDraft* support = find_draft(drafts, decision.support);
    if (!lead || !states(*lead, names_of(support, decision.support, decision.support_name),
                         decision.duty, options.cover_score))
        pending.push_back(decision.lead);
    if (!support || !states(*support, names_of(lead, decision.lead, decision.lead_name),
                            decision.duty, options.cover_score))
        pending.push_back(decision.support);
    return pending;
}

}  // namespace sanding
