// The drafter's commands: 新建草案 (open the body's current draft, or start one from the model
// text), 保存修订 (upload the open document as a revision) and 提交审核 (upload and submit).
#include "body_choice.hpp"
#include "client.hpp"
#include "command.hpp"
#include "dialogs.hpp"
#include "opened.hpp"
#include "status.hpp"

namespace sanding::plugin {

namespace {
Outcome cancelled() {
    Outcome o;
    o.ok = false;  // nothing done; nothing to say
    o.data->set("cancelled", true);
    return o;
}

Poco::JSON::Object::Ptr revision_json(const api::Revision& r) {
    Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
    x->set("number", r.number);
    x->set("sha256", r.sha256);
    x->set("errors", r.findings.errors);
    x->set("warnings", r.findings.warnings);
    return x;
}

// The server's findings of a revision as lines for a message: its errors first, then warnings.
std::string server_findings_text(const std::vector<api::ServerFinding>& fs,
                                 std::size_t limit = 12) {
    std::string out;
    std::size_t n = 0;
    for (const char* severity : {"error", "warning"})
        for (const auto& f : fs)
            if (f.severity == severity && n++ < limit)
                out += "\n" + std::string(f.severity == "error" ? "[错误] " : "[警告] ") +
                       (f.article.empty() ? "" : f.article + " ") + f.message + "（" + f.rule +
                       "）";
    if (n > limit) out += "\n……另有 " + std::to_string(n - limit) + " 处";
    return out;
}

struct Saved {
    api::Body body;
    api::Revision revision;
    std::vector<api::ServerFinding> findings;
};

Saved upload(Invocation& inv) {
    const api::Me me = api::me();
    if (me.body.empty() && inv.arg("Body").empty())
        throw ServerError{"只有机构的起草人可以保存修订"};
    const std::string id = inv.arg("Body").empty() ? me.body : inv.arg("Body");
    Saved s;
    s.revision = api::upload(id, inv.document_bytes(), inv.arg("Comment"));
    s.findings = api::findings(id, s.revision.number);
    s.body = api::body(id);
    return s;
}
}  // namespace

Outcome new_draft(Invocation& inv) {
    const api::Me me = api::me();
    const std::optional<std::string> chosen = chosen_body(inv, me, "新建草案：选择机构");
    if (!chosen) return cancelled();
    api::Body b = api::body(*chosen);
    long long n = b.current_revision;
    if (n == 0) {
        Poco::JSON::Object::Ptr r =
            Connection::instance().json("POST", "/api/v1/bodies/" + *chosen + "/drafts");
        n = r->getValue<long long>("number");
        b = api::body(*chosen);
    }
    OpenRevision what;
    what.body = &b, what.number = n;
    // A returned draft opens with the reviewer's remarks as 批注 where they were made.
    if (b.state == "returned")
        for (const auto& r : b.reviews_of(n))
            if (r.verdict == "returned") {
                what.comments = r.comments, what.comment_author = r.reviewer_name,
                what.comment_time = r.at_local;
                if (!r.comment.empty()) what.comments.push_back({"", "", "退回意见：" + r.comment});
            }
    open_revision(inv, what);
    report_draft(draft_status(b));
    Outcome o;
    o.message = "已打开 " + b.name + " 的修订 " + std::to_string(n);
    o.shown = true;  // the new window says it
    o.data->set("body", b.id);
    o.data->set("name", b.name);
    o.data->set("revision", n);
    o.data->set("title", b.short_name + "-修订" + std::to_string(n));
    o.data->set("comments", static_cast<int>(what.comments.size()));
    return o;
}

Outcome save_revision(Invocation& inv) {
    const Saved s = upload(inv);
    report_draft(draft_status(s.body));
    Outcome o;
    o.message = "已保存修订 " + std::to_string(s.revision.number) + "（未提交审核）：错误 " +
                std::to_string(s.revision.findings.errors) + "，警告 " +
                std::to_string(s.revision.findings.warnings) + server_findings_text(s.findings);
    o.data->set("body", s.body.id);
    o.data->set("revision", revision_json(s.revision));
    o.data->set("state_label", s.body.state_label);
    return o;
}

Outcome submit_for_review(Invocation& inv) {
    Saved s = upload(inv);
    Outcome o;
    o.data->set("body", s.body.id);
    o.data->set("revision", revision_json(s.revision));
    const std::string counts = "错误 " + std::to_string(s.revision.findings.errors) + "，警告 " +
                               std::to_string(s.revision.findings.warnings);
    if (s.revision.findings.errors > 0 && inv.arg("SubmitWithErrors") != "1") {
        // One question, naming what the server found: submit anyway?
        const std::string question = "修订 " + std::to_string(s.revision.number) +
                                     " 已保存。服务器检查发现 " + counts + "：" +
                                     server_findings_text(s.findings) + "\n\n仍要提交审核吗？";
        const auto parent = inv.visible_peer();
        const bool yes =
            parent.is() && inv.on_ui<bool>([&] { return confirm(inv.ctx, parent, question); });
        if (!yes) {
            report_draft(draft_status(s.body));
            o.ok = false;
            o.message = "修订 " + std::to_string(s.revision.number) + " 已保存，但未提交审核：有 " +
                        std::to_string(s.revision.findings.errors) + " 个错误未改" +
                        server_findings_text(s.findings);
            o.data->set("submitted", false);
            return o;
        }
    }
    api::submit(s.body.id);
    s.body = api::body(s.body.id);
    report_draft(draft_status(s.body));
    o.message = "已提交审核：修订 " + std::to_string(s.revision.number) + "（" + counts + "）" +
                server_findings_text(s.findings);
    o.data->set("submitted", true);
    o.data->set("state_label", s.body.state_label);
    return o;
}

}  // namespace sanding::plugin
