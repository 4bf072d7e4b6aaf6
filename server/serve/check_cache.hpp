// Answers of POST /api/v1/check kept in memory (least recently used out first, bounded in bytes):
// a drafter's document is checked again and again while little of it changes, and an unchanged
// text needs no second check. The key is everything the answer depends on — rules, body, kind
// and the text itself — compared whole, so no hash collision can give another text's answer
// (a SHA-256 of each 10 KB request cost a fifth of the server's time).
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sanding::server {

class CheckCache {
public:
    explicit CheckCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    bool enabled() const { return max_bytes_ > 0; }
    std::shared_ptr<const std::string> find(const std::string& key);
    void remember(const std::string& key, std::shared_ptr<const std::string> answer);

private:
    struct Entry;
    using Map = std::unordered_map<std::string, Entry>;
    using Order = std::list<Map::iterator>;  // most recently used first
    struct Entry {
        std::shared_ptr<const std::string> answer;
        Order::iterator position;
    };
    static std::size_t cost(const std::string& key, const std::string& answer) {
        return key.size() + answer.size() + 128;
    }

    std::size_t max_bytes_, bytes_ = 0;
    std::mutex mutex_;
    Map entries_;
    Order order_;
};

}  // namespace sanding::server
