#include "api_boundaries.hpp"

#include "api_util.hpp"
#include "sanding/boundaries.hpp"
#include "sanding/error.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/recognize.hpp"

namespace sanding::server::api {
namespace {

double min_score_of(const Call& c) {
    const std::string s = c.query("min_score");
    if (s.empty()) return BoundaryOptions{}.min_score;
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        if (used == s.size() && v >= 0 && v <= 1) return v;
    } catch (...) {
    }
    throw ApiError{400, "query.bad_value", "min_score 须是 0 到 1 之间的数，而不是“" + s + "”"};
}

}  // namespace

void boundaries(Call& c) {
    const Role role = role_of(c.me());
    if (role != Role::Reviewer && role != Role::Office && role != Role::Admin)
        throw ApiError{403, "auth.forbidden", "只有审核组、协调小组办公室和管理员可以查看职责边界"};
    const std::string format = c.query("format").empty() ? "json" : c.query("format");
    if (format != "json" && format != "odt")
        throw ApiError{400, "query.bad_value", "format 只能是 json（分析结果）或 odt（协调会议材料），而不是“" + format + "”"};
    BoundaryOptions options;
    options.min_score = min_score_of(c);
    App& app = c.app;
    std::vector<BoundaryDraft> drafts;
    std::string compared = "[";
    for (const auto& b : app.store().bodies()) {
        if (b.current_revision == 0) continue;
        const auto bytes = app.store().revision_bytes(b.id, b.current_revision);
        if (!bytes) continue;
        BoundaryDraft d;
        d.body = b.id;
        d.name = b.name;
        if (const BodyFacts* f = app.framework().find(b.id)) d.aliases = {f->full_name, f->short_name};
        // Every stored revision was read when it was uploaded; one that no longer reads is a
        // server fault, reported as such rather than left out silently.
        d.regulation = recognize(read_odt(*bytes));
        compared += (drafts.empty() ? "{\"body\":" : ",{\"body\":") + json_text(b.id) +
                    ",\"revision\":" + std::to_string(b.current_revision) + "}";
        drafts.push_back(std::move(d));
    }
    compared += "]";
    std::optional<DutyCatalogue> catalogue;
    for (const auto& [name, xml] : app.store().templates_with_prefix("catalogue.xml"))
        catalogue = parse_catalogue(xml, name);
    BoundaryReport report = find_boundaries(drafts, catalogue ? &*catalogue : nullptr, options);
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& b : app.framework().bodies) names.emplace_back(b.id, b.name);
    fill_gap_names(report, names);
    if (format == "odt") {
        c.res.set("Content-Disposition", "attachment; filename=\"boundaries-meeting-paper.odt\"");
        c.send_bytes(200, kOdt, meeting_paper_odt(report, "（" + app.framework().round.name + "）"));
        return;
    }
    std::string json = boundaries_json(report);
    // {"duties":…  →  {"drafts":[…],"catalogue":true,"duties":…
    json.insert(1, "\"drafts\":" + compared + ",\"catalogue\":" + (catalogue ? "true" : "false") + ",");
    c.send_bytes(200, "application/json; charset=utf-8", json);
}

}  // namespace sanding::server::api
