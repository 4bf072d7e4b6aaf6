// The reviewer's commands: 待审核 (the drafts waiting, longest first; one opens for reading with
// the server's findings), 退回 (with an overall comment and every 批注 of the open document) and
// 审核通过.
#include "body_choice.hpp"
#include "client.hpp"
#include "command.hpp"
#include "dialogs.hpp"
#include "opened.hpp"
#include "status.hpp"

namespace sanding::plugin {

namespace {
std::string waited(long long seconds) {
    if (seconds < 3600) return std::to_string(seconds / 60) + " 分钟";
    if (seconds < 86400) return std::to_string(seconds / 3600) + " 小时";
    return std::to_string(seconds / 86400) + " 天";
}

std::string queue_line(const api::QueueEntry& q) {
    return q.name + " · 修订 " + std::to_string(q.revision) + " · " + q.submitted_at_local + " " +
           q.submitted_by_name + " 提交（已等 " + waited(q.waiting_seconds) + "）· 错误 " +
           std::to_string(q.errors) + "，警告 " + std::to_string(q.warnings);
}

// The body a review command acts on: given, else the one the open window came from.
std::string reviewed_body(const Invocation& inv) {
    if (std::string b = inv.arg("Body"); !b.empty()) return b;
    if (auto from = opened_from(inv.model())) return from->body;
    throw ServerError{"请先在“待审核”中打开要审核的草案"};
}

Outcome opened(const Invocation& inv, const std::string& id) {
    const api::Body b = api::body(id);
    OpenRevision what;
    what.body = &b, what.number = b.current_revision, what.read_only = true;
    const auto model = open_revision(inv, what);
    const auto fs = api::findings(id, b.current_revision);
    Outcome o;
    o.message = "已打开 " + b.name + " 的修订 " + std::to_string(b.current_revision) +
                "（供审核）。服务器检查：";
    std::size_t n = 0;
    for (const auto& f : fs)
        if (f.severity != "info" && n++ < 20)
            o.message += "\n" + std::string(f.severity == "error" ? "[错误] " : "[警告] ") +
                         (f.article.empty() ? "" : f.article + " ") + f.message + "（" + f.rule +
                         "）";
    if (n == 0) o.message += "未发现错误或警告";
    o.data->set("opened", b.id);
    o.data->set("revision", b.current_revision);
    o.data->set("findings", static_cast<int>(fs.size()));
    report_draft(draft_status(b));
    if (model->getCurrentController().is()) o.over = model->getCurrentController()->getFrame();
    return o;
}
}  // namespace

Outcome review_queue(Invocation& inv) {
    const std::vector<api::QueueEntry> queue = api::queue();
    Outcome o;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    o.message = queue.empty()
                    ? "没有待审核的草案"
                    : "待审核（" + std::to_string(queue.size()) + " 份，等待最久的在前）：";
    for (const auto& q : queue) {
        Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
        x->set("body", q.body), x->set("name", q.name), x->set("revision", q.revision),
            x->set("line", queue_line(q));
        list->add(x);
        o.message += "\n" + queue_line(q);
    }
    o.data->set("queue", list);
    if (std::string open = inv.arg("Open"); !open.empty()) return opened(inv, open);
    if (auto parent = inv.visible_peer(); parent.is() && !queue.empty()) {
        std::vector<std::string> labels;
        for (const auto& q : queue) labels.push_back(queue_line(q));
        const auto i = inv.on_ui<std::optional<std::size_t>>(
            [&] { return choose(inv.ctx, parent, "待审核", labels, 0); });
        if (!i) {
            o.shown = true;
            return o;
        }
        return opened(inv, queue[*i].body);
    }
    return o;
}

Outcome return_draft(Invocation& inv) {
    const std::string id = reviewed_body(inv);
    const std::vector<api::ReviewComment> comments = document_comments(inv.model());
    const std::string comment = inv.arg("Comment");
    if (comment.empty() && comments.empty())
        throw ServerError{"退回须写明意见（或在文档中加批注）"};
    api::return_draft(id, comment, comments);
    const api::Body b = api::body(id);
    report_draft(draft_status(b));
    Outcome o;
    o.message = "已退回 " + b.name + " 的修订 " + std::to_string(b.current_revision) + "（意见" +
                (comment.empty() ? "" : " 1 条、") + "批注 " + std::to_string(comments.size()) +
                " 条）";
    o.data->set("body", id);
    o.data->set("comments", static_cast<int>(comments.size()));
    o.data->set("state_label", b.state_label);
    return o;
}

Outcome approve(Invocation& inv) {
    const std::string id = reviewed_body(inv);
    api::approve(id, inv.arg("Comment"));
    const api::Body b = api::body(id);
    report_draft(draft_status(b));
    Outcome o;
    o.message = "已审核通过 " + b.name + " 的修订 " + std::to_string(b.current_revision) +
                "，待主要负责人签发";
    o.data->set("body", id);
    o.data->set("state_label", b.state_label);
    return o;
}

}  // namespace sanding::plugin
