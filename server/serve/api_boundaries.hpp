// Duty boundaries across bodies over HTTP: the overlaps and gaps of every body's latest revision.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

// GET /api/v1/boundaries[?min_score=S][&format=json|odt]: reviewers, the coordination office and
// administrators; the report of core's find_boundaries as JSON plus the bodies compared, or the
// meeting paper 职责边界协调会议材料 (.odt) generated from it.
void boundaries(Call& c);
// POST /api/v1/boundaries/decisions {"lead","support","duty","comment"?}: reviewers record what the
// 职责边界协调会 decided; written to the audit log (which is the record: append-only,
// hash-chained).
void record_decision(Call& c);
// GET /api/v1/boundaries/decisions: the decisions, oldest first, each with a finding for each of
// the two bodies whose latest draft's 有关职责分工 does not state it yet; drafters and heads see
// those of their own body.
void list_decisions(Call& c);
// A revision's findings (the report JSON stored at upload) with one error finding D15 for each
// decision of the 职责边界协调会 involving body b that this revision's 有关职责分工 does not state
// yet; the stored JSON as it is when there is none.
std::string findings_with_decisions(App& app, const BodyRecord& b, const std::string& bytes,
                                    const std::string& findings_json);

}  // namespace sanding::server::api
