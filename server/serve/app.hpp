// The running server: configuration, database, the district's framework, model texts and rules
// (loaded from the database, so every instance shares them), the signing key, the routes.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "check_cache.hpp"
#include "config.hpp"
#include "db.hpp"
#include "fair_gate.hpp"
#include "http.hpp"
#include "login_guard.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/framework.hpp"
#include "sanding/model_text.hpp"
#include "store.hpp"
#include "token_cache.hpp"

namespace sanding::server {

// The browser workspace's session: the bearer token in this HttpOnly cookie, and the CSRF token
// derived from it, which state changes must send in X-CSRF-Token.
inline constexpr const char* kSessionCookie = "sanding_session";
std::string session_cookie(const Poco::Net::HTTPServerRequest& req);  // "" when none
std::string csrf_token(const std::string& session_token);

class App {
public:
    // Opens the database, migrates it and loads what `sanding admin init` put there.
    explicit App(ServerConfig config);

    const ServerConfig& config() const { return config_; }
    Store& store() { return store_; }
    const Framework& framework() const { return framework_; }
    const Checker& checker() const { return *checker_; }
    const ModelText& model_text(BodyKind kind) const;
    const std::map<BodyKind, ModelText>& model_texts() const { return model_texts_; }
    const std::string& rules_etag() const { return rules_etag_; }
    const std::string& public_key() const { return public_key_; }
    const std::string& private_key() const { return private_key_; }
    const std::string& key_fingerprint() const { return fingerprint_; }

    // The user of the request's bearer token or session cookie; ApiError 401 when missing, unknown
    // or expired, 403 for a cookie-authenticated state change without the CSRF token.
    User authenticate(const Poco::Net::HTTPServerRequest& req);
    // Logout: the token is revoked in the database and forgotten here at once.
    void revoke(const std::string& token);
    CheckCache& check_cache() { return check_cache_; }
    // Checks (CPU only) run at most two per core at a time, in arrival order.
    FairGate& check_gate() { return check_gate_; }
    // Throttles and locks password guessing (POST /login).
    LoginGuard& login_guard() { return login_guard_; }
    // A password hash no account has: unknown names cost as long to refuse as known ones.
    const std::string& dummy_hash() const { return dummy_hash_; }

    // A body the user may see (404 otherwise, so its existence is not revealed).
    BodyRecord visible_body(const User& u, const std::string& id);
    bool can_see(const User& u, const std::string& body_id) const;

    void log_request(const Poco::Net::HTTPServerRequest& req, int status,
                     std::chrono::steady_clock::duration took, const std::string& user);
    void log(const std::string& level, const std::string& message);

    // Every route the server answers (also printed by `sanding serve --routes`).
    static std::vector<Route> routes();

private:
    ServerConfig config_;
    Db db_;
    Store store_;
    Framework framework_;
    std::map<BodyKind, ModelText> model_texts_;
    std::unique_ptr<Checker> checker_;
    std::string rules_etag_, public_key_, private_key_, fingerprint_;
    std::mutex log_mutex_;
    TokenCache token_cache_;
    CheckCache check_cache_;
    FairGate check_gate_{2 * std::thread::hardware_concurrency()};
    LoginGuard login_guard_{store_, config_};
    std::string dummy_hash_;
};

// Loads the framework, model texts and rules into the database, creates the signing key if there
// is none, and registers the framework's bodies. Used by `sanding admin init`.
// The key file (see key_file.hpp) is created at key_path, or a key kept in the database moved
// there.
void initialise(Db& db, const std::string& key_path, const std::string& framework_path,
                const std::string& templates_dir);

}  // namespace sanding::server
