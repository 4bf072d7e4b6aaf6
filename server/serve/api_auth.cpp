#include "api_auth.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPCookie.h>

#include "api_util.hpp"
#include "app.hpp"
#include "sanding/crypto.hpp"

namespace sanding::server::api {
namespace {

using Poco::JSON::Object;

}  // namespace

void login(Call& c) {
    auto o = c.json({"username", "password", "session"});
    const std::string name = need_string(o, "username"), password = need_string(o, "password");
    const bool session =
        o->has("session") && o->get("session").isBoolean() && o->getValue<bool>("session");
    const std::string address = c.req.clientAddress().host().toString();
    c.app.login_guard().admit(address, name);
    auto u = c.app.store().user(name);
    // An unknown name is checked against a dummy hash: refused after the same work as a known one.
    if (!crypto::verify_password(password, u ? u->password_hash : c.app.dummy_hash()) || !u) {
        c.app.login_guard().failed(address, name, u.has_value());
        throw ApiError{401, "auth.bad_credentials", "用户名或密码不正确"};
    }
    c.app.login_guard().succeeded(u->name);
    const std::string token = c.app.store().issue_token(u->name, c.app.config().token_ttl_seconds);
    auto r = obj();
    r->set("expires_in", c.app.config().token_ttl_seconds);
    r->set("user", user_json(c.app, *u));
    if (session) {
        // The browser gets the token only as an HttpOnly cookie: a script on the page cannot read
        // it.
        Poco::Net::HTTPCookie cookie(kSessionCookie, token);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
        cookie.setSecure(c.req.secure());
        cookie.setMaxAge(static_cast<int>(c.app.config().token_ttl_seconds));
        c.res.addCookie(cookie);
        r->set("csrf", csrf_token(token));
    } else {
        r->set("token", token);
    }
    c.send_json(200, r);
}

void logout(Call& c) {
    const std::string auth = c.req.get("Authorization", "");
    const std::string token =
        auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : session_cookie(c.req);
    c.app.revoke(token);
    Poco::Net::HTTPCookie gone(kSessionCookie, "");
    gone.setPath("/");
    gone.setHttpOnly(true);
    gone.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    gone.setMaxAge(0);
    c.res.addCookie(gone);
    c.send_empty(204);
}

void me(Call& c) {
    auto o = user_json(c.app, c.me());
    if (c.req.get("Authorization", "").empty()) o->set("csrf", csrf_token(session_cookie(c.req)));
    c.send_json(200, o);
}

}  // namespace sanding::server::api
