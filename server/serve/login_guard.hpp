// Password guessing, bounded: each account and each client address may fail a few logins freely,
// then waits twice as long after every further failure; an account that keeps failing is locked
// (audited) until an admin lifts it (`sanding admin user unlock NAME`). Account state is in the
// database, so every instance on one PostgreSQL shares it; address state is per instance.
// Unknown names are counted like known ones, so throttling and locks tell nothing about which
// names exist.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "config.hpp"
#include "store.hpp"

namespace sanding::server {

class LoginGuard {
public:
    LoginGuard(Store& store, const ServerConfig& config) : store_(store), config_(config) {}
    // Before the password is looked at: ApiError 429 auth.throttled (with the seconds to wait)
    // when the address or the account must wait, 403 auth.locked when the account is locked.
    void admit(const std::string& address, const std::string& user);
    // After a wrong password (or an unknown name): counts it, locks the account past the limit.
    void failed(const std::string& address, const std::string& user, bool known);
    // After a right password: the account's failures are forgotten (not the address's).
    void succeeded(const std::string& user);
    // Lifts a lock and forgets the failures; audited as `actor`. False when nothing was locked.
    static bool unlock(Store& store, const std::string& user, const std::string& actor);

private:
    struct Address {
        int failures = 0;
        long long blocked_until = 0, last = 0;
    };
    long long backoff(int failures, int free) const;

    Store& store_;
    const ServerConfig& config_;
    std::mutex mutex_;
    std::map<std::string, Address> addresses_;
};

}  // namespace sanding::server
