// The meeting paper for the 职责边界协调会: what the reviewers used to assemble by hand.
#include <cstdio>

#include "sanding/boundaries.hpp"
#include "sanding/document.hpp"
#include "sanding/odf_writer.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

// 28 characters a line (GB/T 9704), less the 2-character indent and “协调意见：”; then a whole
// further line to write on.
constexpr const char* kBlankLine = "＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿";
constexpr const char* kBlankFullLine = "＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿";

void add(Document& doc, ParagraphKind kind, std::string text) {
    doc.paragraphs.push_back({std::move(text), kind, 0});
}

std::string score_text(double s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", s);
    return buf;
}

}  // namespace

Document meeting_paper(const BoundaryReport& report, const std::string& subtitle) {
    Document doc;
    add(doc, ParagraphKind::Title, "职责边界协调会议材料");
    if (!subtitle.empty()) add(doc, ParagraphKind::Stage, subtitle);
    std::size_t open = 0;
    for (const auto& o : report.overlaps) open += !o.resolved;
    std::size_t uncovered = 0;
    for (const auto& g : report.gaps) uncovered += g.kind == GapKind::Uncovered;
    add(doc, ParagraphKind::Body,
        "各机构草案中描述同一职责的条目共" + std::to_string(report.overlaps.size()) +
            "处，其中尚未由有关职责分工明确的" + std::to_string(open) +
            "处列于下文，按相似度由高到低排列；职责目录中无任何机构载明的职责" +
            std::to_string(uncovered) + "项。请会议逐项明确牵头机构和配合机构，填写协调意见。");
    int section = 0;
    for (const auto& o : report.overlaps) {
        if (o.resolved) continue;
        add(doc, ParagraphKind::Heading,
            chinese_numeral(++section) + "、" + o.a.name + "与" + o.b.name);
        add(doc, ParagraphKind::Body, "（一）" + o.a.name + "（" + o.a.where + "）：" + o.a.text);
        add(doc, ParagraphKind::Body, "（二）" + o.b.name + "（" + o.b.where + "）：" + o.b.text);
        add(doc, ParagraphKind::Body,
            "（三）相似度" + score_text(o.score) + "，" + std::string(chinese_label(o.verbs)) +
                "。");
        add(doc, ParagraphKind::Body, std::string("协调意见：") + kBlankLine);
        add(doc, ParagraphKind::Body, kBlankFullLine);
    }
    if (uncovered) {
        add(doc, ParagraphKind::Heading, chinese_numeral(++section) + "、职责空白");
        int n = 0;
        for (const auto& g : report.gaps)
            if (g.kind == GapKind::Uncovered)
                add(doc, ParagraphKind::Body,
                    "（" + chinese_numeral(++n) + "）" + g.text +
                        (g.body_name.empty() ? std::string()
                                             : "（目录列明由" + g.body_name + "承担）"));
        add(doc, ParagraphKind::Body, std::string("协调意见：") + kBlankLine);
    }
    return doc;
}

std::string meeting_paper_odt(const BoundaryReport& report, const std::string& subtitle) {
    return write_odt(meeting_paper(report, subtitle), {"职责边界协调会议材料", "会议材料"});
}

}  // namespace sanding
