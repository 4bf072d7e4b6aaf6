// The rules the extension checks with: those compiled into it, replaced by the server's when a
// server is configured (fetched in the background with an ETag, only if every example passes)
// and kept in the user profile, so that the last good rules still apply offline.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <com/sun/star/uno/XComponentContext.hpp>

#include "sanding/check/checker.hpp"

namespace sanding::plugin {

// The current checker (never null after the first call unless no rules load at all). When the
// profile's cached rules fail to load, the built-in ones are used and the status item says so.
std::shared_ptr<const Checker> current_checker();

// Where the profile keeps the server's rules: <user profile>/user/sanding-rules/.
std::string rules_cache_dir();

// GET /api/v1/rules from the configured server with If-None-Match; installs and caches newer
// rules (true). A 304 or an answer that is no good rule set leaves the current rules (false);
// ServerError when the server cannot be reached. Never on the UI thread.
bool refresh_rules();
// The same on the extension's worker, failures only shown in the status.
void refresh_rules_in_background(const css::uno::Reference<css::uno::XComponentContext>& ctx);

// The ETag of the rules in use ("" for the built-in ones).
std::string rules_etag();

}  // namespace sanding::plugin
