#include "sanding/audit_text.hpp"

#include <array>
#include <utility>

#include "sanding/error.hpp"
#include "sanding/json_value.hpp"
#include "sanding/workflow.hpp"

namespace sanding {
namespace {

struct Known {
    std::string_view id, label;
};

// The ids the server writes (server/serve/*.cpp): changing one there means adding it here.
constexpr std::array<Known, 13> kActions = {{
    {"server.init", "初始化服务器"},
    {"user.add", "添加用户"},
    {"user.passwd", "重设密码"},
    {"user.locked", "锁定账户"},
    {"user.unlock", "解除锁定"},
    {"draft.create", "新建草案"},
    {"revision.upload", "保存修订"},
    {"workflow.submit", "提交审核"},
    {"workflow.return", "退回修改"},
    {"workflow.approve", "审核通过"},
    {"workflow.sign-off", "签发"},
    {"workflow.collect", "收集"},
    {"boundaries.decide", "记录职责边界决定"},
}};

std::string state_label(const std::string& id) {
    auto s = workflow_state_from_string(id);
    return s ? std::string(chinese_label(*s)) : std::string();
}

std::string role_label(const std::string& id) {
    for (Role r : {Role::Drafter, Role::Head, Role::Reviewer, Role::Office, Role::Admin})
        if (to_string(r) == id) return std::string(chinese_label(r));
    return {};
}

}  // namespace

std::string_view audit_action_label(std::string_view action) {
    for (const auto& k : kActions)
        if (k.id == action) return k.label;
    return "其他操作";
}

const std::vector<std::string_view>& audit_actions() {
    static const std::vector<std::string_view> ids = [] {
        std::vector<std::string_view> v;
        v.reserve(std::size(kActions));
        for (const auto& k : kActions) v.push_back(k.id);
        return v;
    }();
    return ids;
}

std::string audit_detail_text(std::string_view action, std::string_view detail_json) {
    JsonValue d;
    try {
        d = parse_json(detail_json);
    } catch (const Error&) {
        return {};
    }
    if (!d.is(JsonValue::Kind::Object)) return {};
    std::string out;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        if (!out.empty()) out += "；";
        out += part;
    };
    auto text = [&](const char* key) {
        return d[key].is(JsonValue::Kind::String) ? d[key].text : std::string();
    };
    auto number = [&](const char* key) {
        return d[key].is(JsonValue::Kind::Integer) ? std::to_string(d[key].integer) : std::string();
    };
    if (const std::string n = number("revision"); !n.empty()) add("修订 " + n);
    const std::string from = state_label(text("from")), to = state_label(text("to"));
    if (!from.empty() && !to.empty()) add(from + " → " + to);
    if (const std::string u = text("user"); !u.empty()) add("用户 " + u);
    if (const std::string r = role_label(text("role")); !r.empty()) add("角色 " + r);
    if (const std::string f = text("framework"); !f.empty()) add("编制框架 " + f);
    if (const std::string n = number("bodies"); !n.empty()) add(n + " 个机构");
    if (action == "boundaries.decide") {
        if (const std::string s = text("duty"); !s.empty()) add("职责：" + s);
        if (const std::string s = text("lead"); !s.empty()) add("牵头 " + s);
        if (const std::string s = text("support"); !s.empty()) add("配合 " + s);
    }
    if (const std::string n = number("failures"); !n.empty()) add("连续失败 " + n + " 次");
    if (const std::string n = number("comments"); !n.empty()) add(n + " 条逐条意见");
    if (const std::string s = text("comment"); !s.empty()) add("意见：" + s);
    if (const std::string s = text("sha256"); s.size() >= 12)
        add("SHA-256 " + s.substr(0, 12) + "…");
    return out;
}

}  // namespace sanding
