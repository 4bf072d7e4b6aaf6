#include "listener.hpp"

#include <Poco/Net/HTTPServerParams.h>

#include <chrono>

namespace sanding::server {

using namespace std::chrono;

Listener::Listener(const ServerConfig& config, const Poco::Net::ServerSocket& socket,
                   const Poco::Net::HTTPRequestHandlerFactory::Ptr& handlers)
    : config_(config),
      socket_(socket),
      pool_(1, config.threads),
      parker_(seconds(config.idle_timeout_seconds), seconds(config.header_timeout_seconds),
              static_cast<std::size_t>(config.max_connections)) {
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.threads);
    params->setMaxQueued(config.max_queued);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(config.header_timeout_seconds, 0));
    Poco::Net::HTTPServerParams::Ptr p(params);
    dispatcher_ = new Poco::Net::TCPServerDispatcher(
        new ConnectionFactory(p, handlers, live_, parker_, 64 * 1024), pool_, p);
    parker_.set_dispatcher(dispatcher_);
}

Listener::~Listener() {
    stop();
    dispatcher_->release();
}

void Listener::start() {
    acceptor_ = std::thread([this] { accept_loop(); });
    // Request lines and headers that take longer than the header timeout are cut off, however
    // slowly their bytes trickle in.
    watchdog_ = std::thread([this] {
        while (!stopping_) {
            std::this_thread::sleep_for(milliseconds(250));
            live_.cut_slow(seconds(config_.header_timeout_seconds));
        }
    });
}

void Listener::accept_loop() {
    while (!stopping_) {
        try {
            if (!socket_.poll(Poco::Timespan(0, 200000), Poco::Net::Socket::SELECT_READ)) continue;
            Poco::Net::StreamSocket s = socket_.acceptConnection();
            s.setNoDelay(true);
            parker_.park(s);  // served when its first request arrives
        } catch (...) {
            // A connection reset before it was accepted, or out of descriptors: go on.
            std::this_thread::sleep_for(milliseconds(10));
        }
    }
}

bool Listener::stop() {
    if (stopping_.exchange(true)) return true;
    if (acceptor_.joinable()) acceptor_.join();
    if (watchdog_.joinable()) watchdog_.join();
    socket_.close();
    parker_.stop();
    bool drained = live_.drain(steady_clock::now() + seconds(config_.drain_seconds));
    if (!drained) {
        live_.shutdown_all();
        drained = live_.drain(steady_clock::now() + seconds(2));
    }
    dispatcher_->stop();
    if (drained) pool_.joinAll();
    return drained;
}

}  // namespace sanding::server
