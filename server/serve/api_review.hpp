// The review loop over HTTP: submit, return (with comments tied to places in the draft),
// approve, the queue of drafts waiting, and each body's revision history as users read it.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "http.hpp"

namespace sanding::server::api {

void submit(Call& c);  // POST /api/v1/bodies/{id}/submit
void return_draft(
    Call& c);  // POST /api/v1/bodies/{id}/return {"comment","comments":[{article,quote,text}]}
void approve(Call& c);         // POST /api/v1/bodies/{id}/approve {"comment"?}
void queue(Call& c);           // GET /api/v1/queue: submitted drafts, longest waiting first
void list_revisions(Call& c);  // GET /api/v1/bodies/{id}/revisions: the history below

// Every revision of the body, oldest first, each with its state, author, local time, reviews and
// sign-off; plus the body's reviews and sign-off on their own (for GET /bodies/{id}).
struct History {
    Poco::JSON::Array::Ptr revisions, reviews;
    Poco::JSON::Object::Ptr signoff;  // null when unsigned
};
History history(App& app, const BodyRecord& b);

}  // namespace sanding::server::api
