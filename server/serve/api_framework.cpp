#include "api_framework.hpp"

#include "app.hpp"
#include "sanding/crypto.hpp"

namespace sanding::server::api {

void get_framework(Call& c) {
    const std::string& xml = c.app.framework().source;
    // The framework changes only with `sanding admin`: a hash of its text is its version.
    const std::string etag = "\"" + crypto::sha256_hex(xml).substr(0, 32) + "\"";
    c.res.set("ETag", etag);
    c.res.set("Cache-Control", "no-cache");
    if (c.req.get("If-None-Match", "") == etag) return c.send_empty(304);
    c.send_bytes(200, "application/xml; charset=utf-8", xml);
}

}  // namespace sanding::server::api
