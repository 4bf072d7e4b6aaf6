// The extension's connection to `sanding serve`: HTTP with timeouts, JSON answers, errors that
// say which server and what failed (in Chinese, for the drafter). Called off the UI thread only.
#pragma once

#include <Poco/JSON/Object.h>

#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sanding::plugin {

struct ServerError : std::runtime_error {
    explicit ServerError(std::string text) : std::runtime_error(text), message(std::move(text)) {}
    std::string message;  // 无法连接服务器 http://…：… / 服务器拒绝：…
};

struct HttpAnswer {
    int status = 0;
    std::string content_type, body;
};

// The server address as stored: "127.0.0.1:8080" is taken as http://127.0.0.1:8080; anything
// else that is not an http URL of a host (and port) is a ServerError saying what is wrong.
std::string server_url(const std::string& given);

// Settings and the session token, shared by every window of the office process. The password is
// kept in memory for this session only, never written anywhere.
class Connection {
public:
    static Connection& instance();

    // Server and user name are remembered in the profile; the password only for this session.
    // ServerError (and nothing changed) when the server address is no good (server_url).
    void configure(const std::string& server, const std::string& user, const std::string& password);
    void set_password(const std::string& password);
    std::string server() const;
    std::string user() const;
    bool configured() const;

    // Logs in when there is no token yet; ServerError on any failure.
    HttpAnswer request(const std::string& method, const std::string& path,
                       const std::string& body = {},
                       const std::string& content_type = "application/json");
    Poco::JSON::Object::Ptr json(const std::string& method, const std::string& path,
                                 const std::string& body = {});
    using Headers = std::vector<std::pair<std::string, std::string>>;
    // A GET that needs no login (the rules, /healthz): any answer is returned, whatever its
    // status; ServerError only when the server cannot be reached.
    HttpAnswer get(const std::string& path, const Headers& headers = {}) const;
    bool verify_password(const std::string& password) const;
    // Rule categories (wording, punctuation …) the person switched off in 工具 ▸ 选项 ▸ 三定;
    // remembered in the profile with the server and user.
    std::vector<std::string> disabled_categories() const;
    bool category_disabled(const std::string& category) const;
    void set_disabled_categories(std::vector<std::string> categories);
    std::string password() const;

private:
    Connection() = default;
    void load_settings();
    void save_settings() const;
    HttpAnswer raw(const std::string& method, const std::string& path, const std::string& body,
                   const std::string& content_type, const std::string& token,
                   const Headers& headers = {}) const;
    [[noreturn]] static void unreachable(const std::string& server, const std::string& what);
    void login();
    mutable std::mutex mutex_;
    std::string server_, user_, password_, token_;
    std::vector<std::string> disabled_;
};

}  // namespace sanding::plugin
