#include "api_board.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "api_util.hpp"
#include "db.hpp"
#include "sanding/check/report.hpp"
#include "sanding/clock.hpp"
#include "sanding/ods_writer.hpp"

namespace sanding::server::api {
namespace {

constexpr long long kDefaultLimit = 500, kMaxLimit = 1000;

struct BoardRow {
    long long position = 0;  // 序号 in the framework
    std::string id, name, kind, kind_label, state, state_label, last_change, last_change_local;
    long long revision = 0, errors = 0, warnings = 0;
    bool is_signed = false, late = false;
};

struct Board {
    std::vector<BoardRow> rows;                              // the whole round, framework order
    std::vector<std::pair<std::string, std::string>> kinds;  // id, label, in order of first use
    std::map<std::string, long long> counts;                 // by state id
    long long signed_count = 0, seconds_left = 0;
    bool past_deadline = false;
};

Board read_board(App& app) {
    Board b;
    // One query for the whole board: the current revision's finding counts joined in.
    auto rows = app.store().board_entries();
    std::map<std::string, std::size_t> order;
    const Framework& fw = app.framework();
    for (std::size_t i = 0; i < fw.bodies.size(); ++i) order[fw.bodies[i].id] = i;
    auto at = [&](const Store::BoardEntry& r) {
        auto it = order.find(r.id);
        return it == order.end() ? order.size() : it->second;
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const Store::BoardEntry& x, const Store::BoardEntry& y) {
                         return at(x) != at(y) ? at(x) < at(y) : x.id < y.id;
                     });
    std::map<std::string, std::string> kind_labels;
    for (const auto& [kind, mt] : app.model_texts())
        kind_labels[std::string(to_string(kind))] = mt.label;
    const std::string& tz = fw.round.time_zone;
    const long long ends = end_of_day(fw.round.deadline, tz);
    const long long left = ends < 0 ? 0 : ends - epoch_seconds(now_iso());
    b.seconds_left = std::max(0LL, left);
    b.past_deadline = ends >= 0 && left <= 0;
    long long position = 0;
    for (const auto& r : rows) {
        BoardRow x;
        x.position = ++position;
        x.id = r.id, x.name = r.name, x.kind = r.kind;
        auto kl = kind_labels.find(x.kind);
        x.kind_label = kl == kind_labels.end() ? x.kind : kl->second;
        x.revision = r.current_revision, x.errors = r.errors, x.warnings = r.warnings;
        x.state = x.revision == 0 ? "not_started" : r.state;
        x.state_label =
            x.revision == 0
                ? "未开始"
                : std::string(chinese_label(
                      workflow_state_from_string(x.state).value_or(WorkflowState::Drafting)));
        x.last_change = x.revision == 0 ? std::string() : r.state_changed_at;
        x.last_change_local =
            x.last_change.empty() ? std::string() : local_time(app, x.last_change);
        x.is_signed = x.state == "signed" || x.state == "collected";
        x.late = b.past_deadline && !x.is_signed;
        ++b.counts[x.state];
        b.signed_count += x.is_signed;
        if (std::none_of(b.kinds.begin(), b.kinds.end(),
                         [&](const auto& k) { return k.first == x.kind; }))
            b.kinds.push_back({x.kind, x.kind_label});
        b.rows.push_back(std::move(x));
    }
    return b;
}

const std::vector<std::string>& state_ids() {
    static const std::vector<std::string> ids = {"not_started", "drafting", "submitted", "returned",
                                                 "approved",    "signed",   "collected"};
    return ids;
}

std::string state_label_of(const std::string& id) {
    if (id == "not_started") return "未开始";
    return std::string(
        chinese_label(workflow_state_from_string(id).value_or(WorkflowState::Drafting)));
}

// The rows the query asks for, sorted; 400 naming the parameter when a value is not one it takes.
std::vector<const BoardRow*> select(Call& c, const Board& b) {
    const std::string kind = c.query("kind"), state = c.query("state"),
                      sort = c.query("sort").empty() ? "position" : c.query("sort"),
                      order = c.query("order").empty() ? "asc" : c.query("order");
    if (!kind.empty() && std::none_of(b.kinds.begin(), b.kinds.end(),
                                      [&](const auto& k) { return k.first == kind; }))
        throw ApiError{400, "request.bad_kind", "参数 kind 不是本轮机构的类别"};
    if (!state.empty() &&
        std::find(state_ids().begin(), state_ids().end(), state) == state_ids().end())
        throw ApiError{400, "request.bad_state", "参数 state 不是已知的状态"};
    if (order != "asc" && order != "desc")
        throw ApiError{400, "request.bad_order", "参数 order 只能是 asc（升序）或 desc（降序）"};
    using Key = std::function<bool(const BoardRow*, const BoardRow*)>;
    static const std::map<std::string, Key> keys = {
        {"position", [](auto x, auto y) { return x->position < y->position; }},
        {"name", [](auto x, auto y) { return x->name < y->name; }},
        {"kind", [](auto x, auto y) { return x->kind_label < y->kind_label; }},
        {"state", [](auto x, auto y) { return x->state_label < y->state_label; }},
        {"revision", [](auto x, auto y) { return x->revision < y->revision; }},
        {"last_change", [](auto x, auto y) { return x->last_change < y->last_change; }},
        {"errors", [](auto x, auto y) { return x->errors < y->errors; }},
        {"warnings", [](auto x, auto y) { return x->warnings < y->warnings; }},
        {"signed", [](auto x, auto y) { return x->is_signed < y->is_signed; }},
    };
    auto key = keys.find(sort);
    if (key == keys.end()) throw ApiError{400, "request.bad_sort", "参数 sort 不是可排序的列"};
    std::vector<const BoardRow*> out;
    for (const auto& r : b.rows)
        if ((kind.empty() || r.kind == kind) && (state.empty() || r.state == state))
            out.push_back(&r);
    const bool desc = order == "desc";
    // Ties keep the framework's order whichever way the column is sorted.
    std::stable_sort(out.begin(), out.end(), [&](const BoardRow* x, const BoardRow* y) {
        return desc ? key->second(y, x) : key->second(x, y);
    });
    return out;
}

long long count_param(Call& c, const char* name, long long fallback, long long lo, long long hi) {
    const std::string v = c.query(name);
    if (v.empty()) return fallback;
    if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoll(v) < lo || std::stoll(v) > hi)
        throw ApiError{400, "request.bad_" + std::string(name),
                       "参数 " + std::string(name) + " 应为 " + std::to_string(lo) + " 到 " +
                           std::to_string(hi) + " 之间的整数"};
    return std::stoll(v);
}

