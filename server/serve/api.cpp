// The HTTP API, one table of routes; each handler checks who asks, asks core and the store, and
// answers JSON. Workflow rules are core's (sanding/workflow.hpp), not decided here.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPCookie.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <map>
#include <sstream>
#include <vector>

#include "api_board.hpp"
#include "api_boundaries.hpp"
#include "api_collect.hpp"
#include "api_framework.hpp"
#include "api_quota.hpp"
#include "api_review.hpp"
#include "api_util.hpp"
#include "api_web.hpp"
#include "app.hpp"
#include "sanding/bundle.hpp"
#include "sanding/check/report.hpp"
#include "sanding/clock.hpp"
#include "sanding/crypto.hpp"
#include "sanding/diff.hpp"
#include "sanding/error.hpp"
#include "sanding/model_text.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/odf_writer.hpp"
#include "sanding/recognize.hpp"
#include "sanding/render.hpp"
#include "sanding/text.hpp"
#include "sanding/text_input.hpp"
#include "sanding/zip.hpp"
#include "uri.hpp"

namespace sanding::server {
namespace {

using namespace api;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr revision_json(const RevisionRecord& r) {
    auto o = obj();
    o->set("number", r.number);
    o->set("sha256", r.sha256);
    o->set("size", r.size);
    o->set("author", r.author);
    o->set("comment", r.comment);
    o->set("created_at", r.created_at);
    auto f = obj();
    f->set("errors", r.errors);
    f->set("warnings", r.warnings);
    f->set("infos", r.infos);
    o->set("findings", f);
    return o;
}

// Checks a revision's bytes with the body's framework quota, stores it, moves the workflow.
Object::Ptr store_revision(App& app, const User& u, const BodyRecord& b, const std::string& bytes,
                           const std::string& comment, WorkflowAction action) {
    Document doc;
    try {
        doc = read_odt(bytes);
    } catch (const Error& e) {
        throw ApiError{422, e.code(), "上传的文件不是可读的 ODT 文档：" + e.message()};
    }
    const ParagraphViews paragraphs = views_of(doc);
    const CheckResult result = app.checker().check(paragraphs, {&app.framework(), b.id});
    const Summary sum = summarize(result.findings);
    RevisionRecord r;
    r.body = b.id, r.sha256 = crypto::sha256_hex(bytes),
    r.size = static_cast<long long>(bytes.size());
    r.author = u.name, r.comment = comment, r.created_at = now_iso();
    r.errors = sum.errors, r.warnings = sum.warnings, r.infos = sum.infos;
    r.findings_json = report_json(result.findings, {"revision.odt", paragraphs, false, b.id, {}});
    app.store().db().transaction([&](Poco::Data::Session& s) {
        auto now = app.store().body(s, b.id);
        if (action == WorkflowAction::CreateDraft) {
            if (now->current_revision != 0)
                throw ApiError{
                    409, "workflow.draft_exists",
                    "该机构已有草案（修订 " + std::to_string(now->current_revision) + "）"};
        } else {
            auto next = after(
                workflow_state_from_string(now->state).value_or(WorkflowState::Drafting), action);
            if (!next) illegal(*now, action);
        }
        r.number = app.store().next_revision_number(s, b.id);
        app.store().add_revision(s, r, bytes);
        if (!app.store().move(s, b.id, *workflow_state_from_string(now->state),
                              WorkflowState::Drafting, r.number))
            throw RetryTransaction{};
        Object::Ptr detail = obj();
        detail->set("revision", r.number);
        detail->set("sha256", r.sha256);
        app.store().audit(
            s, u.name, action == WorkflowAction::CreateDraft ? "draft.create" : "revision.upload",
            b.id, json_text(detail));
    });
    return revision_json(r);
}

// --- handlers ---------------------------------------------------------------------------

void healthz(Call& c) {
    auto o = obj();
    o->set("status", "ok");
    o->set("database", c.app.store().db().postgres() ? "postgresql" : "sqlite");
    c.app.store().db().query("SELECT 1");
    c.send_json(200, o);
}

void login(Call& c) {
    auto o = c.json({"username", "password", "session"});
    const std::string name = need_string(o, "username"), password = need_string(o, "password");
    const bool session =
        o->has("session") && o->get("session").isBoolean() && o->getValue<bool>("session");
    const std::string address = c.req.clientAddress().host().toString();
    c.app.login_guard().admit(address, name);
    auto u = c.app.store().user(name);
    // An unknown name is checked against a dummy hash: refused after the same work as a known one.
    if (!crypto::verify_password(password, u ? u->password_hash : c.app.dummy_hash()) || !u) {
        c.app.login_guard().failed(address, name, u.has_value());
        throw ApiError{401, "auth.bad_credentials", "用户名或密码不正确"};
    }
    c.app.login_guard().succeeded(u->name);
    const std::string token = c.app.store().issue_token(u->name, c.app.config().token_ttl_seconds);
    auto r = obj();
    r->set("expires_in", c.app.config().token_ttl_seconds);
    r->set("user", user_json(c.app, *u));
    if (session) {
        // The browser gets the token only as an HttpOnly cookie: a script on the page cannot read
        // it.
        Poco::Net::HTTPCookie cookie(kSessionCookie, token);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
        cookie.setSecure(c.req.secure());
        cookie.setMaxAge(static_cast<int>(c.app.config().token_ttl_seconds));
        c.res.addCookie(cookie);
        r->set("csrf", csrf_token(token));
    } else {
        r->set("token", token);
    }
    c.send_json(200, r);
}

void logout(Call& c) {
    const std::string auth = c.req.get("Authorization", "");
    const std::string token =
        auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : session_cookie(c.req);
    c.app.revoke(token);
    Poco::Net::HTTPCookie gone(kSessionCookie, "");
    gone.setPath("/");
    gone.setHttpOnly(true);
    gone.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    gone.setMaxAge(0);
    c.res.addCookie(gone);
    c.send_empty(204);
}

void me(Call& c) {
    auto o = user_json(c.app, c.me());
    if (c.req.get("Authorization", "").empty()) o->set("csrf", csrf_token(session_cookie(c.req)));
    c.send_json(200, o);
}

void list_bodies(Call& c) {
    Array::Ptr a = new Array;
    for (const auto& b : c.app.store().bodies())
        if (c.app.can_see(c.me(), b.id)) a->add(body_json(c.app, b));
    c.send_json(200, a);
}

void get_body(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    auto o = body_json(c.app, b);
    const History h = history(c.app, b);
    o->set("revisions", h.revisions);
    o->set("reviews", h.reviews);
    if (h.signoff) o->set("signoff", h.signoff);
    c.send_json(200, o);
}

void list_model_texts(Call& c) {
    Array::Ptr a = new Array;
    for (const auto& [kind, mt] : c.app.model_texts()) {
        auto x = obj();
        x->set("kind", std::string(to_string(kind)));
        x->set("label", mt.label);
        a->add(x);
    }
    c.send_json(200, a);
}

void get_model_text(Call& c) {
    auto xml = c.app.store().get_template("model-text/" + c.param("kind") + ".xml");
    if (!xml) throw ApiError{404, "model_text.not_found", "没有这类机构的范本：" + c.param("kind")};
    c.send_bytes(200, "application/xml; charset=utf-8", *xml);
}

void get_rules(Call& c) {
    c.res.set("ETag", c.app.rules_etag());
    c.res.set("Cache-Control", "no-cache");
    if (c.req.get("If-None-Match", "") == c.app.rules_etag()) return c.send_empty(304);
    auto o = obj();
    o->set("etag", c.app.rules_etag());
    Array::Ptr files = new Array;
    for (const auto& [name, xml] : c.app.store().templates_with_prefix("rules/")) {
        auto f = obj();
        f->set("name", name.substr(6));
        f->set("content", xml);
        files->add(f);
    }
    o->set("files", files);
    c.send_json(200, o);
}

void create_draft(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    require(c.me(), WorkflowAction::CreateDraft, b);
    const BodyFacts* facts = c.app.framework().find(b.id);
    if (!facts) throw ApiError{409, "body.not_in_framework", "编制职数框架中没有该机构"};
    const std::string bytes =
        render_odt(fill_model_text(c.app.model_text(facts->kind), c.app.framework(), *facts));
    c.send_json(201,
                store_revision(c.app, c.me(), b, bytes, "由范本生成", WorkflowAction::CreateDraft));
}

void upload_revision(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    require(c.me(), WorkflowAction::Upload, b);
    const std::string type = c.req.getContentType();
    if (type.rfind(kOdt, 0) != 0 && type.rfind("application/octet-stream", 0) != 0)
        throw ApiError{415, "request.content_type",
                       std::string("修订应以 ") + kOdt + " 上传，而不是“" + type + "”"};
    std::string comment = c.query("comment");
    std::size_t bad = 0;
    if (!is_valid_utf8(comment, &bad) || comment.size() > 20000)
        throw ApiError{400, "request.bad_comment", "说明（comment）无效"};
    const std::string bytes = c.body(static_cast<std::size_t>(c.app.config().max_upload_bytes));
    if (bytes.empty()) throw ApiError{400, "request.empty", "没有上传内容"};
    c.send_json(201, store_revision(c.app, c.me(), b, bytes, comment, WorkflowAction::Upload));
}

void get_revision(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    auto bytes = c.app.store().revision_bytes(b.id, revision_param(c));
    if (!bytes) throw ApiError{404, "revision.not_found", "没有这个修订：" + c.param("n")};
    c.res.set("ETag", "\"" + crypto::sha256_hex(*bytes) + "\"");
    attachment(c, short_name_of(c.app, b) + "-修订" + c.param("n") + ".odt",
               b.id + "-r" + c.param("n") + ".odt");
    c.send_bytes(200, kOdt, *bytes);
}

void get_findings(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    auto r = c.app.store().revision(b.id, revision_param(c));
    if (!r) throw ApiError{404, "revision.not_found", "没有这个修订：" + c.param("n")};
    const auto bytes = c.app.store().revision_bytes(b.id, revision_param(c));
    c.send_bytes(
        200, "application/json; charset=utf-8",
        bytes ? findings_with_decisions(c.app, b, *bytes, r->findings_json) : r->findings_json);
}

// The newer revision laid out as usual, with every difference from the older one as a tracked
// change: the reviewer opens it in Writer and steps through the changes.
void send_comparison_odt(Call& c, const BodyRecord& b, long long from, long long to,
                         const Regulation& newer, const RegulationDiff& d) {
    using Piece = ChangedParagraph::Piece;
    std::vector<ChangedParagraph> ps;
    ChangedParagraph title{ParagraphKind::Title, {}};
    for (const auto& op : diff_text(d.title_before, d.title_after))
        title.pieces.push_back({op.kind == TextOp::Same     ? Piece::Same
                                : op.kind == TextOp::Insert ? Piece::Insert
                                                            : Piece::Delete,
                                op.text});
    ps.push_back(title);
    if (!newer.stage.empty())
        ps.push_back({ParagraphKind::Stage, {{Piece::Same, "（" + newer.stage + "）"}}});
    for (const auto& a : d.articles) {
        bool first = true;
        for (const auto& p : a.paragraphs) {
            ChangedParagraph cp{first ? ParagraphKind::ArticleStart : ParagraphKind::Body, {}};
            if (first) cp.pieces.push_back({Piece::Same, a.label + "\u3000"});
            first = false;
            switch (p.kind) {
                case ParagraphDiff::Same: cp.pieces.push_back({Piece::Same, p.after}); break;
                case ParagraphDiff::Added: cp.pieces.push_back({Piece::Insert, p.after}); break;
                case ParagraphDiff::Removed: cp.pieces.push_back({Piece::Delete, p.before}); break;
                case ParagraphDiff::Changed:
                    for (const auto& op : p.ops)
                        cp.pieces.push_back({op.kind == TextOp::Same     ? Piece::Same
                                             : op.kind == TextOp::Insert ? Piece::Insert
                                                                         : Piece::Delete,
                                             op.text});
                    break;
            }
            ps.push_back(std::move(cp));
        }
    }
    const std::string odt = write_odt_with_changes(
        ps, {newer.title, "修订 " + std::to_string(from) + " → " + std::to_string(to)},
        "修订" + std::to_string(from) + "→" + std::to_string(to), now_iso().substr(0, 19));
    attachment(c,
               short_name_of(c.app, b) + "-修订" + std::to_string(from) + "与修订" +
                   std::to_string(to) + "对照.odt",
               b.id + "-r" + std::to_string(from) + "-r" + std::to_string(to) + ".odt");
    c.send_bytes(200, kOdt, odt);
}

void compare(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    auto num = [&](const char* key) {
        const std::string v = c.query(key);
        if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
            throw ApiError{400, "request.bad_revision", std::string("参数 ") + key + " 应为修订号"};
        return std::stoll(v);
    };
    const long long from = num("from"), to = num("to");
    const Regulation older = regulation_of(c.app, b.id, from),
                     newer = regulation_of(c.app, b.id, to);
    RegulationDiff d;
    try {
        d = diff_regulations(older, newer);
    } catch (const Error& e) {
        if (e.code() != "diff.too_large") throw;
        throw ApiError{422, e.code(), e.message()};
    }
    if (c.query("format") == "odt") return send_comparison_odt(c, b, from, to, newer, d);
    auto o = obj();
    o->set("from", from);
    o->set("to", to);
    o->set("changed_articles", d.changed_articles());
    if (d.title_changed) {
        auto t = obj();
        t->set("before", d.title_before);
        t->set("after", d.title_after);
        o->set("title", t);
    }
    static const char* kinds[] = {"same", "changed", "added", "removed"};
    const std::string context = c.query("context");
    if (!context.empty() && context != "all")
        throw ApiError{400, "request.bad_context", "参数 context 只能是 all（连同未改动的段落）"};
    const bool with_same = context == "all";
    Array::Ptr arts = new Array;
    for (const auto& a : d.articles) {
        auto x = obj();
        x->set("article", a.label);
        x->set("number", a.number);
        x->set("before_number", a.before_number);
        x->set("status", kinds[a.kind]);
        Array::Ptr ps = new Array;
        for (const auto& p : a.paragraphs) {
            if (p.kind == ParagraphDiff::Same && !with_same) continue;
            auto y = obj();
            y->set("status", kinds[p.kind]);
            y->set("before", p.before);
            y->set("after", p.after);
            if (!p.ops.empty()) {
                Array::Ptr ops = new Array;
                static const char* op_kinds[] = {"same", "insert", "delete"};
                for (const auto& op : p.ops) {
                    auto z = obj();
                    z->set("op", op_kinds[op.kind]);
                    z->set("text", op.text);
                    ops->add(z);
                }
                y->set("ops", ops);
            }
            ps->add(y);
        }
        x->set("paragraphs", ps);
        arts->add(x);
    }
    o->set("articles", arts);
    c.send_json(200, o);
}

void check_text(Call& c) {
    const std::string type = c.req.getContentType();
    const bool odt = type.rfind(kOdt, 0) == 0;
    if (!odt && type.rfind("text/plain", 0) != 0)
        throw ApiError{415, "request.content_type", "检查的内容应为 text/plain 或 ODT 文档"};
    const std::string bytes =
        c.body(static_cast<std::size_t>(c.app.config().max_upload_bytes), false);
    const std::string body_id = c.query("body");
    // A body the user may not see answers exactly as one that does not exist: no enumeration.
    if (!body_id.empty() &&
        (!c.user || !c.app.can_see(*c.user, body_id) || !c.app.framework().find(body_id)))
        throw ApiError{404, "body.not_found", "没有这个机构：" + printable(body_id)};
    // The same text, for the same body, under the same rules, gets the same answer: kept, not
    // redone.
    CheckCache& cache = c.app.check_cache();
    std::string key;
    if (cache.enabled()) {
        key.reserve(bytes.size() + 128);
        key.append(c.app.rules_etag())
            .append(odt ? "\nodt\n" : "\ntext\n")
            .append(body_id)
            .append("\n")
            .append(bytes);
        if (auto answer = cache.find(key))
            return c.send_bytes(200, "application/json; charset=utf-8", *answer);
    }
    if (!odt) require_utf8(bytes);  // after the cache: an answer kept was for a valid text
    // A text is read as views into the request's bytes; an .odt's paragraphs are the document's.
    Document doc;
    ParagraphViews paragraphs;
    std::vector<std::uint32_t> utf16_starts;  // where each line starts in UTF-16 units, if known
    try {
        if (odt) {
            doc = read_odt(bytes);
            paragraphs = views_of(doc);
        } else {
            paragraphs = text_paragraphs(bytes, &utf16_starts);
        }
    } catch (const Error& e) {
        throw ApiError{odt ? 422 : 400, e.code(), e.message()};
    }
    std::shared_ptr<const std::string> answer;
    {
        FairGate::Pass pass(c.app.check_gate());
        const CheckResult r = c.app.checker().check(paragraphs, {&c.app.framework(), body_id});
        ReportInput in{"request", paragraphs, !odt, r.body ? r.body->id : "",
                       odt ? std::string_view() : std::string_view(bytes)};
        in.utf16_starts = utf16_starts;
        answer = std::make_shared<const std::string>(report_json(r.findings, in));
    }
    if (cache.enabled()) cache.remember(key, answer);
    c.send_bytes(200, "application/json; charset=utf-8", *answer);
}

void signoff(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    require(c.me(), WorkflowAction::SignOff, b);
    auto o = c.json({"revision", "password"});
    const long long revision = need_int(o, "revision");
    const std::string password = need_string(o, "password");
    // The head re-enters the password: a token alone (a borrowed session) cannot sign.
    if (!crypto::verify_password(password, c.app.store().user(c.me().name)->password_hash))
        throw ApiError{403, "auth.bad_password", "密码不正确，未签发"};
    SignOff so;
    c.app.store().db().transaction([&](Poco::Data::Session& s) {
        BodyRecord now = *c.app.store().body(s, b.id);
        const auto from = workflow_state_from_string(now.state).value_or(WorkflowState::Drafting);
        if (!after(from, WorkflowAction::SignOff)) illegal(now, WorkflowAction::SignOff);
        if (revision != now.current_revision)
            throw ApiError{409, "signoff.not_approved_revision",
                           "只能签发审核通过的修订 " + std::to_string(now.current_revision) +
                               "，而不是修订 " + std::to_string(revision)};
        auto rows = c.app.store().db().query(
            s, "SELECT sha256 FROM revisions WHERE body = ? AND number = ?", {b.id, revision});
        so = {b.id, static_cast<int>(revision), text(rows.at(0)[0]), c.me().name, now_iso(), ""};
        so.signature = crypto::sign_ed25519(c.app.private_key(), signoff_message(so));
        c.app.store().add_signoff(s, so);
        if (!c.app.store().move(s, b.id, from, WorkflowState::Signed)) throw RetryTransaction{};
        Object::Ptr detail = obj();
        detail->set("revision", revision);
        detail->set("sha256", so.sha256);
        detail->set("signature", so.signature);
        c.app.store().audit(s, c.me().name, "workflow.sign-off", b.id, json_text(detail));
    });
    auto r = obj();
    r->set("body", so.body);
    r->set("revision", so.revision);
    r->set("sha256", so.sha256);
    r->set("signer", so.signer);
    r->set("signed_at", so.signed_at);
    r->set("signature", so.signature);
    c.send_json(201, r);
}

// The fingerprint users compare with `sanding verify`'s, in a header beside the PEM.
void get_public_key(Call& c) {
    c.res.set("X-Key-Fingerprint", c.app.key_fingerprint());
    c.send_bytes(200, "application/x-pem-file", c.app.public_key());
}

}  // namespace

std::vector<Route> App::routes() {
    return {
        {"GET", "/", false, api::web_index},
        {"GET", "/web/{file}", false, api::web_asset},
        {"GET", "/healthz", false, healthz},
        {"POST", "/api/v1/login", false, login},
        {"POST", "/api/v1/logout", true, logout},
        {"GET", "/api/v1/me", true, me},
        {"GET", "/api/v1/bodies", true, list_bodies},
        {"GET", "/api/v1/bodies/{id}", true, get_body},
        {"POST", "/api/v1/bodies/{id}/drafts", true, create_draft},
        {"GET", "/api/v1/bodies/{id}/revisions", true, list_revisions},
        {"POST", "/api/v1/bodies/{id}/revisions", true, upload_revision},
        {"GET", "/api/v1/bodies/{id}/revisions/{n}", true, get_revision},
        {"GET", "/api/v1/bodies/{id}/revisions/{n}/findings", true, get_findings},
        {"GET", "/api/v1/bodies/{id}/revisions/{n}/text", true, api::revision_text},
        {"GET", "/api/v1/bodies/{id}/revisions/{n}/quota", true, api::revision_quota},
        {"GET", "/api/v1/bodies/{id}/compare", true, compare},
        {"POST", "/api/v1/bodies/{id}/submit", true, submit},
        {"POST", "/api/v1/bodies/{id}/return", true, return_draft},
        {"POST", "/api/v1/bodies/{id}/approve", true, approve},
        {"POST", "/api/v1/bodies/{id}/signoff", true, signoff},
        {"GET", "/api/v1/model-texts", true, list_model_texts},
        {"GET", "/api/v1/model-texts/{kind}", true, get_model_text},
        {"GET", "/api/v1/rules", false, get_rules},
        {"POST", "/api/v1/check", true, check_text},
        {"GET", "/api/v1/queue", true, api::queue},
        {"GET", "/api/v1/framework", true, api::get_framework},
        {"GET", "/api/v1/boundaries", true, api::boundaries},
        {"GET", "/api/v1/boundaries/decisions", true, api::list_decisions},
        {"POST", "/api/v1/boundaries/decisions", true, api::record_decision},
        {"GET", "/api/v1/board", true, api::board},
        {"GET", "/api/v1/board.ods", true, api::board_ods},
        {"POST", "/api/v1/collect", true, api::collect},
        {"GET", "/api/v1/bundle", true, api::bundle},
        {"GET", "/api/v1/audit", true, api::audit_log},
        {"GET", "/api/v1/public-key", false, get_public_key},
    };
}

}  // namespace sanding::server
