// What a command needs and was not given, asked over a visible window on the UI thread before any
// network call: the login password once per session, a revision's comment, a review's comment.
// (签发 asks for its password itself, after checking the document.)
#include "client.hpp"
#include "command.hpp"
#include "dialogs.hpp"

namespace sanding::plugin {

namespace {
bool needs_login(const std::string& command) {
    return command == "NewDraft" || command == "SaveRevision" || command == "Submit" ||
           command == "Revisions" || command == "Queue" || command == "Return" ||
           command == "Approve";
}
}  // namespace

bool ask_missing(const std::string& command, Invocation& inv) {
    auto parent = inv.visible_peer();
    if (!parent.is()) return true;
    const auto& ctx = inv.ctx;
    auto& c = Connection::instance();
    if (command == "Settings" && inv.arg("Server").empty()) {
        auto v = ask(ctx, parent, tr(ctx, "三定 ▸ 设置", "Sanding ▸ Settings"),
                     {{tr(ctx, "服务器地址（如 http://127.0.0.1:8080）", "Server URL"),
                       c.server().empty() ? "http://127.0.0.1:8080" : c.server()},
                      {tr(ctx, "登录名", "User name"), c.user()},
                      {tr(ctx, "密码（仅本次会话使用，不保存）",
                          "Password (this session only, never stored)"),
                       "", true}},
                     tr(ctx, "保存并测试连接", "Save and test connection"));
        if (!v) return false;
        inv.put("Server", (*v)[0]), inv.put("User", (*v)[1]), inv.put("Password", (*v)[2]);
        return true;
    }
    if (needs_login(command) && c.configured() && c.password().empty()) {
        // A server remembered from an earlier session: the password is asked once per session.
        auto v =
            ask(ctx, parent, tr(ctx, "登录 ", "Log in to ") + c.server(),
                {{tr(ctx, "用户 ", "Password of ") + c.user() + tr(ctx, " 的密码", ""), "", true}});
        if (!v) return false;
        c.set_password((*v)[0]);
    }
    if ((command == "Submit" || command == "SaveRevision") && inv.arg("Comment").empty()) {
        auto v = ask(ctx, parent, command == "Submit" ? "提交审核" : "保存修订",
                     {{tr(ctx, "修订说明", "Comment"), ""}});
        if (!v) return false;
        inv.put("Comment", (*v)[0]);
    } else if (command == "Return" && inv.arg("Comment").empty()) {
        auto v = ask(ctx, parent, "退回", {{"退回意见（文档中的批注也一并退回）", ""}}, "退回");
        if (!v) return false;
        inv.put("Comment", (*v)[0]);
    } else if (command == "Approve" && inv.arg("Comment").empty()) {
        auto v = ask(ctx, parent, "审核通过", {{"意见（可不填）", ""}}, "审核通过");
        if (!v) return false;
        inv.put("Comment", (*v)[0]);
    } else if (command == "Revisions" && inv.arg("Open").empty() && inv.arg("Compare").empty() &&
               inv.arg("List") != "1") {
        auto v = ask(
            ctx, parent,
            tr(ctx, "修订记录（都不填则只列出）", "Revisions (leave both empty to list)"),
            {{tr(ctx, "打开修订号", "Open revision number"), ""},
             {tr(ctx, "与当前文档比较的修订号", "Compare the open document with revision"), ""}});
        if (!v) return false;
        if (!(*v)[0].empty())
            inv.put("Open", (*v)[0]);
        else if (!(*v)[1].empty())
            inv.put("Compare", (*v)[1]);
    }
    return true;
}

}  // namespace sanding::plugin
