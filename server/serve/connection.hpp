// One HTTP connection while it has a request to answer: a pooled thread reads requests and
// answers them as long as the next one is already arriving; when the client goes quiet the
// connection is handed to the IdleParker, which holds it without a thread. Same handlers, same
// answers to malformed requests (400) and to handlers that throw (500).
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>

#include "idle_parker.hpp"

namespace sanding::server {

// Every connection being served by a thread, so that a stopping server can wait for them and
// end them, and so that one whose request line and headers take too long is cut off.
class LiveConnections {
public:
    using Clock = std::chrono::steady_clock;
    void add(Poco::Net::StreamSocket* s);
    void remove(Poco::Net::StreamSocket* s);
    // Marks the start and end of reading a request's line and headers.
    void reading(Poco::Net::StreamSocket* s, bool on);
    // Shuts down connections that have been reading headers for longer than `limit`.
    void cut_slow(std::chrono::milliseconds limit);
    // From now on connections answer their current request and close; true when none is left
    // before `deadline`.
    bool drain(Clock::time_point deadline);
    void shutdown_all();
    bool stopping() const;
    std::size_t count() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable gone_;
    std::map<Poco::Net::StreamSocket*, Clock::time_point>
        sockets_;  // reading headers since, or max()
    bool stopping_ = false;
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, LiveConnections& live,
                      IdleParker& parker, std::size_t drain_limit)
        : params_(std::move(params)),
          handlers_(std::move(handlers)),
          live_(live),
          parker_(parker),
          drain_limit_(drain_limit) {}
    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override;

private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    LiveConnections& live_;
    IdleParker& parker_;
    std::size_t drain_limit_;
};

}  // namespace sanding::server
