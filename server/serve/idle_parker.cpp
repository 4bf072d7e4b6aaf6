#include "idle_parker.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

#include <system_error>
#include <vector>

namespace sanding::server {

IdleParker::IdleParker(std::chrono::milliseconds idle_timeout,
                       std::chrono::milliseconds header_timeout, std::size_t max_parked)
    : idle_timeout_(idle_timeout), header_timeout_(header_timeout), max_parked_(max_parked) {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    wake_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epoll_ < 0 || wake_ < 0) throw std::system_error(errno, std::generic_category(), "epoll");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake_;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    thread_ = std::thread([this] { run(); });
}

IdleParker::~IdleParker() {
    stop();
    if (thread_.joinable()) thread_.join();
    close(epoll_);
    close(wake_);
}

void IdleParker::park(const Poco::Net::StreamSocket& socket) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || entries_.size() >= max_parked_) return;  // the last copy goes: closed
    const int fd = socket.impl()->sockfd();
    epoll_event ev{};
    // Edge-triggered: told again only when more bytes arrive, so partial headers do not spin.
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
    ev.data.fd = fd;
    entries_.insert_or_assign(fd, Entry{socket, std::chrono::steady_clock::now()});
    if (epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) entries_.erase(fd);
}

void IdleParker::stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    for (auto& [fd, e] : entries_) epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    entries_.clear();
    const std::uint64_t one = 1;
    [[maybe_unused]] auto n = write(wake_, &one, sizeof one);
}

std::size_t IdleParker::parked() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
}

void IdleParker::close_expired() {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (now - it->second.since < (it->second.partial ? header_timeout_ : idle_timeout_)) {
            ++it;
            continue;
        }
        epoll_ctl(epoll_, EPOLL_CTL_DEL, it->first, nullptr);
        it = entries_.erase(it);
    }
}

IdleParker::Waiting IdleParker::waiting(int fd) {
    char buf[16384];
    const ssize_t n = recv(fd, buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return Waiting::closed;
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? Waiting::nothing
                                                                         : Waiting::closed;
    const std::string_view bytes(buf, static_cast<std::size_t>(n));
    // Past the size Poco accepts for headers, a thread reads it and answers 400.
    if (bytes.find("\r\n\r\n") != std::string_view::npos ||
        bytes.find("\n\n") != std::string_view::npos || n == static_cast<ssize_t>(sizeof buf))
        return Waiting::headers;
    return Waiting::partial;
}

void IdleParker::run() {
    std::vector<epoll_event> events(256);
    auto last_sweep = std::chrono::steady_clock::now();
    for (;;) {
        const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 500);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_) return;
        }
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == wake_) continue;
            // A copy of the parked socket first: an event of this batch may be for a socket that
            // has since left (dispatched, expired), whose descriptor another thread may be closing
            // or the kernel may already have given to a new connection. Holding a reference keeps
            // the descriptor open and ours while it is peeked at.
            Poco::Net::StreamSocket socket;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                auto it = entries_.find(fd);
                if (it == entries_.end()) continue;
                socket = it->second.socket;
            }
            const Waiting w =
                (events[i].events & (EPOLLHUP | EPOLLERR)) ? Waiting::closed : waiting(fd);
            if (w == Waiting::nothing) continue;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                auto it = entries_.find(fd);
                // Gone meanwhile, or the descriptor now belongs to another parked socket.
                if (it == entries_.end() || it->second.socket.impl() != socket.impl()) continue;
                if (w == Waiting::partial) {
                    if (!it->second.partial) it->second.since = std::chrono::steady_clock::now();
                    it->second.partial = true;
                    continue;
                }
                epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
                entries_.erase(it);
            }
            // Complete headers: a request thread reads and answers it. Closed: dropped here.
            if (w == Waiting::headers && dispatcher_) dispatcher_->enqueue(socket);
        }
        if (std::chrono::steady_clock::now() - last_sweep > std::chrono::milliseconds(500)) {
            close_expired();
            last_sweep = std::chrono::steady_clock::now();
        }
    }
}

}  // namespace sanding::server
