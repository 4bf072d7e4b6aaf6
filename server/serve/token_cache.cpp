#include "token_cache.hpp"

namespace sanding::server {

std::optional<User> TokenCache::find(const std::string& token) {
    if (ttl_.count() == 0) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(token);
    if (it == entries_.end()) return std::nullopt;
    if (std::chrono::steady_clock::now() - it->second.checked >= ttl_) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.user;
}

void TokenCache::remember(const std::string& token, const User& user) {
    if (ttl_.count() == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= max_entries_)
        entries_.clear();  // crude, but bounded: they are re-checked
    entries_[token] = {user, std::chrono::steady_clock::now()};
}

void TokenCache::forget(const std::string& token) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.erase(token);
}

}  // namespace sanding::server
