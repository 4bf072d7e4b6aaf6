#include "api_collect.hpp"

#include <Poco/JSON/Array.h>

#include <set>

#include "api_util.hpp"
#include "sanding/audit_text.hpp"
#include "sanding/bundle.hpp"
#include "sanding/clock.hpp"
#include "sanding/error.hpp"

namespace sanding::server::api {
namespace {

using Poco::JSON::Array;

void require_office(Call& c, const char* what) {
    if (!may(role_of(c.me()), WorkflowAction::Collect))
        throw ApiError{403, "auth.forbidden", std::string("只有协调小组办公室可以") + what};
}

// The framework's 序号, 简称 and name for a body; bodies outside the framework come after it.
void place(const Framework& fw, BundleItem& it, std::size_t others) {
    for (std::size_t i = 0; i < fw.bodies.size(); ++i)
        if (fw.bodies[i].id == it.signoff.body) {
            it.position = static_cast<int>(i) + 1;
            it.name = fw.bodies[i].name;
            it.short_name =
                fw.bodies[i].short_name.empty() ? fw.bodies[i].name : fw.bodies[i].short_name;
            return;
        }
    it.position = static_cast<int>(fw.bodies.size() + others) + 1;
    it.name = it.short_name = it.signoff.body;
}

}  // namespace

void collect(Call& c) {
    require_office(c, "收集签发稿");
    Array::Ptr moved = new Array;
    c.app.store().db().transaction([&](Poco::Data::Session& s) {
        moved->clear();
        for (const auto& so : c.app.store().signoffs()) {
            auto b = c.app.store().body(s, so.body);
            if (!b) continue;
            const auto now = workflow_state_from_string(b->state);
            const auto next = now ? after(*now, WorkflowAction::Collect) : std::nullopt;
            if (!next || !c.app.store().move(s, so.body, *now, *next)) continue;
            c.app.store().audit(s, c.me().name, "workflow.collect", so.body,
                                "{\"revision\":" + std::to_string(so.revision) + "}");
            auto x = obj();
            x->set("body", so.body);
            x->set("name", b->name);
            x->set("revision", so.revision);
            moved->add(x);
        }
    });
    auto o = obj();
    o->set("count", moved->size());
    o->set("bodies", moved);
    c.send_json(200, o);
}

void bundle(Call& c) {
    require_office(c, "下载收集包");
    const Framework& fw = c.app.framework();
    std::set<std::string> collected;
    for (const auto& b : c.app.store().bodies())
        if (b.state == to_string(WorkflowState::Collected)) collected.insert(b.id);
    BundleInfo info{fw.district.city + fw.district.name, fw.round.name, now_iso(), {}};
    info.local_time = local_time_text(info.generated_at, c.app.config().time_zone);
    std::vector<BundleItem> items;
    for (const auto& so : c.app.store().signoffs()) {
        if (!collected.count(so.body)) continue;
        BundleItem it;
        it.signoff = so;
        try {
            auto bytes = c.app.store().revision_bytes(so.body, so.revision);
            if (!bytes) continue;
            it.bytes = std::move(*bytes);
        } catch (const Error& e) {
            throw ApiError{500, e.code(), e.message()};
        }
        place(fw, it, items.size());
        items.push_back(std::move(it));
    }
    if (items.empty())
        throw ApiError{409, "bundle.empty", "还没有收集到签发稿：请先在“收集”页面收集已签发的机构"};
    std::string zip;
    try {
        zip = build_bundle(info, items, c.app.private_key(), c.app.public_key());
    } catch (const Error& e) {
        if (e.code() == "bundle.hash_mismatch") throw ApiError{500, e.code(), e.message()};
        throw;
    }
    const std::string day = info.local_time.substr(0, 10);
    attachment(c, info.district + "-" + info.round + "-收集包-" + day + ".zip",
               "sanding-bundle-" + day + ".zip");
    c.send_bytes(200, "application/zip", zip);
}

void audit_log(Call& c) {
    if (!allowed(role_of(c.me()), Permission::SeeAuditLog))
        throw ApiError{403, "auth.forbidden", "只有管理员和协调小组办公室可以查看审计日志"};
    const std::string body = c.query("body"), action = c.query("action");
    if (!action.empty() && audit_action_label(action) == audit_action_label(""))
        throw ApiError{400, "request.bad_action", "参数 action 不是已知的操作"};
    if (!body.empty() && !c.app.store().body(body))
        throw ApiError{400, "request.bad_body", "参数 body 不是本轮的机构"};
    const People people(c.app);
    std::map<std::string, std::string> names;
    for (const auto& b : c.app.framework().bodies) names[b.id] = b.name;
    Array::Ptr a = new Array;
    for (const auto& e : c.app.store().audit_entries()) {
        if ((!body.empty() && e.body != body) || (!action.empty() && e.action != action)) continue;
        auto x = obj();
        x->set("seq", e.seq);
        x->set("at", e.at);
        x->set("at_local", local_time(c.app, e.at));
        x->set("actor", e.actor);
        x->set("actor_name",
               e.actor == "system" ? std::string("系统") : people.display_name(e.actor));
        x->set("action", e.action);
        x->set("action_label", std::string(audit_action_label(e.action)));
        x->set("body", e.body);
        auto n = names.find(e.body);
        x->set("body_name", n == names.end() ? e.body : n->second);
        x->set("detail", e.detail);
        x->set("detail_text", audit_detail_text(e.action, e.detail));
        x->set("prev_hash", e.prev_hash);
        x->set("hash", e.hash);
        a->add(x);
    }
    c.send_json(200, a);
}

}  // namespace sanding::server::api
