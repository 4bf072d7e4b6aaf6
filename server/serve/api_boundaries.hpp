// Duty boundaries across bodies over HTTP: the overlaps and gaps of every body's latest revision.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

// GET /api/v1/boundaries[?min_score=S][&format=json|odt]: reviewers, the coordination office and
// administrators; the report of core's find_boundaries as JSON plus the bodies compared, or the
// meeting paper 职责边界协调会议材料 (.odt) generated from it.
void boundaries(Call& c);

}  // namespace sanding::server::api
