#include "http.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/StreamCopier.h>

#include <iostream>
#include <sstream>

#include "app.hpp"
#include "sanding/error.hpp"
#include "sanding/text.hpp"
#include "uri.hpp"

namespace sanding::server {

std::string Call::query(const std::string& name) const {
    if (req.getURI().find('?') == std::string::npos) return {};
    for (const auto& [k, v] : request_query(req.getURI()))
        if (k == name) return v;
    return {};
}

std::string Call::body(std::size_t limit, bool text) {
    if (req.hasContentLength() && req.getContentLength64() > static_cast<Poco::Int64>(limit))
        throw ApiError{413, "request.too_large",
                       "请求内容过大（上限 " + std::to_string(limit) + " 字节）"};
    std::string out;
    if (req.hasContentLength()) out.reserve(static_cast<std::size_t>(req.getContentLength64()));
    std::istream& in = req.stream();
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        out.append(buf, static_cast<std::size_t>(in.gcount()));
        if (out.size() > limit)
            throw ApiError{413, "request.too_large",
                           "请求内容过大（上限 " + std::to_string(limit) + " 字节）"};
    }
    if (text) require_utf8(out);
    return out;
}

void require_utf8(const std::string& text) {
    std::size_t bad = 0;
    if (!is_valid_utf8(text, &bad))
        throw ApiError{400, "request.invalid_utf8",
                       "请求内容含有无效的 UTF-8 字节（偏移 " + std::to_string(bad) + "）"};
}

Poco::JSON::Object::Ptr Call::json(const std::vector<std::string>& allowed, std::size_t limit) {
    const std::string text = body(limit, true);
    Poco::Dynamic::Var v;
    try {
        v = Poco::JSON::Parser().parse(text);
    } catch (const std::exception& e) {
        throw ApiError{400, "json.malformed", std::string("请求不是有效的 JSON：") + e.what()};
    }
    if (v.type() != typeid(Poco::JSON::Object::Ptr))
        throw ApiError{400, "json.not_object", "请求体应为 JSON 对象"};
    auto o = v.extract<Poco::JSON::Object::Ptr>();
    for (const auto& [k, _] : *o)
        if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
            throw ApiError{400, "json.unknown_field", "未知字段：“" + k + "”"};
    return o;
}

std::string need_string(const Poco::JSON::Object::Ptr& o, const std::string& key, bool required) {
    if (!o->has(key)) {
        if (required) throw ApiError{400, "json.missing_field", "缺少字段：“" + key + "”"};
        return {};
    }
    Poco::Dynamic::Var v = o->get(key);
    if (!v.isString()) throw ApiError{400, "json.wrong_type", "字段“" + key + "”应为字符串"};
    return v.convert<std::string>();
}

long long need_int(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o->has(key)) throw ApiError{400, "json.missing_field", "缺少字段：“" + key + "”"};
    Poco::Dynamic::Var v = o->get(key);
    if (!v.isInteger() || v.isBoolean())
        throw ApiError{400, "json.wrong_type", "字段“" + key + "”应为整数"};
    return v.convert<Poco::Int64>();
}

void Call::send_json(int status, const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(value, out);
    const std::string body = out.str();
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    res.setContentType("application/json; charset=utf-8");
    res.setContentLength64(static_cast<Poco::Int64>(body.size()));
    res.send().write(body.data(), static_cast<std::streamsize>(body.size()));
}

void Call::send_bytes(int status, const std::string& content_type, const std::string& bytes) {
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    res.setContentType(content_type);
    res.setContentLength64(static_cast<Poco::Int64>(bytes.size()));
    res.send().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void Call::send_empty(int status) {
    res.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    res.setContentLength(0);
    res.send();
}

namespace {

// Segment by segment, without copying: this runs for every route on every request.
bool match(std::string_view pattern, std::string_view path,
           std::map<std::string, std::string>& params) {
    for (;;) {
        const std::size_t pe = pattern.find('/'), qe = path.find('/');
        const std::string_view a = pattern.substr(0, pe), b = path.substr(0, qe);
        if (a.size() > 2 && a.front() == '{' && a.back() == '}') {
            if (b.empty()) return false;
            params[std::string(a.substr(1, a.size() - 2))] = std::string(b);
        } else if (a != b) {
            return false;
        }
        if (pe == std::string_view::npos || qe == std::string_view::npos) return pe == qe;
        pattern.remove_prefix(pe + 1), path.remove_prefix(qe + 1);
    }
}

class Handler : public Poco::Net::HTTPRequestHandler {
public:
    Handler(App& app, const std::vector<Route>& routes) : app_(app), routes_(routes) {}

    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
        Call call{req, res, app_, {}, std::nullopt};
        const auto t0 = std::chrono::steady_clock::now();
        int status = 200;
        try {
            // Most request lines need no URI parser: no escapes, so the path is what precedes '?'.
            const std::string& uri = req.getURI();
            const std::string path = uri.find('%') == std::string::npos && !uri.empty() &&
                                             uri[0] == '/' && is_valid_utf8(uri)
                                         ? uri.substr(0, uri.find('?'))
                                         : request_path(uri);
            const Route* route = nullptr;
            bool path_known = false;
            for (const auto& r : routes_) {
                std::map<std::string, std::string> params;
                if (!match(r.pattern, path, params)) continue;
                path_known = true;
                if (r.method == req.getMethod()) {
                    route = &r;
                    call.params = std::move(params);
                    break;
                }
            }
            if (!route) {
                if (path_known)
                    throw ApiError{405, "request.method",
                                   "该地址不支持 " + req.getMethod() + " 方法"};
                throw ApiError{404, "request.not_found", "没有这个地址：" + path};
            }
            if (route->auth) call.user = app_.authenticate(req);
            route->handle(call);
            status = res.getStatus();
        } catch (const ApiError& e) {
            status = e.status;
            if (!res.sent()) {
                Poco::JSON::Object::Ptr err = new Poco::JSON::Object, o = new Poco::JSON::Object;
                err->set("code", e.code);
                err->set("message", e.message);
                o->set("error", err);
                if (e.status == 401) res.set("WWW-Authenticate", "Bearer");
                call.send_json(e.status, o);
            }
        } catch (const Error& e) {
            status = 500;
            if (!res.sent()) reply_error(call, 500, e.code(), e.message());
        } catch (const std::exception& e) {
            status = 500;
            const auto* poco =
                dynamic_cast<const Poco::Exception*>(&e);  // its what() is only a name
            app_.log("error", std::string("unhandled: ") + (poco ? poco->displayText() : e.what()));
            if (!res.sent()) reply_error(call, 500, "server.internal", "服务器内部错误");
        }
        app_.log_request(req, status, std::chrono::steady_clock::now() - t0,
                         call.user ? call.user->name : "");
    }

private:
    static void reply_error(Call& call, int status, const std::string& code,
                            const std::string& message) {
        Poco::JSON::Object::Ptr err = new Poco::JSON::Object, o = new Poco::JSON::Object;
        err->set("code", code);
        err->set("message", message);
        o->set("error", err);
        call.send_json(status, o);
    }
    App& app_;
    const std::vector<Route>& routes_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
    return new Handler(app_, routes_);
}

}  // namespace sanding::server
