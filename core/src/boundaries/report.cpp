// The boundary report as text for people and JSON for programs.
#include <cstdio>

#include "sanding/boundaries.hpp"
#include "sanding/check/report.hpp"

namespace sanding {
namespace {

std::string score_text(double s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", s);
    return buf;
}

void source_json(std::string& out, const DutySource& s) {
    out += '{';
    json_member(out, "body", s.body, true);
    json_member(out, "name", s.name);
    json_member(out, "where", s.where);
    out += ",\"paragraph\":" + std::to_string(s.paragraph);
    json_member(out, "text", s.text);
    out += ",\"shared\":[";
    for (std::size_t i = 0; i < s.shared.size(); ++i)
        out += (i ? ",[" : "[") + std::to_string(s.shared[i].first) + "," +
               std::to_string(s.shared[i].second) + "]";
    out += "]}";
}

}  // namespace

std::string mark_shared(const DutySource& s, std::string_view open, std::string_view close) {
    std::string out;
    std::size_t at = 0;
    for (auto [b, e] : s.shared) {
        if (b < at || e > s.text.size()) continue;
        out.append(s.text, at, b - at);
        out += open;
        out.append(s.text, b, e - b);
        out += close;
        at = e;
    }
    out.append(s.text, at, std::string::npos);
    return out;
}

std::string boundaries_text(const BoundaryReport& r) {
    std::string out;
    std::size_t unresolved = 0;
    for (const auto& o : r.overlaps) unresolved += !o.resolved;
    out += "职责交叉 " + std::to_string(r.overlaps.size()) + " 处（未解决 " +
           std::to_string(unresolved) + " 处），职责空白 " + std::to_string(r.gaps.size()) +
           " 处\n";
    std::size_t n = 0;
    for (const auto& o : r.overlaps) {
        out += "\n" + std::to_string(++n) + ". " + o.a.name + " ↔ " + o.b.name + "  相似度 " +
               score_text(o.score) + "  " + std::string(chinese_label(o.verbs)) + "  " +
               (o.resolved ? "已由职责分工明确" : "未解决") + "\n";
        out += "   " + o.a.name + o.a.where + "：" + mark_shared(o.a) + "\n";
        out += "   " + o.b.name + o.b.where + "：" + mark_shared(o.b) + "\n";
        if (o.resolved) out += "   职责分工：" + o.resolved_by + "\n";
    }
    for (const auto& g : r.gaps)
        out += "\n空白（" + std::string(chinese_label(g.kind)) + "）：" + g.message + "\n";
    return out;
}

std::string boundaries_json(const BoundaryReport& r) {
    std::string out = "{\"duties\":" + std::to_string(r.duties) + ",\"overlaps\":[";
    for (std::size_t i = 0; i < r.overlaps.size(); ++i) {
        const Overlap& o = r.overlaps[i];
        out += i ? ",{" : "{";
        out += "\"score\":" + score_text(o.score) + ",\"verbs\":\"" +
               std::string(to_string(o.verbs)) + "\",\"verbs_label\":";
        json_string(out, chinese_label(o.verbs));
        out +=
            std::string(",\"resolved\":") + (o.resolved ? "true" : "false") + ",\"resolved_by\":";
        json_string(out, o.resolved_by);
        out += ",\"a\":";
        source_json(out, o.a);
        out += ",\"b\":";
        source_json(out, o.b);
        out += "}";
    }
    out += "],\"gaps\":[";
    for (std::size_t i = 0; i < r.gaps.size(); ++i) {
        const Gap& g = r.gaps[i];
        out += i ? ",{\"kind\":\"" : "{\"kind\":\"";
        out += std::string(to_string(g.kind)) + "\",\"kind_label\":";
        json_string(out, chinese_label(g.kind));
        for (auto [k, v] : {std::pair<const char*, const std::string*>{"body", &g.body},
                            {"body_name", &g.body_name},
                            {"catalogue_id", &g.catalogue_id},
                            {"text", &g.text},
                            {"where", &g.where},
                            {"message", &g.message}}) {
            out += std::string(",\"") + k + "\":";
            json_string(out, *v);
        }
        out += "}";
    }
    out += "]}\n";
    return out;
}

}  // namespace sanding
