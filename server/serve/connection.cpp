#include "connection.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Timestamp.h>

#include <memory>

namespace sanding::server {

void LiveConnections::add(Poco::Net::StreamSocket* s) {
    std::lock_guard<std::mutex> lock(mutex_);
    sockets_.insert(s);
}
void LiveConnections::remove(Poco::Net::StreamSocket* s) {
    std::lock_guard<std::mutex> lock(mutex_);
    sockets_.erase(s);
}
bool LiveConnections::stopping() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
}
void LiveConnections::shutdown_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto* s : sockets_) {
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
               HTTPRequestHandlerFactory::Ptr handlers, LiveConnections& live)
        : TCPServerConnection(s),
          params_(std::move(params)),
          handlers_(std::move(handlers)),
          live_(live) {}

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
    void serve() {
        HTTPServerSession session(socket(), params_);
        socket().setReceiveTimeout(params_->getKeepAliveTimeout());
        int served = 0;
        while (!live_.stopping()) {
            if (served > 0 && !session.getKeepAlive()) return;
            if (params_->getMaxKeepAliveRequests() > 0 &&
                served >= params_->getMaxKeepAliveRequests())
                return;
            try {
                HTTPServerResponseImpl response(session);
                HTTPServerRequestImpl request(response, session,
                                              params_);  // reads the request line and headers
                ++served;
                response.setDate(Poco::Timestamp());
                // Answer in HTTP/1.0 or 1.1 only, whatever version the request line claimed.
                response.setVersion(request.getVersion() == HTTPMessage::HTTP_1_0
                                        ? HTTPMessage::HTTP_1_0
                                        : HTTPMessage::HTTP_1_1);
                response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() &&
                                      !live_.stopping());
                std::unique_ptr<HTTPRequestHandler> handler(
                    handlers_->createRequestHandler(request));
                if (!handler) return error(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
                if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
                    response.sendContinue();
                handler->handleRequest(request, response);
                session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive());
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
};

}  // namespace

Poco::Net::TCPServerConnection* ConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
    return new Connection(socket, params_, handlers_, live_);
}

}  // namespace sanding::server
