// The browser workspace (工作台): its page and assets, compiled into the binary from server/web/,
// served with a Content-Security-Policy that allows no inline script and nothing from elsewhere;
// and the revision text the draft page shows beside its findings. Everything else the pages do
// goes through the same JSON API as every other client.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "http.hpp"

namespace sanding::server {

const std::vector<std::pair<std::string, std::string>>&
web_assets();  // file name → content (generated)

namespace api {
void web_index(Call& c);      // GET /: the workspace's single page
void web_asset(Call& c);      // GET /web/{file}: its script and style sheet; 404 for anything else
void revision_text(Call& c);  // GET /api/v1/bodies/{id}/revisions/{n}/text: {"paragraphs":[…]}
}  // namespace api

}  // namespace sanding::server
