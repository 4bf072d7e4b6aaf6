// The serving loop of `sanding serve`: accepts connections, parks them until a request arrives
// (IdleParker), serves requests on a bounded pool of threads, and stops in order: no new
// connections, idle ones closed, live ones drained within a bound.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServerDispatcher.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <memory>
#include <thread>

#include "config.hpp"
#include "connection.hpp"
#include "idle_parker.hpp"

namespace sanding::server {

class Listener {
public:
    // Serves on `socket` (bound and listening) with `handlers`, from start() until stop().
    Listener(const ServerConfig& config, const Poco::Net::ServerSocket& socket,
             const Poco::Net::HTTPRequestHandlerFactory::Ptr& handlers);
    ~Listener();
    void start();
    // Stops accepting, closes idle connections, waits up to server.drain_seconds for requests
    // being answered; false when some were still running then (their sockets are shut down).
    bool stop();
    std::size_t idle() const { return parker_.parked(); }

private:
    void accept_loop();

    const ServerConfig& config_;
    Poco::Net::ServerSocket socket_;
    Poco::ThreadPool pool_;
    LiveConnections live_;
    IdleParker parker_;
    Poco::Net::TCPServerDispatcher* dispatcher_ = nullptr;
    std::atomic<bool> stopping_{false};
    std::thread acceptor_, watchdog_;
};

}  // namespace sanding::server
