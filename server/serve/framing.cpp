#include "framing.hpp"

#include <Poco/String.h>

namespace sanding::server {

std::string framing_problem(const Poco::Net::HTTPServerRequest& req) {
    const std::string& method = req.getMethod();
    if (method.empty() || method.size() > 16 ||
        method.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
        return "bad method";
    int te = 0, cl = 0;
    std::string length;
    for (const auto& [name, value] : req) {
        if (Poco::icompare(name, "Transfer-Encoding") == 0) {
            ++te;
            if (Poco::icompare(Poco::trim(value), "chunked") != 0) return "transfer-encoding";
        } else if (Poco::icompare(name, "Content-Length") == 0) {
            const std::string v = Poco::trim(value);
            if (v.empty() || v.size() > 18 ||
                v.find_first_not_of("0123456789") != std::string::npos)
                return "content-length";
            if (cl++ && v != length) return "content-length";
            length = v;
        }
    }
    if (te > 1) return "transfer-encoding";
    if (te && cl) return "transfer-encoding with content-length";
    return {};
}

bool body_until_close(const Poco::Net::HTTPServerRequest& req) {
    if (req.getChunkedTransferEncoding() || req.hasContentLength()) return false;
    const std::string& m = req.getMethod();
    return m != "GET" && m != "HEAD" && m != "DELETE";
}

}  // namespace sanding::server
