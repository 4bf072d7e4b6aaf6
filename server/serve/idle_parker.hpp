// Idle keep-alive connections wait here, not in a request thread: one epoll thread watches them
// all and hands a connection back to the request threads once its next request's line and
// headers have all arrived. So a thousand idle clients, or clients sending their headers a byte at
// a time, hold no thread, and `/healthz` is answered at once.
#pragma once

#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServerDispatcher.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

namespace sanding::server {

class IdleParker {
public:
    // idle_timeout: a parked connection with no new request is closed after this long;
    // max_parked: beyond this many parked connections, a new one is closed at once.
    // header_timeout: a request's headers begun but not complete after this long are dropped.
    IdleParker(std::chrono::milliseconds idle_timeout, std::chrono::milliseconds header_timeout,
               std::size_t max_parked);
    ~IdleParker();
    // Where a connection that turns readable is sent back (set before the first park).
    void set_dispatcher(Poco::Net::TCPServerDispatcher* d) { dispatcher_ = d; }
    // Takes the connection; it is closed if the parker is full or stopping.
    void park(const Poco::Net::StreamSocket& socket);
    // Closes every parked connection and parks no more.
    void stop();
    std::size_t parked() const;

private:
    struct Entry {
        Poco::Net::StreamSocket socket;
        std::chrono::steady_clock::time_point since;
        bool partial = false;  // some bytes of a request arrived (since: when first seen)
    };
    // What the bytes waiting on `fd` are: a request's complete headers, only part of them, or
    // the end of the connection.
    enum class Waiting { nothing, partial, headers, closed };
    static Waiting waiting(int fd);
    void run();
    void close_expired();

    std::chrono::milliseconds idle_timeout_, header_timeout_;
    std::size_t max_parked_;
    int epoll_ = -1, wake_ = -1;  // wake_: an eventfd that ends the wait at stop
    Poco::Net::TCPServerDispatcher* dispatcher_ = nullptr;
    mutable std::mutex mutex_;
    std::map<int, Entry> entries_;  // by file descriptor
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace sanding::server
