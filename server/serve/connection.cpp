#include "connection.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Timestamp.h>

#include <poll.h>

#include <memory>

#include "framing.hpp"

namespace sanding::server {

namespace {
// Whether bytes arrive within a millisecond: one poll(2), not Socket::poll's epoll instance.
bool arriving(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 1) > 0;
}
}  // namespace

void LiveConnections::add(Poco::Net::StreamSocket* s) {
    std::lock_guard<std::mutex> lock(mutex_);
    sockets_[s] = Clock::time_point::max();
}
void LiveConnections::remove(Poco::Net::StreamSocket* s) {
    std::lock_guard<std::mutex> lock(mutex_);
    sockets_.erase(s);
    gone_.notify_all();
}
void LiveConnections::reading(Poco::Net::StreamSocket* s, bool on) {
    std::lock_guard<std::mutex> lock(mutex_);
    sockets_[s] = on ? Clock::now() : Clock::time_point::max();
}
void LiveConnections::cut_slow(std::chrono::milliseconds limit) {
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [s, since] : sockets_) {
        if (since == Clock::time_point::max() || now - since < limit) continue;
        try {
            s->shutdown();  // the thread's read ends; the thread is free again
        } catch (...) {
        }
        since = Clock::time_point::max();
    }
}
bool LiveConnections::stopping() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
}
std::size_t LiveConnections::count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sockets_.size();
}
bool LiveConnections::drain(Clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    stopping_ = true;
    // A connection waiting for its next request would wait in vain: end those reads now.
    for (auto& [s, since] : sockets_)
        if (since != Clock::time_point::max()) try {
                s->shutdown();
            } catch (...) {
            }
    return gone_.wait_until(lock, deadline, [&] { return sockets_.empty(); });
}
void LiveConnections::shutdown_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& [s, _] : sockets_) {
        try {
            s->shutdown();  // a thread waiting in a read wakes with end of stream
        } catch (...) {
        }
    }
}

namespace {

using namespace Poco::Net;

class Connection : public TCPServerConnection {
public:
    Connection(const StreamSocket& s, HTTPServerParams::Ptr params,
               HTTPRequestHandlerFactory::Ptr handlers, LiveConnections& live, IdleParker& parker,
               std::size_t drain_limit)
        : TCPServerConnection(s),
          params_(std::move(params)),
          handlers_(std::move(handlers)),
          live_(live),
          parker_(parker),
          drain_limit_(drain_limit) {}

    void run() override {
        live_.add(&socket());
        try {
            serve();
        } catch (...) {
            // The peer went away or the network failed: nothing to answer.
        }
        live_.remove(&socket());
    }

private:
    // A session that says whether it holds bytes of a next request already read.
    struct Session : HTTPServerSession {
        using HTTPServerSession::buffered;
        using HTTPServerSession::HTTPServerSession;
    };

    void serve() {
        Session session(socket(), params_);
        // Per read, while a request arrives; the whole line and headers are bounded by cut_slow.
        socket().setReceiveTimeout(params_->getTimeout());
        int served = 0;
        while (!live_.stopping()) {
            if (served > 0 && !session.getKeepAlive()) return;
            if (params_->getMaxKeepAliveRequests() > 0 &&
                served >= params_->getMaxKeepAliveRequests())
                return;
            // Nothing of a next request yet: the connection waits without a thread.
            if (served > 0 && session.buffered() == 0 && !arriving(socket().impl()->sockfd())) {
                parker_.park(session.detachSocket());
                return;
            }
            try {
                HTTPServerResponseImpl response(session);
                live_.reading(&socket(), true);
                HTTPServerRequestImpl request(response, session,
                                              params_);  // reads the request line and headers
                live_.reading(&socket(), false);
                ++served;
                if (!framing_problem(request).empty())
                    return error(session, HTTPResponse::HTTP_BAD_REQUEST);
                response.setDate(Poco::Timestamp());
                // Answer in HTTP/1.0 or 1.1 only, whatever version the request line claimed.
                response.setVersion(request.getVersion() == HTTPMessage::HTTP_1_0
                                        ? HTTPMessage::HTTP_1_0
                                        : HTTPMessage::HTTP_1_1);
                const bool until_close = body_until_close(request);
                response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() &&
                                      !until_close && !live_.stopping());
                std::unique_ptr<HTTPRequestHandler> handler(
                    handlers_->createRequestHandler(request));
                if (!handler) return error(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
                if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
                    response.sendContinue();
                handler->handleRequest(request, response);
                bool keep = params_->getKeepAlive() && response.getKeepAlive();
                // A body the handler did not read (an answer sent before it) must not be read
                // as the next request: skip what is left of it up to a bound, else close.
                if (keep && !body_consumed(request)) keep = false;
                session.setKeepAlive(keep);
            } catch (const NoMessageException&) {
                return;  // closed between requests, or idle past the keep-alive timeout
            } catch (const Poco::TimeoutException&) {
                return;
            } catch (const MessageException&) {
                return error(session, HTTPResponse::HTTP_BAD_REQUEST);
            } catch (const Poco::Exception&) {
                if (session.networkException()) return;
                return error(session, HTTPResponse::HTTP_BAD_REQUEST);
            }
        }
    }

    bool body_consumed(HTTPServerRequest& request) const {
        if (!request.getChunkedTransferEncoding() &&
            (!request.hasContentLength() || request.getContentLength64() == 0))
            return true;
        std::istream& in = request.stream();
        char buf[8192];
        std::size_t skipped = 0;
        while (skipped <= drain_limit_) {
            in.read(buf, sizeof buf);
            skipped += static_cast<std::size_t>(in.gcount());
            if (in.eof()) return !in.bad();
            if (!in) return false;
        }
        return false;
    }

    static void error(HTTPServerSession& session, HTTPResponse::HTTPStatus status) {
        try {
            HTTPServerResponseImpl response(session);
            response.setVersion(HTTPMessage::HTTP_1_1);
            response.setStatusAndReason(status);
            response.setKeepAlive(false);
            response.setContentLength(0);
            response.send();
            session.setKeepAlive(false);
        } catch (...) {
        }
    }

    HTTPServerParams::Ptr params_;
    HTTPRequestHandlerFactory::Ptr handlers_;
    LiveConnections& live_;
    IdleParker& parker_;
    std::size_t drain_limit_;
};

}  // namespace

Poco::Net::TCPServerConnection* ConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
    return new Connection(socket, params_, handlers_, live_, parker_, drain_limit_);
}

}  // namespace sanding::server
