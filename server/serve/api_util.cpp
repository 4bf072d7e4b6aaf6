#include "api_util.hpp"

#include <cctype>
#include <sstream>

#include "sanding/clock.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/recognize.hpp"

namespace sanding::server::api {

std::string json_text(const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(v, out);
    return out.str();
}

Role role_of(const User& u) {
    return role_from_string(u.role).value_or(Role::Drafter);
}

void require(const User& u, WorkflowAction action, const BodyRecord& b) {
    const Role role = role_of(u);
    if (!may(role, action) || !may_see_body(role, u.body, b.id))
        throw ApiError{403, "auth.forbidden",
                       "当前角色（" + std::string(chinese_label(role)) + "）不能对该机构执行“" +
                           std::string(chinese_label(action)) + "”"};
}

void illegal(const BodyRecord& b, WorkflowAction a) {
    const auto s = workflow_state_from_string(b.state).value_or(WorkflowState::Drafting);
    throw ApiError{409, "workflow.illegal",
                   "机构当前状态为“" + std::string(chinese_label(s)) + "”，不能执行“" +
                       std::string(chinese_label(a)) + "”"};
}

Poco::JSON::Object::Ptr user_json(const App& app, const User& u) {
    auto o = obj();
    o->set("name", u.name);
    o->set("role", u.role);
    o->set("role_label", std::string(chinese_label(role_of(u))));
    o->set("body", u.body.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(u.body));
    o->set("display_name", u.display_name);
    o->set("time_zone", app.config().time_zone);
    o->set("time_zone_label", time_zone_label(app.config().time_zone));
    // What the pages may offer this user, from core's tables (the server still checks each
    // request): the workspace shows a menu entry or a button only where this says so.
    const Role role = role_of(u);
    auto may_do = obj();
    may_do->set("see_board", allowed(role, Permission::SeeBoard));
    may_do->set("see_queue", allowed(role, Permission::SeeQueue));
    may_do->set("see_boundaries", allowed(role, Permission::SeeBoundaries));
    may_do->set("record_boundary_decision", allowed(role, Permission::RecordBoundaryDecision));
    may_do->set("see_audit_log", allowed(role, Permission::SeeAuditLog));
    may_do->set("review", may(role, WorkflowAction::Approve) && may(role, WorkflowAction::Return));
    may_do->set("sign", may(role, WorkflowAction::SignOff));
    may_do->set("collect", may(role, WorkflowAction::Collect));
    o->set("may", may_do);
    return o;
}

People::People(App& app) {
    for (const auto& u : app.store().users())
        names_[u.name] = u.display_name.empty() ? u.name : u.display_name;
}

std::string People::display_name(const std::string& user) const {
    auto it = names_.find(user);
    return it == names_.end() ? user : it->second;
}

namespace {

// [{"<name>": …, "count": …}] for the framework's 编制 and 领导职数.
template <class Item>
Poco::JSON::Array::Ptr counted(const std::vector<Item>& items, const char* name,
                               std::string Item::*label, int Item::*count) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& item : items) {
        auto x = obj();
        x->set(name, item.*label);
        x->set("count", item.*count);
        a->add(x);
    }
    return a;
}

}  // namespace

Poco::JSON::Object::Ptr body_json(App& app, const BodyRecord& b) {
    auto o = obj();
    o->set("id", b.id);
    o->set("name", b.name);
    o->set("kind", b.kind);
    o->set("state", b.state);
    o->set("state_label", std::string(chinese_label(workflow_state_from_string(b.state).value_or(
                              WorkflowState::Drafting))));
    o->set("state_changed_at", b.state_changed_at);
    o->set("state_changed_at_local", local_time(app, b.state_changed_at));
    o->set("current_revision", b.current_revision);
    if (const BodyFacts* f = app.framework().find(b.id)) {
        auto q = obj();
        q->set("establishments", counted(f->quota.establishments, "type", &Establishment::type,
                                         &Establishment::count));
        q->set("leaders",
               counted(f->quota.leaders, "title", &LeaderPost::title, &LeaderPost::count));
        q->set("unit_level", f->quota.unit_level);
        q->set("unit_posts", f->quota.unit_posts);
        q->set("internal_units", f->internal_unit_count);
        o->set("quota", q);
        o->set("full_name", f->full_name);
        o->set("short_name", f->short_name);
        o->set("rank", f->rank);
    }
    return o;
}

void attachment(Call& c, const std::string& utf8_name, const std::string& ascii_fallback) {
    static const char* hex = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char ch : utf8_name) {
        if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_')
            encoded += static_cast<char>(ch);
        else
            encoded += '%', encoded += hex[ch >> 4], encoded += hex[ch & 15];
    }
    c.res.set("Content-Disposition",
              "attachment; filename=\"" + ascii_fallback + "\"; filename*=UTF-8''" + encoded);
}

std::string short_name_of(const App& app, const BodyRecord& b) {
    const BodyFacts* f = app.framework().find(b.id);
    if (f && !f->short_name.empty()) return f->short_name;
    return b.name.empty() ? b.id : b.name;
}

long long revision_param(const Call& c) {
    const std::string& n = c.param("n");
    if (n.empty() || n.size() > 9 || n.find_first_not_of("0123456789") != std::string::npos)
        throw ApiError{400, "request.bad_revision", "修订号应为正整数：" + n};
    return std::stoll(n);
}

Regulation regulation_of(App& app, const std::string& body, long long n) {
    auto bytes = app.store().revision_bytes(body, n);
    if (!bytes) throw ApiError{404, "revision.not_found", "没有这个修订：" + std::to_string(n)};
    return recognize(read_odt(*bytes));
}

std::string local_time(const App& app, const std::string& iso_utc) {
    return local_time_text(iso_utc, app.config().time_zone);
}

}  // namespace sanding::server::api
