// 修订记录: a body's revisions with their state, author, local time, review comments and sign-off;
// Open=N opens revision N in a window of its own, Compare=N marks how the open document differs
// from revision N with Writer's own comparison.
#include <com/sun/star/frame/DispatchHelper.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>

#include "body_choice.hpp"
#include "client.hpp"
#include "command.hpp"
#include "opened.hpp"
#include "strings.hpp"

namespace sanding::plugin {

using namespace css;

namespace {
std::string history(const api::Body& b, const std::string& zone) {
    std::string out = b.name + "（" + b.state_label + "）的修订（时间为" + zone + "）：";
    for (const auto& r : b.revisions) {
        out += "\n修订 " + std::to_string(r.number) +
               (r.status_label.empty() ? "" : "【" + r.status_label + "】") + "  " +
               r.created_at_local + "  " + r.author_name +
               (r.comment.empty() ? "" : "  " + r.comment) + "  错误 " +
               std::to_string(r.findings.errors) + "，警告 " + std::to_string(r.findings.warnings);
        for (const auto& v : b.reviews_of(r.number)) {
            out += "\n    " + v.verdict_label + "  " + v.at_local + "  " + v.reviewer_name +
                   (v.comment.empty() ? "" : "：" + v.comment);
            for (const auto& c : v.comments)
                out += "\n      · " + (c.article.empty() ? "" : c.article + " ") +
                       (c.quote.empty() ? "" : "“" + c.quote + "”：") + c.text;
        }
    }
    if (b.signoff)
        out += "\n已签发：修订 " + std::to_string(b.signoff->revision) + "  " +
               b.signoff->signed_at_local + "  " + b.signoff->signer_name + "  SHA-256 " +
               b.signoff->sha256.substr(0, 12) + "…";
    return out;
}
}  // namespace

Outcome revisions(Invocation& inv) {
    const api::Me me = api::me();
    const std::optional<std::string> id = chosen_body(inv, me, "修订记录：选择机构");
    if (!id) {
        Outcome o;
        o.ok = false, o.shown = true;
        return o;
    }
    const api::Body b = api::body(*id);
    Outcome o;
    o.message = history(b, me.time_zone_label);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("id", b.id), body->set("name", b.name), body->set("state_label", b.state_label);
    Poco::JSON::Array::Ptr revs = new Poco::JSON::Array;
    for (const auto& r : b.revisions) {
        Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
        x->set("number", r.number), x->set("author_name", r.author_name),
            x->set("created_at_local", r.created_at_local);
        x->set("status_label", r.status_label);
        revs->add(x);
    }
    body->set("revisions", revs);
    o.data->set("body", body);
    const std::string open = inv.arg("Open"), compare = inv.arg("Compare");
    const std::string n = open.empty() ? compare : open;
    if (n.empty()) return o;
    if (n.find_first_not_of("0123456789") != std::string::npos || n.size() > 9)
        throw ServerError{"修订号应为数字：" + n};
    if (!open.empty()) {
        std::vector<api::ReviewComment> comments;
        std::string author, time;
        for (const auto& r : b.reviews_of(std::stoll(n)))
            if (r.verdict == "returned")
                comments = r.comments, author = r.reviewer_name, time = r.at_local;
        open_revision(inv, {&b, std::stoll(n), false, comments, author, time});
        o.message = "已打开修订 " + n;
        o.shown = true;  // the new window says it
        o.data->set("title", b.short_name + "-修订" + n);
    } else {
        // Writer compares with a file: the revision downloaded to one of its own.
        const std::string url = revision_file_url(b, std::stoll(n));
        uno::Reference<frame::XDispatchHelper> helper = frame::DispatchHelper::create(inv.ctx);
        uno::Sequence<beans::PropertyValue> props(2);
        props[0].Name = "URL";
        props[0].Value <<= u(url);
        props[1].Name = "NoAcceptDialog";
        props[1].Value <<= true;
        helper->executeDispatch(uno::Reference<frame::XDispatchProvider>(inv.frame, uno::UNO_QUERY),
                                ".uno:CompareDocuments", "", 0, props);
        o.message = "已将当前文档与修订 " + n + " 比较，差异以修订标记显示";
    }
    o.data->set("revision", std::stoll(n));
    return o;
}

}  // namespace sanding::plugin
