// The server's staffing quota framework, for 检查全文: fetched with the rules (in the background,
// only when logged in) and kept in the profile, so that the open document is checked
// against the body's quota as the server checks it, offline too.
#pragma once

#include <memory>

#include "sanding/framework.hpp"

namespace sanding::plugin {

// The framework last fetched (this session or an earlier one); null when there never was one.
std::shared_ptr<const Framework> current_framework();

// GET /api/v1/framework; true when a newer one was installed. ServerError when unreachable or
// not logged in; an answer that is no framework leaves the current one. Never on the UI thread.
bool refresh_framework();

}  // namespace sanding::plugin
