#include "check_cache.hpp"

namespace sanding::server {

std::shared_ptr<const std::string> CheckCache::find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second.answer;
}

void CheckCache::remember(const std::string& key, std::shared_ptr<const std::string> answer) {
    const std::size_t size = cost(key, *answer);
    if (size > max_bytes_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    auto [it, added] = entries_.try_emplace(key);
    if (!added) return;
    it->second.answer = std::move(answer);
    order_.push_front(it);
    it->second.position = order_.begin();
    bytes_ += size;
    while (bytes_ > max_bytes_ && !order_.empty()) {
        auto last = order_.back();
        bytes_ -= cost(last->first, *last->second.answer);
        order_.pop_back();
        entries_.erase(last);
    }
}

}  // namespace sanding::server
