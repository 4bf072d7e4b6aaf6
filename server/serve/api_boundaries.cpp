#include "api_boundaries.hpp"

#include <Poco/JSON/Parser.h>

#include <algorithm>

#include "api_util.hpp"
#include "sanding/boundaries.hpp"
#include "sanding/error.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/recognize.hpp"
#include "sanding/signoff.hpp"
#include "sanding/text.hpp"

namespace sanding::server::api {
namespace {

double min_score_of(const Call& c) {
    const std::string s = c.query("min_score");
    if (s.empty()) return BoundaryOptions{}.min_score;
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        if (used == s.size() && v >= 0 && v <= 1) return v;
    } catch (const std::exception&) {  // not a number (std::stod)
    }
    throw ApiError{400, "query.bad_value", "min_score 须是 0 到 1 之间的数，而不是“" + s + "”"};
}

// Every body's latest revision, read. compared (if given): JSON [{"body","revision"}…].
std::vector<BoundaryDraft> latest_drafts(App& app, std::string* compared) {
    std::vector<BoundaryDraft> drafts;
    if (compared) *compared = "[";
    for (const auto& b : app.store().bodies()) {
        if (b.current_revision == 0) continue;
        const auto bytes = app.store().revision_bytes(b.id, b.current_revision);
        if (!bytes) continue;
        BoundaryDraft d;
        d.body = b.id;
        d.name = b.name;
        if (const BodyFacts* f = app.framework().find(b.id))
            d.aliases = {f->full_name, f->short_name};
        // Every stored revision was read when it was uploaded; one that no longer reads is a
        // server fault, reported as such rather than left out silently.
        d.regulation = recognize(read_odt(*bytes));
        if (compared)
            *compared += (drafts.empty() ? "{\"body\":" : ",{\"body\":") + json_text(b.id) +
                         ",\"revision\":" + std::to_string(b.current_revision) + "}";
        drafts.push_back(std::move(d));
    }
    if (compared) *compared += "]";
    return drafts;
}

constexpr const char* kDecide = "boundaries.decide";
constexpr std::size_t kMaxDuty = 2000, kMaxDecisionComment = 20000;

std::string text_field(const Poco::JSON::Object::Ptr& o, const std::string& key, std::size_t limit,
                       bool required, const std::string& label) {
    if (!o->has(key)) {
        if (required) throw ApiError{400, "json.missing_field", "缺少" + label + "（" + key + "）"};
        return {};
    }
    const Poco::Dynamic::Var v = o->get(key);
    if (!v.isString()) throw ApiError{400, "json.wrong_type", label + "（" + key + "）应为文字"};
    std::string s = v.convert<std::string>();
    if (s.size() > limit) throw ApiError{400, "json.too_long", label + "过长"};
    if (required && trim(s).empty()) throw ApiError{400, "json.empty_field", label + "不能为空"};
    return s;
}

}  // namespace

void record_decision(Call& c) {
    if (!allowed(role_of(c.me()), Permission::RecordBoundaryDecision))
        throw ApiError{403, "auth.forbidden", "只有审核组可以记录职责边界协调会的决定"};
    auto o = c.json({"lead", "support", "duty", "comment"});
    const std::string lead = text_field(o, "lead", 200, true, "牵头机构");
    const std::string support = text_field(o, "support", 200, true, "配合机构");
    const std::string duty = text_field(o, "duty", kMaxDuty, true, "职责");
    const std::string comment = text_field(o, "comment", kMaxDecisionComment, false, "说明");
    const Framework& fw = c.app.framework();
    for (const auto& [id, label] : {std::pair{lead, "牵头机构"}, std::pair{support, "配合机构"}})
        if (!fw.find(id))
            throw ApiError{400, "boundaries.unknown_body",
                           std::string(label) + "不存在：“" + id + "”"};
    if (lead == support)
        throw ApiError{400, "boundaries.same_body", "牵头机构和配合机构不能是同一个机构"};
    auto detail = obj();
    detail->set("lead", lead);
    detail->set("support", support);
    detail->set("duty", duty);
    detail->set("comment", comment);
    c.app.store().db().transaction([&](Poco::Data::Session& s) {
        c.app.store().audit(s, c.me().name, kDecide, lead, json_text(detail));
    });
    c.send_json(201, detail);
}

