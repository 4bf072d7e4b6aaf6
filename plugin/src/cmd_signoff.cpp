// 签发: the principal head signs the approved revision. The open document is checked first (open
// errors only when the head confirms), then the password is asked once (it also logs in when this
// office session has not yet), and the document must say what the approved revision says.
#include "body_choice.hpp"
#include "client.hpp"
#include "command.hpp"
#include "dialogs.hpp"
#include "rules.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/report.hpp"
#include "sanding/diff.hpp"
#include "sanding/odf_reader.hpp"
#include "status.hpp"

namespace sanding::plugin {

Outcome sign_off(Invocation& inv) {
    const std::string bytes = inv.document_bytes();
    const Document open = read_odt(bytes);
    // Checked first: open errors are signed only when the head says so.
    if (auto checker = current_checker()) {
        const Summary s = summarize(checker->check(open).findings);
        if (s.errors > 0 && inv.arg("SignWithErrors") != "1") {
            const auto parent = inv.visible_peer();
            const std::string question =
                "检查发现 " + std::to_string(s.errors) + " 个错误未改。仍要签发吗？";
            if (!(parent.is() &&
                  inv.on_ui<bool>([&] { return confirm(inv.ctx, parent, question); }))) {
                Outcome o;
                o.ok = false;
                o.message = "未签发：文档有 " + std::to_string(s.errors) +
                            " 个错误未改（三定 ▸ 检查全文 列出它们）";
                o.data->set("errors", s.errors);
                return o;
            }
        }
    }
    // Then the password, once: it signs, and logs in when this session has not (after a restart).
    std::string password = inv.arg("Password");
    if (password.empty())
        if (const auto parent = inv.visible_peer(); parent.is()) {
            auto& c = Connection::instance();
            const auto v = inv.on_ui<std::optional<std::vector<std::string>>>([&] {
                return ask(inv.ctx, parent, "签发：请输入密码",
                           {{"用户 " + c.user() + " 的密码", "", true}}, "签发");
            });
            if (!v) {
                Outcome o;
                o.ok = false, o.shown = true;
                return o;
            }
            password = (*v)[0];
        }
    if (password.empty()) throw ServerError{"签发须再次输入密码"};
    if (Connection::instance().password().empty()) Connection::instance().set_password(password);
    const api::Me me = api::me();
    const std::optional<std::string> id = chosen_body(inv, me, "签发：选择机构");
    if (!id) throw ServerError{"未签发"};
    const api::Body b = api::body(*id);
    if (b.state != "approved")
        throw ServerError{"只能签发审核通过的修订；当前状态：" + b.state_label};
    const long long n = b.current_revision;
    // What is signed is what the head sees: the open document must say what revision n says.
    if (!same_text(open, read_odt(api::revision_bytes(*id, n))))
        throw ServerError{"打开的文档与审核通过的修订 " + std::to_string(n) +
                          " 不一致，未签发；请打开修订 " + std::to_string(n) + " 再签发"};
    const api::SignOffRecord r = api::sign_off(*id, n, password);
    report_draft(draft_status(api::body(*id)));
    Outcome o;
    o.message = "已签发修订 " + std::to_string(n) + "（SHA-256 " + r.sha256.substr(0, 12) + "…，" +
                r.signed_at_local + "）";
    Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
    x->set("revision", r.revision), x->set("sha256", r.sha256), x->set("signer", r.signer),
        x->set("signed_at", r.signed_at);
    o.data->set("signoff", x);
    return o;
}

}  // namespace sanding::plugin
