// `sanding serve` settings: every key has a documented default (server/sanding.conf lists them
// all); a config file sets some, the command line overrides.
#pragma once

#include <string>
#include <vector>

namespace sanding::server {

struct ServerConfig {
    std::string listen = "127.0.0.1:8080";  // server.listen: address:port
    std::string db =
        "sqlite:var/sanding.db";            // db.url: sqlite:PATH or postgresql://user@host:port/db
    long long max_upload_bytes = 16 << 20;  // limits.upload_bytes: one .odt or text
    long long token_ttl_seconds = 8 * 3600;  // auth.token_ttl_seconds: bearer token lifetime
    int token_cache_seconds = 2;  // auth.token_cache_seconds: a checked token trusted this long
    long long check_cache_bytes =
        32 << 20;                     // check.cache_bytes: answers of POST /check kept (0 = none)
    int threads = 16;                 // server.threads: request threads
    int max_queued = 256;             // server.max_queued: connections waiting
    int header_timeout_seconds = 10;  // server.header_timeout_seconds: request line + headers
    int idle_timeout_seconds = 30;    // server.idle_timeout_seconds: idle connection kept
    int max_connections = 4096;       // server.max_connections: idle connections held
    int drain_seconds = 10;           // server.drain_seconds: wait for requests at stop
    int login_free_failures = 5;      // login.free_failures: per account, before waiting
    int login_lock_after = 20;        // login.lock_after: failures that lock an account
    int login_address_free_failures = 20;     // login.address_free_failures: per client address
    int login_max_backoff_seconds = 300;      // login.max_backoff_seconds: longest wait
    int login_window_seconds = 900;           // login.window_seconds: an address's failures kept
    int db_sessions = 16;                     // db.sessions: pooled database sessions
    std::string log_level = "info";           // log.level: error | info | debug
    std::string time_zone = "Asia/Shanghai";  // display.time_zone: times shown to users
    std::string key_file;  // signing.key_file: server key file; empty = beside the SQLite file
};

// Reads key = value lines (# comments); Error config.* naming the file, line and key.
void load_config_file(const std::string& path, ServerConfig& config);
// Every key with its value, in the order of server/sanding.conf.
std::vector<std::pair<std::string, std::string>> config_values(const ServerConfig& config);

// Sets one key from text; Error config.bad_value naming it.
void set_config(ServerConfig& config, const std::string& key, const std::string& value,
                const std::string& where);

}  // namespace sanding::server
