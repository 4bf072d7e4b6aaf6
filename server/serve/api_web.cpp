#include "api_web.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>

#include "api_util.hpp"
#include "sanding/error.hpp"
#include "sanding/odf_reader.hpp"

namespace sanding::server::api {
namespace {

// No inline script or style, nothing from another origin, not framed.
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src "
    "'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

void send_asset(Call& c, const std::string& name) {
    const auto& assets = web_assets();
    auto it =
        std::find_if(assets.begin(), assets.end(), [&](const auto& a) { return a.first == name; });
    if (it == assets.end()) throw ApiError{404, "request.not_found", "没有这个地址：/web/" + name};
    const std::string ext = name.substr(name.rfind('.') + 1);
    const std::string type = ext == "html"  ? "text/html; charset=utf-8"
                             : ext == "js"  ? "text/javascript; charset=utf-8"
                             : ext == "css" ? "text/css; charset=utf-8"
                                            : "application/octet-stream";
    c.res.set("Content-Security-Policy", kPolicy);
    c.res.set("X-Content-Type-Options", "nosniff");
    c.res.set("Referrer-Policy", "no-referrer");
    c.res.set("X-Frame-Options", "DENY");
    c.res.set("Cache-Control", "no-cache");
    c.send_bytes(200, type, it->second);
}

}  // namespace

void web_index(Call& c) {
    send_asset(c, "index.html");
}

void web_asset(Call& c) {
    const std::string& name = c.param("file");
    if (name == "index.html" || name.find('/') != std::string::npos)
        throw ApiError{404, "request.not_found", "没有这个地址：/web/" + name};
    send_asset(c, name);
}

void revision_text(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    const std::string& n = c.param("n");
    if (n.empty() || n.size() > 9 || n.find_first_not_of("0123456789") != std::string::npos)
        throw ApiError{400, "request.bad_revision", "修订号应为正整数：" + n};
    auto bytes = c.app.store().revision_bytes(b.id, std::stoll(n));
    if (!bytes) throw ApiError{404, "revision.not_found", "没有这个修订：" + n};
    Document doc;
    try {
        doc = read_odt(*bytes);
    } catch (const Error& e) {
        throw ApiError{422, e.code(), "该修订不是可读的 ODT 文档：" + e.message()};
    }
    Poco::JSON::Array::Ptr ps = new Poco::JSON::Array;
    for (const auto& p : doc.paragraphs) ps->add(p.text);
    auto o = obj();
    o->set("paragraphs", ps);
    c.send_json(200, o);
}

}  // namespace sanding::server::api
