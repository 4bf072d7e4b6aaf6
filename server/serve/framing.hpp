// Where one request ends on a keep-alive connection, decided before any handler runs: requests
// whose framing two parsers could read differently (a proxy and this server) are refused, so
// that no bytes of one request are taken as the next (request smuggling).
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <string>

namespace sanding::server {

// Empty when the request is framed unambiguously; else why not (answered with 400): a
// Transfer-Encoding other than exactly "chunked", Transfer-Encoding with Content-Length,
// several or non-numeric Content-Length values, a method that is not an HTTP token.
std::string framing_problem(const Poco::Net::HTTPServerRequest& req);

// True when the body runs to the end of the connection (no length, not chunked, not GET/HEAD/
// DELETE): the connection is closed after the answer.
bool body_until_close(const Poco::Net::HTTPServerRequest& req);

}  // namespace sanding::server
