// HTTP plumbing for the API: a route table with {parameters}, JSON in and out, errors as
// {"error":{"code","message"}} with a stable code and a Chinese message, bounded request bodies.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store.hpp"

namespace sanding::server {

// An error answered to the client: HTTP status, stable code, message for a person.
struct ApiError : std::runtime_error {
    ApiError(int http_status, std::string stable_code, std::string text)
        : std::runtime_error(text),
          status(http_status),
          code(std::move(stable_code)),
          message(std::move(text)) {}
    int status;
    std::string code, message;
};

class App;

struct Call {
    Poco::Net::HTTPServerRequest& req;
    Poco::Net::HTTPServerResponse& res;
    App& app;
    std::map<std::string, std::string> params;  // from the path
    std::optional<User> user;                   // set for authenticated routes

    const std::string& param(const std::string& name) const { return params.at(name); }
    std::string query(const std::string& name) const;
    // The request body, at most `limit` bytes (413 beyond); valid UTF-8 when `text`.
    std::string body(std::size_t limit, bool text = false);
    // A JSON object with only `allowed` keys (400 for anything else).
    Poco::JSON::Object::Ptr json(const std::vector<std::string>& allowed,
                                 std::size_t limit = 64 * 1024);
    const User& me() const { return *user; }

    void send_json(int status, const Poco::Dynamic::Var& value);
    void send_bytes(int status, const std::string& content_type, const std::string& bytes);
    void send_empty(int status);
};

// 400 request.invalid_utf8 naming the offset of the first bad byte.
void require_utf8(const std::string& text);

// Field access that answers 400 naming the field.
std::string need_string(const Poco::JSON::Object::Ptr& o, const std::string& key,
                        bool required = true);
long long need_int(const Poco::JSON::Object::Ptr& o, const std::string& key);

struct Route {
    std::string method, pattern;  // e.g. GET /api/v1/bodies/{id}
    bool auth;
    std::function<void(Call&)> handle;
};

class Router : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Router(App& app, std::vector<Route> routes) : app_(app), routes_(std::move(routes)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;
    const std::vector<Route>& routes() const { return routes_; }

private:
    App& app_;
    std::vector<Route> routes_;
};

}  // namespace sanding::server