namespace {

std::string name_of(App& app, const std::string& id) {
    const BodyFacts* f = app.framework().find(id);
    return f ? f->name : id;
}

// The decisions recorded so far, with the bodies' names from the framework.
std::vector<std::pair<BoundaryDecision, const AuditEntry*>> decisions_of(
    App& app, const std::vector<AuditEntry>& entries) {
    std::vector<std::pair<BoundaryDecision, const AuditEntry*>> out;
    for (const AuditEntry& e : entries) {
        if (e.action != kDecide) continue;
        auto d = Poco::JSON::Parser().parse(e.detail).extract<Poco::JSON::Object::Ptr>();
        BoundaryDecision decision;
        decision.lead = d->getValue<std::string>("lead");
        decision.support = d->getValue<std::string>("support");
        decision.duty = d->getValue<std::string>("duty");
        decision.lead_name = name_of(app, decision.lead);
        decision.support_name = name_of(app, decision.support);
        out.emplace_back(std::move(decision), &e);
    }
    return out;
}

std::string pending_message(App& app, const BoundaryDecision& decision, const std::string& body) {
    const std::string other = body == decision.lead ? decision.support_name : decision.lead_name;
    return name_of(app, body) + "草案的有关职责分工尚未写明与" + other + "的分工：" +
           decision.duty + "，由" + decision.lead_name + "牵头、" + decision.support_name +
           "配合（职责边界协调会决定）";
}

}  // namespace

std::string findings_with_decisions(App& app, const BodyRecord& b, const std::string& bytes,
                                    const std::string& findings_json) {
    const std::vector<AuditEntry> entries = app.store().audit_entries();
    std::vector<BoundaryDecision> mine;
    for (auto& [decision, entry] : decisions_of(app, entries))
        if (decision.lead == b.id || decision.support == b.id) mine.push_back(decision);
    if (mine.empty()) return findings_json;
    // This revision against the other body's names: whether the other has written it does not
    // matter here.
    std::vector<BoundaryDraft> drafts(1);
    drafts[0].body = b.id;
    drafts[0].name = b.name;
    if (const BodyFacts* f = app.framework().find(b.id))
        drafts[0].aliases = {f->full_name, f->short_name};
    drafts[0].regulation = recognize(read_odt(bytes));
    auto report = Poco::JSON::Parser().parse(findings_json).extract<Poco::JSON::Object::Ptr>();
    auto findings = report->getArray("findings");
    auto summary = report->getObject("summary");
    // Placed on the 有关职责分工 item when the draft has one, else at the start of the text.
    int paragraph = 0;
    for (const DutyItem& item : drafts[0].regulation.duty_items)
        if (item.role == DutyItemRole::Division && item.span.paragraph >= 0)
            paragraph = item.span.paragraph;
    std::size_t added = 0;
    for (const BoundaryDecision& decision : mine) {
        const auto pending = decision_pending(drafts, decision);
        if (std::find(pending.begin(), pending.end(), b.id) == pending.end()) continue;
        auto f = obj();
        f->set("rule", "D15");
        f->set("severity", "error");
        f->set("category", "boundaries");
        f->set("message", pending_message(app, decision, b.id));
        f->set("suggestions", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
        f->set("safe_fix", false);
        for (const char* k : {"offset_utf8", "length_utf8", "offset_utf16", "length_utf16"})
            f->set(k, 0);
        f->set("paragraph", paragraph);
        f->set("line", paragraph + 1);
        f->set("column", 1);
        findings->add(f);
        ++added;
    }
    if (added == 0) return findings_json;
    if (summary) {
        summary->set("total", summary->getValue<int>("total") + static_cast<int>(added));
        summary->set("errors", summary->getValue<int>("errors") + static_cast<int>(added));
    }
    return json_text(report);
}

void list_decisions(Call& c) {
    const User& me = c.me();
    const Role role = role_of(me);
    const bool all = allowed(role, Permission::SeeBoundaries);
    App& app = c.app;
    const People people(app);
    const std::vector<BoundaryDraft> drafts = latest_drafts(app, nullptr);
    const std::vector<AuditEntry> entries = app.store().audit_entries();
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& [decision, e] : decisions_of(app, entries)) {
        if (!all && me.body != decision.lead && me.body != decision.support) continue;
        auto d = Poco::JSON::Parser().parse(e->detail).extract<Poco::JSON::Object::Ptr>();
        auto x = obj();
        x->set("lead", decision.lead);
        x->set("lead_name", decision.lead_name);
        x->set("support", decision.support);
        x->set("support_name", decision.support_name);
        x->set("duty", decision.duty);
        x->set("comment", d->optValue<std::string>("comment", ""));
        x->set("decided_by", e->actor);
        x->set("decided_by_name", people.display_name(e->actor));
        x->set("at", e->at);
        x->set("at_local", local_time(app, e->at));
        Poco::JSON::Array::Ptr findings = new Poco::JSON::Array;
        for (const std::string& body : decision_pending(drafts, decision)) {
            auto f = obj();
            f->set("body", body);
            f->set("name", name_of(app, body));
            f->set("message", pending_message(app, decision, body));
            findings->add(f);
        }
        x->set("settled", findings->size() == 0);
        x->set("findings", findings);
        out->add(x);
    }
    c.send_json(200, out);
}

