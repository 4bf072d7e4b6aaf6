#include "api_drafts.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "api_boundaries.hpp"
#include "api_review.hpp"
#include "api_util.hpp"
#include "app.hpp"
#include "sanding/check/report.hpp"
#include "sanding/clock.hpp"
#include "sanding/crypto.hpp"
#include "sanding/error.hpp"
#include "sanding/model_text.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/render.hpp"
#include "sanding/signoff.hpp"
#include "sanding/text.hpp"

namespace sanding::server::api {
namespace {

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

}  // namespace

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
        const auto signed_revision = c.app.store().revision(s, b.id, revision);
        if (!signed_revision)
            throw ApiError{404, "revision.not_found", "没有这个修订：" + std::to_string(revision)};
        so = {b.id, static_cast<int>(revision), signed_revision->sha256, c.me().name, now_iso(),
              ""};
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

}  // namespace sanding::server::api
