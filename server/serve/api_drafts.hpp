// Bodies, their drafts and revisions: listing what a user may see, a draft made from the model
// text, revisions uploaded and read back with their findings, and the head's sign-off.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

void list_bodies(Call& c);      // GET /api/v1/bodies: those the user may see
void get_body(Call& c);         // GET /api/v1/bodies/{id}: with its history
void create_draft(Call& c);     // POST /api/v1/bodies/{id}/drafts: from the model text
void upload_revision(Call& c);  // POST /api/v1/bodies/{id}/revisions (an .odt)
void get_revision(Call& c);     // GET /api/v1/bodies/{id}/revisions/{n}: its .odt
void get_findings(Call& c);     // GET /api/v1/bodies/{id}/revisions/{n}/findings
void signoff(Call& c);          // POST /api/v1/bodies/{id}/signoff {"revision","password"}

}  // namespace sanding::server::api
