// Two revisions of a body compared: by article, then item, then character, as JSON for the
// workspace or as an .odt with tracked changes for Writer.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

// GET /api/v1/bodies/{id}/compare?from=N&to=M[&context=all][&format=odt]
void compare(Call& c);

}  // namespace sanding::server::api
