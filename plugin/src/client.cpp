#include "client.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "profile.hpp"
#include "status.hpp"

namespace sanding::plugin {

namespace {
// Server address and user name, remembered in the profile (never the password).
std::string settings_file() {
    const std::string user = profile_user_dir();
    return user.empty() ? user : user + "/sanding-settings.json";
}
}  // namespace

Connection& Connection::instance() {
    static Connection c;
    static std::once_flag once;
    std::call_once(once, [] { c.load_settings(); });
    return c;
}

void Connection::load_settings() {
    try {
        std::ifstream in(settings_file());
        if (!in) return;
        auto o = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
        std::lock_guard<std::mutex> lock(mutex_);
        server_ = o->optValue<std::string>("server", "");
        user_ = o->optValue<std::string>("user", "");
        disabled_.clear();
        if (auto list = o->getArray("disabled_categories"))
            for (std::size_t i = 0; i < list->size(); ++i)
                disabled_.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
    } catch (const std::exception&) {
        // An unreadable settings file is as if there were none: 三定 ▸ 设置 writes a new one.
    }
}

std::string server_url(const std::string& given) {
    std::string s = given;
    while (!s.empty() && s.back() == ' ') s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    if (s.empty()) throw ServerError{"服务器地址为空；请填写如 http://127.0.0.1:8080"};
    // "127.0.0.1:8080" or "sanding.example" is meant as http://…
    if (s.find("://") == std::string::npos) s = "http://" + s;
    Poco::URI uri;
    try {
        uri = Poco::URI(s);
    } catch (const Poco::Exception&) {
        throw ServerError{"服务器地址“" + given + "”无效；请填写如 http://127.0.0.1:8080"};
    }
    if (uri.getScheme() != "http")
        throw ServerError{"服务器地址“" + given + "”应以 http:// 开头（扩展只支持 http）"};
    if (uri.getHost().empty())
        throw ServerError{"服务器地址“" + given + "”缺少主机名；请填写如 http://127.0.0.1:8080"};
    if (!uri.getPath().empty() && uri.getPath() != "/")
        throw ServerError{"服务器地址“" + given + "”只应包含主机和端口，如 http://127.0.0.1:8080"};
    return "http://" + uri.getHost() + ":" + std::to_string(uri.getPort());
}

void Connection::configure(const std::string& server, const std::string& user,
                           const std::string& password) {
    const std::string url = server_url(server);  // throws before anything is changed
    {
        std::lock_guard<std::mutex> lock(mutex_);
        server_ = url;
        user_ = user;
        password_ = password;
        token_.clear();
    }
    save_settings();
}

void Connection::save_settings() const {
    Poco::JSON::Object o;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        o.set("server", server_);
        o.set("user", user_);
        if (!disabled_.empty()) {
            Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
            for (const auto& c : disabled_) list->add(c);
            o.set("disabled_categories", list);
        }
    }
    if (const std::string file = settings_file(); !file.empty()) {
        std::ofstream out(file + ".new");
        o.stringify(out);
        out.close();
        std::error_code ec;  // a profile that cannot be written only means nothing is remembered
        if (out) std::filesystem::rename(file + ".new", file, ec);
    }
}

std::vector<std::string> Connection::disabled_categories() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return disabled_;
}
bool Connection::category_disabled(const std::string& category) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::find(disabled_.begin(), disabled_.end(), category) != disabled_.end();
}
void Connection::set_disabled_categories(std::vector<std::string> categories) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        disabled_ = std::move(categories);
    }
    save_settings();
}

void Connection::set_password(const std::string& password) {
    std::lock_guard<std::mutex> lock(mutex_);
    password_ = password;
    token_.clear();
}

std::string Connection::server() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return server_;
}
std::string Connection::user() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return user_;
}
std::string Connection::password() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return password_;
}
bool Connection::configured() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !server_.empty() && !user_.empty();
}
bool Connection::verify_password(const std::string& password) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return password == password_;
}

