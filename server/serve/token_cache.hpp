// Bearer tokens found valid in the database, remembered for a few seconds: every request carries
// one, and asking the database each time cost more than the request's own work. A logout on this
// server forgets the token at once; other instances (PostgreSQL) ask again within `ttl`.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store.hpp"

namespace sanding::server {

class TokenCache {
public:
    explicit TokenCache(std::chrono::seconds ttl, std::size_t max_entries = 100000)
        : ttl_(ttl), max_entries_(max_entries) {}

    std::optional<User> find(const std::string& token);
    void remember(const std::string& token, const User& user);
    void forget(const std::string& token);

private:
    struct Entry {
        User user;
        std::chrono::steady_clock::time_point checked;
    };
    std::chrono::seconds ttl_;
    std::size_t max_entries_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace sanding::server
