// What every group of API handlers shares: JSON building, who may do what, how a body, a user and
// a time are shown. Handlers are grouped by resource in api_*.cpp; the route table is in api.cpp.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <string>

#include "app.hpp"
#include "http.hpp"
#include "sanding/model.hpp"
#include "sanding/permission.hpp"
#include "sanding/workflow.hpp"

namespace sanding::server::api {

inline constexpr const char* kOdt = "application/vnd.oasis.opendocument.text";

inline Poco::JSON::Object::Ptr obj() {
    return new Poco::JSON::Object;
}
std::string json_text(const Poco::Dynamic::Var& v);  // condensed

Role role_of(const User& u);  // an unknown role counts as the least privileged
// 403 (with the role and action in Chinese) unless the role may take the action on this body;
// drafters and heads only on their own body.
void require(const User& u, WorkflowAction action, const BodyRecord& b);
// 409: the action is not allowed in the body's current state.
[[noreturn]] void illegal(const BodyRecord& b, WorkflowAction a);

Poco::JSON::Object::Ptr user_json(const App& app, const User& u);

// A body as the API shows it: state (with its Chinese label), current revision, and from the
// framework its names, rank and staffing quota.
Poco::JSON::Object::Ptr body_json(App& app, const BodyRecord& b);

// Display names of the server's users, read once per request: the user name where none is known.
class People {
public:
    explicit People(App& app);
    std::string display_name(const std::string& user) const;

private:
    std::map<std::string, std::string> names_;
};

// Content-Disposition for a download named in Chinese: filename*=UTF-8'' (RFC 5987/6266) for
// browsers, with an ASCII filename for clients that know only the old form.
void attachment(Call& c, const std::string& utf8_name, const std::string& ascii_fallback);

// 机构简称 from the framework, else the body's name: how files about a body are named.
std::string short_name_of(const App& app, const BodyRecord& b);

// The {n} path parameter; 400 when it is not a revision number.
long long revision_param(const Call& c);
// Revision n of the body read back as a draft model; 404 when there is no such revision.
Regulation regulation_of(App& app, const std::string& body, long long n);

// "2026-12-03 14:05" in the server's display time zone.
std::string local_time(const App& app, const std::string& iso_utc);

}  // namespace sanding::server::api