void boundaries(Call& c) {
    if (!allowed(role_of(c.me()), Permission::SeeBoundaries))
        throw ApiError{403, "auth.forbidden", "只有审核组、协调小组办公室和管理员可以查看职责边界"};
    const std::string format = c.query("format").empty() ? "json" : c.query("format");
    if (format != "json" && format != "odt" && format != "text")
        throw ApiError{
            400, "query.bad_value",
            "format 只能是 json（分析结果）、text（供人阅读）或 odt（协调会议材料），而不是“" +
                format + "”"};
    BoundaryOptions options;
    options.min_score = min_score_of(c);
    App& app = c.app;
    std::string compared;
    const std::vector<BoundaryDraft> drafts = latest_drafts(app, &compared);
    std::optional<DutyCatalogue> catalogue;
    for (const auto& [name, xml] : app.store().templates_with_prefix("catalogue.xml"))
        catalogue = parse_catalogue(xml, name);
    BoundaryReport report = find_boundaries(drafts, catalogue ? &*catalogue : nullptr, options);
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& b : app.framework().bodies) names.emplace_back(b.id, b.name);
    fill_gap_names(report, names);
    // How many overlaps no 职责分工 settles: `sanding boundaries --server` exits 1 on any.
    c.res.set("X-Unresolved-Overlaps",
              std::to_string(std::count_if(report.overlaps.begin(), report.overlaps.end(),
                                           [](const auto& o) { return !o.resolved; })));
    if (format == "text")
        return c.send_bytes(200, "text/plain; charset=utf-8", boundaries_text(report));
    if (format == "odt") {
        const std::string day = local_time(app, now_iso()).substr(0, 10);
        attachment(c, "职责边界协调会议材料-" + day + ".odt",
                   "boundaries-meeting-paper-" + day + ".odt");
        c.send_bytes(200, kOdt,
                     meeting_paper_odt(report, "（" + app.framework().round.name + "）"));
        return;
    }
    std::string json = boundaries_json(report);
    // {"duties":…  →  {"drafts":[…],"catalogue":true,"duties":…
    json.insert(
        1, "\"drafts\":" + compared + ",\"catalogue\":" + (catalogue ? "true" : "false") + ",");
    c.send_bytes(200, "application/json; charset=utf-8", json);
}

}  // namespace sanding::server::api
