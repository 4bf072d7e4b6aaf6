// 设置 (server, user, password; tests the connection) and 联网状态 (asks the server for newer
// rules).
#include "api.hpp"
#include "client.hpp"
#include "command.hpp"
#include "rules.hpp"
#include "status.hpp"

namespace sanding::plugin {

Outcome settings(Invocation& inv) {
    const std::string server = inv.arg("Server"), user = inv.arg("User"),
                      password = inv.arg("Password");
    if (!server.empty()) Connection::instance().configure(server, user, password);
    Outcome o;
    // 测试连接: the server answers, and the user can log in.
    const HttpAnswer health = Connection::instance().get("/healthz");
    if (health.status != 200)
        throw ServerError{"服务器 " + Connection::instance().server() + " 未就绪（HTTP " +
                          std::to_string(health.status) + "）"};
    const api::Me me = api::me();
    o.message = "已连接服务器 " + Connection::instance().server() + "，用户 " + me.display_name;
    o.data->set("server", Connection::instance().server());
    Poco::JSON::Object::Ptr u = new Poco::JSON::Object;
    u->set("name", me.name), u->set("display_name", me.display_name), u->set("role", me.role),
        u->set("body", me.body);
    o.data->set("user", u);
    refresh_rules_in_background(inv.ctx);
    return o;
}

Outcome connection_status(Invocation&) {
    Outcome o;
    try {
        refresh_rules();
    } catch (const ServerError&) {
        o.ok = false;
    }
    o.message = status_text();
    o.data->set("online", link_status().link == Link::Online);
    o.data->set("rules_etag", rules_etag());
    return o;
}

}  // namespace sanding::plugin
