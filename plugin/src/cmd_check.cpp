// 检查全文, 应用安全修正, 转到: commands on the open document alone (run on the UI thread).
#include "client.hpp"
#include "command.hpp"
#include "dialogs.hpp"
#include "document.hpp"
#include "findings_text.hpp"
#include "framework_cache.hpp"
#include "opened.hpp"
#include "rules.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/report.hpp"
#include "sanding/odf_reader.hpp"

namespace sanding::plugin {

namespace {
// The open document checked whole (as the server would check it), with its paragraphs.
std::vector<Finding> findings(const Invocation& inv, std::vector<DocumentParagraph>& paragraphs) {
    const std::shared_ptr<const Checker> checker = current_checker();
    if (!checker) throw ServerError{"规则未能载入，无法检查"};
    const Document doc = read_odt(inv.document_bytes());
    paragraphs = document_paragraphs(inv.model());
    // With the server's framework the body's quota is checked too (the body the window was opened
    // from, else the one the draft names), as the server checks it.
    CheckOptions options;
    const auto framework = current_framework();
    options.framework = framework.get();
    if (auto from = opened_from(inv.model()); from && framework && framework->find(from->body))
        options.body_id = from->body;
    std::vector<Finding> out = checker->check(doc, options).findings;
    std::erase_if(out, [](const Finding& f) {
        return Connection::instance().category_disabled(std::string(to_string(f.category)));
    });
    // A finding is placed only where the window's paragraph says what the checked one said.
    for (auto& f : out)
        if (f.paragraph >= static_cast<int>(paragraphs.size()) ||
            paragraphs[f.paragraph].text != doc.paragraphs[f.paragraph].text)
            f.safe_fix = false, f.paragraph = -f.paragraph - 1;
    return out;
}
}  // namespace

Outcome apply_fixes(Invocation& inv) {
    std::vector<DocumentParagraph> paragraphs;
    const auto fs = findings(inv, paragraphs);
    Outcome o;
    const int applied = apply_safe_fixes(inv.model(), paragraphs, fs);
    o.message =
        applied ? "已按修订模式应用 " + std::to_string(applied) + " 处安全修正，可逐条接受或拒绝"
                : "没有可以自动修正的问题";
    o.data->set("applied", applied);
    return o;
}

Outcome go_to(Invocation& inv) {
    std::vector<DocumentParagraph> paragraphs = document_paragraphs(inv.model());
    Finding f;
    f.paragraph = std::stoi("0" + inv.arg("Paragraph"));
    f.offset_utf16 = static_cast<std::size_t>(std::stoul("0" + inv.arg("Offset")));
    f.length_utf16 = static_cast<std::size_t>(std::stoul("0" + inv.arg("Length")));
    Outcome o;
    o.ok = select_finding(inv.model(), paragraphs, f);
    o.message = o.ok ? "已转到" : "找不到该位置";
    return o;
}

Outcome check_all(Invocation& inv) {
    std::vector<DocumentParagraph> paragraphs;
    const std::vector<Finding> found = findings(inv, paragraphs);
    Outcome o;
    const Summary s = summarize(found);
    o.message = "检查全文：错误 " + std::to_string(s.errors) + "，警告 " +
                std::to_string(s.warnings) + "，提示 " + std::to_string(s.infos);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& f : found) {
        Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
        x->set("rule", f.rule);
        x->set("severity", std::string(to_string(f.severity)));
        x->set("category", std::string(to_string(f.category)));
        x->set("message", f.message);
        x->set("paragraph", f.paragraph < 0 ? -f.paragraph - 1 : f.paragraph);
        x->set("offset_utf16", static_cast<Poco::UInt64>(f.offset_utf16));
        x->set("length_utf16", static_cast<Poco::UInt64>(f.length_utf16));
        x->set("article", f.article);
        list->add(x);
    }
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    for (const auto& l : grouped_lines(found)) {
        lines->add(l.text);
        if (o.message.size() < 2000) o.message += "\n" + l.text;
    }
    o.data->set("findings", list);
    o.data->set("lines", lines);  // what the list shows, in its order
    if (auto parent = inv.visible_peer(); parent.is()) {
        // The list stays open: 转到 moves the cursor behind it, 应用安全修正 closes it.
        auto model = inv.model();
        const bool fix = show_findings(inv.ctx, parent, found, [&](int i) {
            select_finding(model, paragraphs, found[static_cast<std::size_t>(i)]);
        });
        if (fix) o.data->set("applied", apply_safe_fixes(model, paragraphs, found));
        o.shown = true;
    }
    return o;
}

}  // namespace sanding::plugin
