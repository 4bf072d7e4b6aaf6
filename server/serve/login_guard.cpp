#include "login_guard.hpp"

#include <algorithm>
#include <ctime>

#include "http.hpp"

namespace sanding::server {

namespace {

long long now_s() {
    return static_cast<long long>(std::time(nullptr));
}

[[noreturn]] void throttled(long long wait) {
    ApiError e{429, "auth.throttled",
               "登录失败次数过多，请 " + std::to_string(std::max(1LL, wait)) + " 秒后再试"};
    throw e;
}

}  // namespace

long long LoginGuard::backoff(int failures, int free) const {
    if (failures < free) return 0;
    const int doublings = std::min(failures - free, 20);
    return std::min<long long>(1LL << doublings, config_.login_max_backoff_seconds);
}

void LoginGuard::admit(const std::string& address, const std::string& user) {
    const long long now = now_s();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = addresses_.find(address);
        if (it != addresses_.end()) {
            // An address quiet for the window starts over.
            if (now - it->second.last > config_.login_window_seconds)
                addresses_.erase(it);
            else if (it->second.blocked_until > now)
                throttled(it->second.blocked_until - now);
        }
    }
    const auto f = store_.login_failures(user);
    if (!f) return;
    if (f->locked)
        throw ApiError{403, "auth.locked", "该账号因多次登录失败已被锁定，请联系系统管理员解锁"};
    if (f->blocked_until > now) throttled(f->blocked_until - now);
}

void LoginGuard::failed(const std::string& address, const std::string& user, bool known) {
    const long long now = now_s();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (addresses_.size() > 100000) addresses_.clear();  // bounded memory; limits restart
        Address& a = addresses_[address];
        if (now - a.last > config_.login_window_seconds) a = Address{};
        ++a.failures;
        a.last = now;
        a.blocked_until = now + backoff(a.failures, config_.login_address_free_failures);
    }
    store_.db().transaction([&](Poco::Data::Session& s) {
        const auto before = store_.login_failures(s, user);
        const long long failures = (before ? before->failures : 0) + 1;
        const bool lock = failures >= config_.login_lock_after;
        const long long until =
            now + backoff(static_cast<int>(failures), config_.login_free_failures);
        store_.put_login_failures(s, user, {failures, until, lock});
        if (lock && failures == config_.login_lock_after && known)
            store_.audit(s, "system", "user.locked", "",
                         "{\"user\":\"" + user + "\",\"failures\":" + std::to_string(failures) +
                             ",\"address\":\"" + address + "\"}");
    });
}

void LoginGuard::succeeded(const std::string& user) {
    store_.clear_login_failures(user);
}

bool LoginGuard::unlock(Store& store, const std::string& user, const std::string& actor) {
    bool was = false;
    store.db().transaction([&](Poco::Data::Session& s) {
        const auto f = store.login_failures(s, user);
        was = f && f->locked;
        store.clear_login_failures(s, user);
        if (was) store.audit(s, actor, "user.unlock", "", "{\"user\":\"" + user + "\"}");
    });
    return was;
}

}  // namespace sanding::server
