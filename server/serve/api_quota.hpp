// A revision's staffing set against the body's quota in the framework, for the reviewer's table.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

// GET /api/v1/bodies/{id}/revisions/{n}/quota:
// {"lines":[{label, framework, draft, verdict, verdict_label}], "all_match": bool}
void revision_quota(Call& c);

}  // namespace sanding::server::api
