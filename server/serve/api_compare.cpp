#include "api_compare.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <vector>

#include "api_util.hpp"
#include "app.hpp"
#include "sanding/clock.hpp"
#include "sanding/diff.hpp"
#include "sanding/error.hpp"
#include "sanding/odf_writer.hpp"

namespace sanding::server::api {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// The newer revision laid out as usual, with every difference from the older one as a tracked
// change: the reviewer opens it in Writer and steps through the changes.
void send_comparison_odt(Call& c, const BodyRecord& b, long long from, long long to,
                         const Regulation& newer, const RegulationDiff& d) {
    using Piece = ChangedParagraph::Piece;
    std::vector<ChangedParagraph> ps;
    ChangedParagraph title{ParagraphKind::Title, {}};
    for (const auto& op : diff_text(d.title_before, d.title_after))
        title.pieces.push_back({op.kind == TextOp::Same     ? Piece::Same
                                : op.kind == TextOp::Insert ? Piece::Insert
                                                            : Piece::Delete,
                                op.text});
    ps.push_back(title);
    if (!newer.stage.empty())
        ps.push_back({ParagraphKind::Stage, {{Piece::Same, "（" + newer.stage + "）"}}});
    for (const auto& a : d.articles) {
        bool first = true;
        for (const auto& p : a.paragraphs) {
            ChangedParagraph cp{first ? ParagraphKind::ArticleStart : ParagraphKind::Body, {}};
            if (first) cp.pieces.push_back({Piece::Same, a.label + "\u3000"});
            first = false;
            switch (p.kind) {
                case ParagraphDiff::Same: cp.pieces.push_back({Piece::Same, p.after}); break;
                case ParagraphDiff::Added: cp.pieces.push_back({Piece::Insert, p.after}); break;
                case ParagraphDiff::Removed: cp.pieces.push_back({Piece::Delete, p.before}); break;
                case ParagraphDiff::Changed:
                    for (const auto& op : p.ops)
                        cp.pieces.push_back({op.kind == TextOp::Same     ? Piece::Same
                                             : op.kind == TextOp::Insert ? Piece::Insert
                                                                         : Piece::Delete,
                                             op.text});
                    break;
            }
            ps.push_back(std::move(cp));
        }
    }
    const std::string odt = write_odt_with_changes(
        ps, {newer.title, "修订 " + std::to_string(from) + " → " + std::to_string(to)},
        "修订" + std::to_string(from) + "→" + std::to_string(to), now_iso().substr(0, 19));
    attachment(c,
               short_name_of(c.app, b) + "-修订" + std::to_string(from) + "与修订" +
                   std::to_string(to) + "对照.odt",
               b.id + "-r" + std::to_string(from) + "-r" + std::to_string(to) + ".odt");
    c.send_bytes(200, kOdt, odt);
}

}  // namespace

void compare(Call& c) {
    const BodyRecord b = c.app.visible_body(c.me(), c.param("id"));
    auto num = [&](const char* key) {
        const std::string v = c.query(key);
        if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
            throw ApiError{400, "request.bad_revision", std::string("参数 ") + key + " 应为修订号"};
        return std::stoll(v);
    };
    const long long from = num("from"), to = num("to");
    const Regulation older = regulation_of(c.app, b.id, from),
                     newer = regulation_of(c.app, b.id, to);
    RegulationDiff d;
    try {
        d = diff_regulations(older, newer);
    } catch (const Error& e) {
        if (e.code() != "diff.too_large") throw;
        throw ApiError{422, e.code(), e.message()};
    }
    if (c.query("format") == "odt") return send_comparison_odt(c, b, from, to, newer, d);
    auto o = obj();
    o->set("from", from);
    o->set("to", to);
    o->set("changed_articles", d.changed_articles());
    if (d.title_changed) {
        auto t = obj();
        t->set("before", d.title_before);
        t->set("after", d.title_after);
        o->set("title", t);
    }
    static const char* kinds[] = {"same", "changed", "added", "removed"};
    const std::string context = c.query("context");
    if (!context.empty() && context != "all")
        throw ApiError{400, "request.bad_context", "参数 context 只能是 all（连同未改动的段落）"};
    const bool with_same = context == "all";
    Array::Ptr arts = new Array;
    for (const auto& a : d.articles) {
        auto x = obj();
        x->set("article", a.label);
        x->set("number", a.number);
        x->set("before_number", a.before_number);
        x->set("status", kinds[a.kind]);
        Array::Ptr ps = new Array;
        for (const auto& p : a.paragraphs) {
            if (p.kind == ParagraphDiff::Same && !with_same) continue;
            auto y = obj();
            y->set("status", kinds[p.kind]);
            y->set("before", p.before);
            y->set("after", p.after);
            if (!p.ops.empty()) {
                Array::Ptr ops = new Array;
                static const char* op_kinds[] = {"same", "insert", "delete"};
                for (const auto& op : p.ops) {
                    auto z = obj();
                    z->set("op", op_kinds[op.kind]);
                    z->set("text", op.text);
                    ops->add(z);
                }
                y->set("ops", ops);
            }
            ps->add(y);
        }
        x->set("paragraphs", ps);
        arts->add(x);
    }
    o->set("articles", arts);
    c.send_json(200, o);
}

}  // namespace sanding::server::api