HttpAnswer Connection::raw(const std::string& method, const std::string& path,
                           const std::string& body, const std::string& content_type,
                           const std::string& token, const Headers& headers) const {
    const std::string server = this->server();
    if (server.empty()) {
        report_not_configured();
        throw ServerError{"尚未设置服务器地址（三定 ▸ 设置）"};
    }
    try {
        Poco::URI uri(server + path);
        Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
        // Never wait long: a server that is down or slow gives a message, not a frozen Writer.
        session.setTimeout(Poco::Timespan(10, 0), Poco::Timespan(10, 0), Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest req(method, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        if (!token.empty()) req.set("Authorization", "Bearer " + token);
        for (const auto& [name, value] : headers) req.set(name, value);
        if (!body.empty() || method == "POST") {
            req.setContentType(content_type);
            req.setContentLength64(static_cast<Poco::Int64>(body.size()));
        }
        std::ostream& out = session.sendRequest(req);
        out.write(body.data(), static_cast<std::streamsize>(body.size()));
        Poco::Net::HTTPResponse res;
        std::istream& in = session.receiveResponse(res);
        HttpAnswer a;
        a.status = res.getStatus();
        a.content_type = res.getContentType();
        Poco::StreamCopier::copyToString(in, a.body);
        report_online(server);  // it answered, whatever it said
        return a;
    } catch (const Poco::Exception& e) {
        unreachable(server, e.displayText());
    } catch (const std::exception& e) {
        unreachable(server, e.what());
    }
}

// The server did not answer: the status says so, and the command that asked is told.
[[noreturn]] void Connection::unreachable(const std::string& server, const std::string& what) {
    report_offline(server, "无法连接 " + server + "：" + what);
    throw ServerError{"无法连接服务器 " + server + "：" + what};
}

namespace {
std::string server_message(const HttpAnswer& a) {
    try {
        auto o = Poco::JSON::Parser().parse(a.body).extract<Poco::JSON::Object::Ptr>();
        return o->getObject("error")->getValue<std::string>("message");
    } catch (...) {
        return "HTTP " + std::to_string(a.status);
    }
}
}  // namespace

HttpAnswer Connection::get(const std::string& path, const Headers& headers) const {
    return raw("GET", path, {}, {}, {}, headers);
}

void Connection::login() {
    if (server().empty()) {
        report_not_configured();
        throw ServerError{"尚未设置服务器地址（三定 ▸ 设置）"};
    }
    if (user().empty()) throw ServerError{"尚未设置登录名（三定 ▸ 设置）"};
    if (password().empty())
        throw ServerError{"尚未输入 " + user() + " 在服务器 " + server() +
                          " 的密码（三定 ▸ 设置）"};
    Poco::JSON::Object o;
    o.set("username", user());
    o.set("password", password());
    std::ostringstream s;
    o.stringify(s);
    HttpAnswer a = raw("POST", "/api/v1/login", s.str(), "application/json", {});
    if (a.status != 200)
        throw ServerError{"服务器 " + server() + " 拒绝登录：" + server_message(a)};
    auto r = Poco::JSON::Parser().parse(a.body).extract<Poco::JSON::Object::Ptr>();
    std::lock_guard<std::mutex> lock(mutex_);
    token_ = r->getValue<std::string>("token");
}

HttpAnswer Connection::request(const std::string& method, const std::string& path,
                               const std::string& body, const std::string& content_type) {
    std::string token;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        token = token_;
    }
    if (token.empty()) {
        login();
        std::lock_guard<std::mutex> lock(mutex_);
        token = token_;
    }
    HttpAnswer a = raw(method, path, body, content_type, token);
    if (a.status == 401) {  // expired: log in once more
        login();
        std::lock_guard<std::mutex> lock(mutex_);
        token = token_;
        a = raw(method, path, body, content_type, token);
    }
    if (a.status >= 400) throw ServerError{"服务器 " + server() + " 拒绝：" + server_message(a)};
    return a;
}

Poco::JSON::Object::Ptr Connection::json(const std::string& method, const std::string& path,
                                         const std::string& body) {
    HttpAnswer a = request(method, path, body);
    try {
        return Poco::JSON::Parser().parse(a.body).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw ServerError{"服务器 " + server() + " 的回答不是预期的 JSON"};
    }
}

}  // namespace sanding::plugin