void require_board(Call& c) {
    if (!allowed(role_of(c.me()), Permission::SeeBoard))
        throw ApiError{403, "auth.forbidden", "只有审核组、协调小组办公室和管理员可以查看进度总表"};
}

void row_json(std::string& out, const BoardRow& x) {
    out += '{';
    json_member(out, "id", x.id, true);
    out += ",\"position\":" + std::to_string(x.position);
    json_member(out, "name", x.name);
    json_member(out, "kind", x.kind);
    json_member(out, "kind_label", x.kind_label);
    json_member(out, "state", x.state);
    json_member(out, "state_label", x.state_label);
    json_member(out, "last_change", x.last_change);
    json_member(out, "last_change_local", x.last_change_local);
    out += std::string(",\"signed\":") + (x.is_signed ? "true" : "false") +
           ",\"late\":" + (x.late ? "true" : "false");
    out += ",\"current_revision\":" + std::to_string(x.revision) +
           ",\"open_errors\":" + std::to_string(x.errors) +
           ",\"open_warnings\":" + std::to_string(x.warnings) + "}";
}

}  // namespace

void board(Call& c) {
    require_board(c);
    const Board b = read_board(c.app);
    const auto selected = select(c, b);
    const long long offset = count_param(c, "offset", 0, 0, 100'000'000),
                    limit = count_param(c, "limit", kDefaultLimit, 1, kMaxLimit);
    const Framework& fw = c.app.framework();
    // Written directly: 10,000 bodies through Poco::JSON objects cost more than the query.
    std::string out = "{\"round\":";
    json_string(out, fw.round.name);
    out += ",\"deadline\":";
    json_string(out, fw.round.deadline);
    out += ",\"time_zone\":";
    json_string(out, fw.round.time_zone);
    out += ",\"time_zone_label\":";
    json_string(out, time_zone_label(fw.round.time_zone));
    out += ",\"display_time_zone_label\":";
    json_string(out, time_zone_label(c.app.config().time_zone));
    out += ",\"seconds_left\":" + std::to_string(b.seconds_left) +
           ",\"late\":" + (b.past_deadline ? "true" : "false") + ",\"bodies\":[";
    const std::size_t from =
        std::min<std::size_t>(static_cast<std::size_t>(offset), selected.size());
    const std::size_t to =
        std::min<std::size_t>(from + static_cast<std::size_t>(limit), selected.size());
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) out += ",";
        row_json(out, *selected[i]);
    }
    out += "],\"counts\":{";
    bool first = true;
    for (const auto& [state, n] : b.counts) {
        if (!first) out += ",";
        first = false;
        json_string(out, state);
        out += ":" + std::to_string(n);
    }
    out += "},\"states\":[";
    first = true;
    for (const auto& id : state_ids()) {
        out += first ? "{\"state\":" : ",{\"state\":";
        first = false;
        json_string(out, id);
        out += ",\"label\":";
        json_string(out, state_label_of(id));
        out += "}";
    }
    out += "],\"kinds\":[";
    first = true;
    for (const auto& [id, label] : b.kinds) {
        out += first ? "{\"kind\":" : ",{\"kind\":";
        first = false;
        json_string(out, id);
        out += ",\"label\":";
        json_string(out, label);
        out += "}";
    }
    out += "],\"total\":" + std::to_string(b.rows.size()) +
           ",\"signed\":" + std::to_string(b.signed_count) +
           ",\"matched\":" + std::to_string(selected.size()) +
           ",\"offset\":" + std::to_string(from) + ",\"limit\":" + std::to_string(limit) + "}";
    c.send_bytes(200, "application/json; charset=utf-8", out);
}

void board_ods(Call& c) {
    require_board(c);
    const Board b = read_board(c.app);
    const auto selected = select(c, b);
    Sheet sheet;
    sheet.name = "进度总览";
    sheet.header = {"序号", "机构", "类别",
                    "状态", "修订", "最后变更（" + time_zone_label(c.app.config().time_zone) + "）",
                    "错误", "警告", "签发",
                    "逾期"};
    for (const BoardRow* x : selected)
        sheet.rows.push_back({x->position, x->name, x->kind_label, x->state_label, x->revision,
                              x->last_change_local, x->errors, x->warnings,
                              std::string(x->is_signed ? "已签发" : "未签发"),
                              std::string(x->late ? "逾期" : "")});
    const std::string day = local_time(c.app, now_iso()).substr(0, 10);
    attachment(c, c.app.framework().round.name + "-进度总览-" + day + ".ods",
               "board-" + day + ".ods");
    c.send_bytes(200, "application/vnd.oasis.opendocument.spreadsheet", write_ods(sheet));
}

}  // namespace sanding::server::api
