// Where the extension keeps what outlives a session: the office's own user profile
// (<profile>/user/…), so that each LibreOffice profile — and each test's — has its own.
#pragma once

#include <string>

namespace sanding::plugin {

// <profile>/user, or "" when the office cannot say.
std::string profile_user_dir();

}  // namespace sanding::plugin
