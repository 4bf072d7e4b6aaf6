#include "api.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <sstream>

#include "client.hpp"

namespace sanding::plugin::api {

namespace {
using Poco::JSON::Array;
using Poco::JSON::Object;

std::string text(const Object::Ptr& o, const char* key) {
    if (!o || !o->has(key) || o->isNull(key)) return {};
    return o->get(key).toString();
}
long long number(const Object::Ptr& o, const char* key) {
    if (!o || !o->has(key) || o->isNull(key)) return 0;
    try {
        return o->get(key).convert<long long>();
    } catch (const Poco::Exception&) {
        return 0;
    }
}
// The local time when the server gives one, else the UTC time as "YYYY-MM-DD HH:MM".
std::string local_or(const Object::Ptr& o, const char* local, const char* utc) {
    std::string t = text(o, local);
    if (!t.empty()) return t;
    t = text(o, utc);
    if (t.size() >= 16) t = t.substr(0, 10) + " " + t.substr(11, 5) + " UTC";
    return t;
}

template <class T, class F>
std::vector<T> each(const Array::Ptr& a, F parse) {
    std::vector<T> out;
    for (std::size_t i = 0; a && i < a->size(); ++i)
        out.push_back(parse(a->getObject(static_cast<unsigned>(i))));
    return out;
}

Review review_of(const Object::Ptr& o) {
    Review r;
    r.verdict = text(o, "verdict"), r.reviewer = text(o, "reviewer"),
    r.comment = text(o, "comment");
    r.verdict_label = text(o, "verdict_label");
    if (r.verdict_label.empty())
        r.verdict_label = r.verdict == "returned"   ? "退回"
                          : r.verdict == "approved" ? "审核通过"
                                                    : r.verdict;
    r.reviewer_name = text(o, "reviewer_name");
    if (r.reviewer_name.empty()) r.reviewer_name = r.reviewer;
    r.at = text(o, "at"), r.at_local = local_or(o, "at_local", "at");
    r.revision = number(o, "revision");
    r.comments = each<ReviewComment>(o->getArray("comments"), [](const Object::Ptr& c) {
        return ReviewComment{text(c, "article"), text(c, "quote"), text(c, "text")};
    });
    return r;
}

SignOffRecord signoff_of(const Object::Ptr& o) {
    SignOffRecord s;
    s.revision = number(o, "revision"), s.sha256 = text(o, "sha256"), s.signer = text(o, "signer");
    s.signer_name = text(o, "signer_name");
    if (s.signer_name.empty()) s.signer_name = s.signer;
    s.signed_at = text(o, "signed_at"),
    s.signed_at_local = local_or(o, "signed_at_local", "signed_at");
    return s;
}

Revision revision_of(const Object::Ptr& o) {
    Revision r;
    r.number = number(o, "number"), r.sha256 = text(o, "sha256"), r.author = text(o, "author"),
    r.comment = text(o, "comment");
    r.author_name = text(o, "author_name");
    if (r.author_name.empty()) r.author_name = r.author;
    r.created_at = text(o, "created_at"),
    r.created_at_local = local_or(o, "created_at_local", "created_at");
    r.status_label = text(o, "status_label");
    auto f = o->getObject("findings");
    r.findings = {number(f, "errors"), number(f, "warnings"), number(f, "infos")};
    r.reviews = each<Review>(o->getArray("reviews"), review_of);
    for (auto& x : r.reviews)
        if (!x.revision) x.revision = r.number;
    return r;
}

Body body_of(const Object::Ptr& o) {
    Body b;
    b.id = text(o, "id"), b.name = text(o, "name"), b.short_name = text(o, "short_name");
    if (b.short_name.empty()) b.short_name = b.name;
    b.state = text(o, "state"), b.state_label = text(o, "state_label");
    b.current_revision = number(o, "current_revision");
    b.revisions = each<Revision>(o->getArray("revisions"), revision_of);
    b.reviews = each<Review>(o->getArray("reviews"), review_of);
    if (o->has("signoff") && !o->isNull("signoff")) b.signoff = signoff_of(o->getObject("signoff"));
    return b;
}

Poco::Dynamic::Var parse(const std::string& body) {
    try {
        return Poco::JSON::Parser().parse(body);
    } catch (const Poco::Exception&) {
        throw ServerError{"服务器 " + Connection::instance().server() + " 的回答不是预期的 JSON"};
    }
}
Object::Ptr object(const HttpAnswer& a) {
    auto v = parse(a.body);
    if (v.type() != typeid(Object::Ptr))
        throw ServerError{"服务器 " + Connection::instance().server() + " 的回答不是预期的 JSON"};
    return v.extract<Object::Ptr>();
}
Array::Ptr array(const HttpAnswer& a) {
    auto v = parse(a.body);
    if (v.type() != typeid(Array::Ptr))
        throw ServerError{"服务器 " + Connection::instance().server() + " 的回答不是预期的 JSON"};
    return v.extract<Array::Ptr>();
}
std::string json_text(const Object& o) {
    std::ostringstream s;
    o.stringify(s);
    return s.str();
}
std::string path(const std::string& body) {
    std::string id;
    Poco::URI::encode(body, "/?#&=+ ", id);
    return "/api/v1/bodies/" + id;
}
}  // namespace

std::vector<Review> Body::reviews_of(long long n) const {
    for (const auto& r : revisions)
        if (r.number == n && !r.reviews.empty()) return r.reviews;
    std::vector<Review> out;
    for (const auto& r : reviews)
        if (r.revision == n) out.push_back(r);
    return out;
}

Me me() {
    auto o = object(Connection::instance().request("GET", "/api/v1/me"));
    Me m;
    m.name = text(o, "name"), m.display_name = text(o, "display_name"), m.role = text(o, "role"),
    m.body = text(o, "body");
    if (const std::string tz = text(o, "time_zone_label"); !tz.empty()) m.time_zone_label = tz;
    return m;
}

std::vector<Body> bodies() {
    return each<Body>(array(Connection::instance().request("GET", "/api/v1/bodies")), body_of);
}

Body body(const std::string& id) {
    return body_of(object(Connection::instance().request("GET", path(id))));
}

std::vector<QueueEntry> queue() {
    return each<QueueEntry>(
        array(Connection::instance().request("GET", "/api/v1/queue")), [](const Object::Ptr& o) {
            QueueEntry q;
            q.body = text(o, "body"), q.name = text(o, "name"),
            q.submitted_at_local = local_or(o, "submitted_at_local", "submitted_at");
            q.submitted_by_name = text(o, "submitted_by_name");
            if (q.submitted_by_name.empty()) q.submitted_by_name = text(o, "submitted_by");
            q.revision = number(o, "revision"), q.waiting_seconds = number(o, "waiting_seconds");
            q.errors = number(o, "errors"), q.warnings = number(o, "warnings");
            return q;
        });
}

std::string revision_bytes(const std::string& body, long long n) {
    return Connection::instance()
        .request("GET", path(body) + "/revisions/" + std::to_string(n))
        .body;
}

std::vector<ServerFinding> findings(const std::string& body, long long n) {
    auto o = object(Connection::instance().request(
        "GET", path(body) + "/revisions/" + std::to_string(n) + "/findings"));
    return each<ServerFinding>(o->getArray("findings"), [](const Object::Ptr& f) {
        return ServerFinding{text(f, "rule"), text(f, "severity"), text(f, "message"),
                             text(f, "article")};
    });
}

Revision upload(const std::string& body, const std::string& odt, const std::string& comment) {
    std::string query;
    Poco::URI::encode(comment, "&=+?#/ ", query);
    return revision_of(
        object(Connection::instance().request("POST", path(body) + "/revisions?comment=" + query,
                                              odt, "application/vnd.oasis.opendocument.text")));
}

void submit(const std::string& body) {
    Connection::instance().request("POST", path(body) + "/submit");
}

void return_draft(const std::string& body, const std::string& comment,
                  const std::vector<ReviewComment>& comments) {
    Object o;
    o.set("comment", comment);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& c : comments) {
        Object::Ptr x = new Object;
        x->set("article", c.article), x->set("quote", c.quote), x->set("text", c.text);
        list->add(x);
    }
    if (!comments.empty()) o.set("comments", list);
    Connection::instance().request("POST", path(body) + "/return", json_text(o));
}

void approve(const std::string& body, const std::string& comment) {
    Object o;
    if (!comment.empty()) o.set("comment", comment);
    Connection::instance().request("POST", path(body) + "/approve",
                                   comment.empty() ? std::string() : json_text(o));
}

SignOffRecord sign_off(const std::string& body, long long revision, const std::string& password) {
    Object o;
    o.set("revision", revision);
    o.set("password", password);
    return signoff_of(
        object(Connection::instance().request("POST", path(body) + "/signoff", json_text(o))));
}

}  // namespace sanding::plugin::api
