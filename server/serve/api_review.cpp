#include "api_review.hpp"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <map>

#include "api_util.hpp"
#include "sanding/clock.hpp"
#include "sanding/text.hpp"

namespace sanding::server::api {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr std::size_t kMaxComment = 20000;     // bytes of one remark
constexpr std::size_t kMaxComments = 500;      // remarks on one return
constexpr std::size_t kReturnBody = 1u << 20;  // a return with its remarks and quotes

// What the reviewer wrote: the overall comment and the remarks tied to places in the draft.
struct Verdict {
    std::string comment;
    Array::Ptr comments = new Array;
};

std::string bounded_string(const Object::Ptr& o, const std::string& key, const std::string& where) {
    if (!o->has(key)) return {};
    const Poco::Dynamic::Var v = o->get(key);
    if (!v.isString()) throw ApiError{400, "json.wrong_type", where + "的“" + key + "”应为文字"};
    std::string s = v.convert<std::string>();
    if (s.size() > kMaxComment) throw ApiError{400, "json.too_long", where + "的“" + key + "”过长"};
    return s;
}

Verdict verdict_of(Call& c, bool returning) {
    Verdict v;
    if (!returning && c.req.getContentLength64() == 0) return v;  // approve without a body
    auto o = returning ? c.json({"comment", "comments"}, kReturnBody) : c.json({"comment"});
    v.comment = bounded_string(o, "comment", "意见");
    if (returning && o->has("comments")) {
        if (!o->isArray("comments"))
            throw ApiError{400, "json.wrong_type", "“comments”应为意见列表"};
        auto items = o->getArray("comments");
        if (items->size() > kMaxComments)
            throw ApiError{400, "json.too_long", "意见条数过多（至多 500 条）"};
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string where = "第 " + std::to_string(i + 1) + " 条意见";
            if (!items->isObject(i)) throw ApiError{400, "json.wrong_type", where + "应为对象"};
            auto item = items->getObject(i);
            for (const auto& [k, _] : *item)
                if (k != "article" && k != "quote" && k != "text")
                    throw ApiError{400, "json.unknown_field", where + "有未知字段：“" + k + "”"};
            auto x = obj();
            x->set("article", bounded_string(item, "article", where));
            x->set("quote", bounded_string(item, "quote", where));
            const std::string text = bounded_string(item, "text", where);
            if (trim(text).empty())
                throw ApiError{400, "json.empty_field", where + "没有写内容（text）"};
            x->set("text", text);
            v.comments->add(x);
        }
    }
    if (returning && trim(v.comment).empty() && v.comments->size() == 0)
        throw ApiError{400, "json.empty_field", "退回时须写明意见（总体意见或逐条意见）"};
    return v;
}

// Who may, then what was asked: a user without the role gets 403/404 whatever the body says.
void transition(Call& c, WorkflowAction action) {
    App& app = c.app;
    BodyRecord b = app.visible_body(c.me(), c.param("id"));
    require(c.me(), action, b);
    const bool reviewing = action == WorkflowAction::Return || action == WorkflowAction::Approve;
    const Verdict verdict = verdict_of(c, action == WorkflowAction::Return);
    app.store().db().transaction([&](Poco::Data::Session& s) {
        BodyRecord now = *app.store().body(s, b.id);
        const auto from = workflow_state_from_string(now.state).value_or(WorkflowState::Drafting);
        auto next = after(from, action);
        if (!next) illegal(now, action);
        if (action == WorkflowAction::Submit && now.current_revision == 0)
            throw ApiError{409, "workflow.no_revision", "还没有任何修订，不能提交"};
        if (!app.store().move(s, b.id, from, *next)) throw RetryTransaction{};
        if (reviewing) {
            ReviewRecord r;
            r.body = b.id, r.revision = now.current_revision, r.reviewer = c.me().name;
            r.verdict = action == WorkflowAction::Return ? "returned" : "approved";
            r.comment = verdict.comment, r.comments_json = json_text(verdict.comments);
            app.store().add_review(s, r);
        }
        Object::Ptr detail = obj();
        detail->set("from", now.state);
        detail->set("to", std::string(to_string(*next)));
        detail->set("revision", now.current_revision);
        if (!verdict.comment.empty()) detail->set("comment", verdict.comment);
        if (verdict.comments->size() > 0) detail->set("comments", verdict.comments->size());
        app.store().audit(s, c.me().name, "workflow." + std::string(to_string(action)), b.id,
                          json_text(detail));
    });
    c.send_json(200, body_json(app, *app.store().body(b.id)));
}

const char* verdict_label(const std::string& v) {
    return v == "returned" ? "退回" : v == "approved" ? "审核通过" : "审核意见";
}

