// The HTTP API, one table of routes; each handler checks who asks, asks core and the store, and
// answers JSON. Handlers live in api_*.cpp by resource; workflow rules are core's
// (sanding/workflow.hpp), not decided here.
#include <Poco/JSON/Object.h>

#include "api_auth.hpp"
#include "api_board.hpp"
#include "api_boundaries.hpp"
#include "api_collect.hpp"
#include "api_compare.hpp"
#include "api_drafts.hpp"
#include "api_framework.hpp"
#include "api_quota.hpp"
#include "api_review.hpp"
#include "api_texts.hpp"
#include "api_util.hpp"
#include "api_web.hpp"
#include "app.hpp"

namespace sanding::server {
namespace {

using namespace api;

void healthz(Call& c) {
    auto o = obj();
    o->set("status", "ok");
    o->set("database", c.app.store().db().postgres() ? "postgresql" : "sqlite");
    c.app.store().ping();
    c.send_json(200, o);
}

// The fingerprint users compare with `sanding verify`'s, in a header beside the PEM.
void get_public_key(Call& c) {
    c.res.set("X-Key-Fingerprint", c.app.key_fingerprint());
    c.send_bytes(200, "application/x-pem-file", c.app.public_key());
}

}  // namespace

std::vector<Route> App::routes() {
    return {
        {"GET", "/", false, api::web_index},
        {"GET", "/web/{file}", false, api::web_asset},
        {"GET", "/healthz", false, healthz},
        {"POST", "/api/v1/login", false, login},
        {"POST", "/api/v1/logout", true, logout},
        {"GET", "/api/v1/me", true, me},
        {"GET", "/api/v1/bodies", true, list_bodies},
        {"GET", "/api/v1/bodies/{id}", true, get_body},
        {"POST", "/api/v1/bodies/{id}/drafts", true, create_draft},
        {"GET", "/api/v1/bodies/{id}/revisions", true, list_revisions},
        {"POST", "/api/v1/bodies/{id}/revisions", true, upload_revision},
        {"GET", "/api/v1/bodies/{id}/revisions/{n}", true, get_revision},
        {"GET", "/api/v1/bodies/{id}/revisions/{n}/findings", true, get_findings},
        {"GET", "/api/v1/bodies/{id}/revisions/{n}/text", true, api::revision_text},
        {"GET", "/api/v1/bodies/{id}/revisions/{n}/quota", true, api::revision_quota},
        {"GET", "/api/v1/bodies/{id}/compare", true, compare},
        {"POST", "/api/v1/bodies/{id}/submit", true, submit},
        {"POST", "/api/v1/bodies/{id}/return", true, return_draft},
        {"POST", "/api/v1/bodies/{id}/approve", true, approve},
        {"POST", "/api/v1/bodies/{id}/signoff", true, signoff},
        {"GET", "/api/v1/model-texts", true, list_model_texts},
        {"GET", "/api/v1/model-texts/{kind}", true, get_model_text},
        {"GET", "/api/v1/rules", false, get_rules},
        {"POST", "/api/v1/check", true, check_text},
        {"GET", "/api/v1/queue", true, api::queue},
        {"GET", "/api/v1/framework", true, api::get_framework},
        {"GET", "/api/v1/boundaries", true, api::boundaries},
        {"GET", "/api/v1/boundaries/decisions", true, api::list_decisions},
        {"POST", "/api/v1/boundaries/decisions", true, api::record_decision},
        {"GET", "/api/v1/board", true, api::board},
        {"GET", "/api/v1/board.ods", true, api::board_ods},
        {"POST", "/api/v1/collect", true, api::collect},
        {"GET", "/api/v1/bundle", true, api::bundle},
        {"GET", "/api/v1/audit", true, api::audit_log},
        {"GET", "/api/v1/public-key", false, get_public_key},
    };
}

}  // namespace sanding::server
