// One keep-alive HTTP connection, served by one pooled thread: Poco's HTTPServerConnection, less
// its poll between requests. Poco asks "is there another request?" with a fresh epoll instance
// per request (epoll_create, epoll_ctl, epoll_wait, close); here the thread simply reads the next
// request, bounded by a receive timeout of keep-alive length. Same requests, same handlers,
// same answers to malformed requests (400) and to handlers that throw (500).
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <mutex>
#include <set>

namespace sanding::server {

// Every live connection, so that a stopping server can end them (their threads wait in reads).
class LiveConnections {
  public:
    void add(Poco::Net::StreamSocket* s);
    void remove(Poco::Net::StreamSocket* s);
    void shutdown_all();
    bool stopping() const;

  private:
    mutable std::mutex mutex_;
    std::set<Poco::Net::StreamSocket*> sockets_;
    bool stopping_ = false;
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
  public:
    ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, LiveConnections& live)
        : params_(std::move(params)), handlers_(std::move(handlers)), live_(live) {}
    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override;

  private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
    LiveConnections& live_;
};

}  // namespace sanding::server