Object::Ptr review_json(App& app, const People& people, const ReviewRecord& r) {
    auto x = obj();
    x->set("revision", r.revision);
    x->set("verdict", r.verdict);
    x->set("verdict_label", std::string(verdict_label(r.verdict)));
    x->set("reviewer", r.reviewer);
    x->set("reviewer_name", people.display_name(r.reviewer));
    x->set("at", r.at);
    x->set("at_local", local_time(app, r.at));
    x->set("comment", r.comment);
    Poco::Dynamic::Var comments;
    try {
        comments = Poco::JSON::Parser().parse(r.comments_json);
    } catch (const std::exception&) {
        comments = Poco::Dynamic::Var(Array::Ptr(new Array));  // written by us; never expected
    }
    x->set("comments", comments);
    return x;
}

}  // namespace

void submit(Call& c) {
    transition(c, WorkflowAction::Submit);
}
void return_draft(Call& c) {
    transition(c, WorkflowAction::Return);
}
void approve(Call& c) {
    transition(c, WorkflowAction::Approve);
}

History history(App& app, const BodyRecord& b) {
    const People people(app);
    const auto reviews = app.store().reviews(b.id);
    const auto so = app.store().signoff(b.id);
    const auto state = workflow_state_from_string(b.state).value_or(WorkflowState::Drafting);
    History h{new Array, new Array, nullptr};
    if (so) {
        h.signoff = obj();
        h.signoff->set("revision", so->revision);
        h.signoff->set("sha256", so->sha256);
        h.signoff->set("signer", so->signer);
        h.signoff->set("signer_name", people.display_name(so->signer));
        h.signoff->set("signed_at", so->signed_at);
        h.signoff->set("signed_at_local", local_time(app, so->signed_at));
        h.signoff->set("signature", so->signature);
    }
    for (const auto& r : reviews) h.reviews->add(review_json(app, people, r));
    for (const auto& r : app.store().revisions(b.id)) {
        auto o = obj();
        o->set("number", r.number);
        o->set("sha256", r.sha256);
        o->set("size", r.size);
        o->set("author", r.author);
        o->set("author_name", people.display_name(r.author));
        o->set("comment", r.comment);
        o->set("created_at", r.created_at);
        o->set("created_at_local", local_time(app, r.created_at));
        auto f = obj();
        f->set("errors", r.errors);
        f->set("warnings", r.warnings);
        f->set("infos", r.infos);
        o->set("findings", f);
        Array::Ptr mine = new Array;
        std::string last_verdict;
        for (const auto& v : reviews)
            if (v.revision == r.number)
                mine->add(review_json(app, people, v)), last_verdict = v.verdict;
        o->set("reviews", mine);
        // The revision's state as a reader of the history means it.
        std::string status = "draft";
        if (so && so->revision == r.number)
            status = state == WorkflowState::Collected ? "collected" : "signed";
        else if (!last_verdict.empty())
            status = last_verdict;
        else if (r.number == b.current_revision && state == WorkflowState::Submitted)
            status = "submitted";
        static const std::map<std::string, const char*> labels = {
            {"draft", "草稿"},        {"submitted", "已提交"}, {"returned", "已退回"},
            {"approved", "审核通过"}, {"signed", "已签发"},    {"collected", "已收集"}};
        o->set("status", status);
        o->set("status_label", std::string(labels.at(status)));
        if (so && so->revision == r.number) o->set("signoff", h.signoff);
        h.revisions->add(o);
    }
    return h;
}

void list_revisions(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    c.send_json(200, history(c.app, b).revisions);
}

void queue(Call& c) {
    if (!allowed(role_of(c.me()), Permission::SeeQueue))
        throw ApiError{403, "auth.forbidden",
                       "只有审核组、协调小组办公室和管理员可以查看待审核列表"};
    const People people(c.app);
    const long long now = epoch_seconds(now_iso());
    struct Waiting {
        long long seconds;
        Object::Ptr json;
    };
    std::vector<Waiting> waiting;
    for (const auto& b : c.app.store().bodies()) {
        if (b.state != "submitted") continue;
        const auto submitted = c.app.store().last_action(b.id, "workflow.submit");
        const std::string at = submitted ? submitted->second : b.state_changed_at;
        const long long t = epoch_seconds(at);
        auto o = obj();
        o->set("body", b.id);
        o->set("name", b.name);
        o->set("kind", b.kind);
        o->set("revision", b.current_revision);
        o->set("submitted_at", at);
        o->set("submitted_at_local", local_time(c.app, at));
        o->set("submitted_by", submitted ? submitted->first : std::string());
        o->set("submitted_by_name",
               submitted ? people.display_name(submitted->first) : std::string());
        const long long seconds = t < 0 ? 0 : std::max(0LL, now - t);
        o->set("waiting_seconds", seconds);
        const auto r = c.app.store().revision(b.id, b.current_revision);
        o->set("errors", r ? r->errors : 0);
        o->set("warnings", r ? r->warnings : 0);
        waiting.push_back({seconds, o});
    }
    std::stable_sort(waiting.begin(), waiting.end(),
                     [](const Waiting& a, const Waiting& b) { return a.seconds > b.seconds; });
    Array::Ptr a = new Array;
    for (const auto& w : waiting) a->add(w.json);
    c.send_json(200, a);
}

}  // namespace sanding::server::api
