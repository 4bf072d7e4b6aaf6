#include "config.hpp"

#include <fstream>

#include "sanding/clock.hpp"
#include "sanding/error.hpp"
#include "sanding/text.hpp"

namespace sanding::server {

namespace {
long long integer(const std::string& key, const std::string& value, const std::string& where,
                  long long min, long long max) {
    if (value.empty() || value.size() > 12 ||
        value.find_first_not_of("0123456789") != std::string::npos)
        throw Error("config.bad_value", "配置项 " + key + " 应为整数，而不是“" + value + "”",
                    where);
    long long v = std::stoll(value);
    if (v < min || v > max)
        throw Error("config.bad_value",
                    "配置项 " + key + " 应在 " + std::to_string(min) + " 到 " +
                        std::to_string(max) + " 之间",
                    where);
    return v;
}
}  // namespace

void set_config(ServerConfig& c, const std::string& key, const std::string& value,
                const std::string& where) {
    if (key == "server.listen") {
        if (value.rfind(':') == std::string::npos)
            throw Error("config.bad_value", "server.listen 应为 地址:端口", where);
        c.listen = value;
    } else if (key == "server.threads")
        c.threads = static_cast<int>(integer(key, value, where, 1, 512));
    else if (key == "server.max_queued")
        c.max_queued = static_cast<int>(integer(key, value, where, 1, 65536));
    else if (key == "server.header_timeout_seconds")
        c.header_timeout_seconds = static_cast<int>(integer(key, value, where, 1, 600));
    else if (key == "server.idle_timeout_seconds")
        c.idle_timeout_seconds = static_cast<int>(integer(key, value, where, 1, 3600));
    else if (key == "server.max_connections")
        c.max_connections = static_cast<int>(integer(key, value, where, 1, 1000000));
    else if (key == "login.free_failures")
        c.login_free_failures = static_cast<int>(integer(key, value, where, 1, 1000));
    else if (key == "login.lock_after")
        c.login_lock_after = static_cast<int>(integer(key, value, where, 1, 100000));
    else if (key == "login.address_free_failures")
        c.login_address_free_failures = static_cast<int>(integer(key, value, where, 1, 100000));
    else if (key == "login.max_backoff_seconds")
        c.login_max_backoff_seconds = static_cast<int>(integer(key, value, where, 1, 86400));
    else if (key == "login.window_seconds")
        c.login_window_seconds = static_cast<int>(integer(key, value, where, 1, 86400));
    else if (key == "server.drain_seconds")
        c.drain_seconds = static_cast<int>(integer(key, value, where, 0, 600));
    else if (key == "db.url")
        c.db = value;
    else if (key == "db.sessions")
        c.db_sessions = static_cast<int>(integer(key, value, where, 1, 256));
    else if (key == "limits.upload_bytes")
        c.max_upload_bytes = integer(key, value, where, 1024, 1LL << 30);
    else if (key == "auth.token_ttl_seconds")
        c.token_ttl_seconds = integer(key, value, where, 60, 30LL * 86400);
    else if (key == "auth.token_cache_seconds")
        c.token_cache_seconds = static_cast<int>(integer(key, value, where, 0, 60));
    else if (key == "check.cache_bytes")
        c.check_cache_bytes = integer(key, value, where, 0, 1LL << 32);
    else if (key == "log.level") {
        if (value != "error" && value != "info" && value != "debug")
            throw Error("config.bad_value", "log.level 应为 error、info 或 debug", where);
        c.log_level = value;
    } else if (key == "display.time_zone") {
        if (!known_time_zone(value))
            throw Error("config.bad_value",
                        "display.time_zone 应为时区名（如 Asia/Shanghai），而不是“" + value + "”",
                        where);
        c.time_zone = value;
    } else if (key == "signing.key_file") {
        c.key_file = value;
    } else {
        throw Error("config.unknown_key", "未知的配置项：" + key, where);
    }
}

std::vector<std::pair<std::string, std::string>> config_values(const ServerConfig& c) {
    return {{"server.listen", c.listen},
            {"server.threads", std::to_string(c.threads)},
            {"server.max_queued", std::to_string(c.max_queued)},
            {"server.header_timeout_seconds", std::to_string(c.header_timeout_seconds)},
            {"server.idle_timeout_seconds", std::to_string(c.idle_timeout_seconds)},
            {"server.max_connections", std::to_string(c.max_connections)},
            {"server.drain_seconds", std::to_string(c.drain_seconds)},
            {"login.free_failures", std::to_string(c.login_free_failures)},
            {"login.lock_after", std::to_string(c.login_lock_after)},
            {"login.address_free_failures", std::to_string(c.login_address_free_failures)},
            {"login.max_backoff_seconds", std::to_string(c.login_max_backoff_seconds)},
            {"login.window_seconds", std::to_string(c.login_window_seconds)},
            {"db.url", c.db},
            {"db.sessions", std::to_string(c.db_sessions)},
            {"limits.upload_bytes", std::to_string(c.max_upload_bytes)},
            {"auth.token_ttl_seconds", std::to_string(c.token_ttl_seconds)},
            {"auth.token_cache_seconds", std::to_string(c.token_cache_seconds)},
            {"check.cache_bytes", std::to_string(c.check_cache_bytes)},
            {"log.level", c.log_level},
            {"display.time_zone", c.time_zone},
            {"signing.key_file", c.key_file}};
}

void load_config_file(const std::string& path, ServerConfig& c) {
    std::ifstream in(path);
    if (!in) throw Error("config.cannot_open", "无法打开配置文件", path);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        std::string_view t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        auto eq = t.find('=');
        if (eq == std::string_view::npos)
            throw Error("config.syntax", "应为“键 = 值”：" + std::string(t),
                        path + ":" + std::to_string(n));
        set_config(c, std::string(trim(t.substr(0, eq))), std::string(trim(t.substr(eq + 1))),
                   path + ":" + std::to_string(n));
    }
}

}  // namespace sanding::server
