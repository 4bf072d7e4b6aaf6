// The drafts of the RealForms tests: a county draft in the published form with every part
// replaceable, and what the checker makes of a draft or of lines of text.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "sanding/document.hpp"
#include "sanding/text_input.hpp"

namespace sanding::test::real {

using sanding::test::checker;
using sanding::test::demo;

// A county draft in the published form, every part replaceable.
struct Draft {
    std::vector<std::string> front = {"澧阳县农业农村局职能配置、内设机构和人员编制规定"};
    std::string basis = "第一条　根据《澧阳县机构改革方案》，制定本规定。";
    std::string nature = "第二条　县农业农村局是县政府工作部门，为正科级。";
    std::vector<std::string> more_nature;
    std::string duties_lead =
        "第三条　县农业农村局贯彻落实党中央关于“三农”工作的方针政策和决策部署，在履行职责过程中坚持"
        "和加强党对“三农”工作的集中统一领导。主要职责是：";
    std::vector<std::string> duties = {
        "（一）统筹研究和组织实施全县“三农”工作的发展战略、中长期规划、重大政策。",
        "（二）负责全县种植业、畜牧业、渔业的行业管理。", "（三）完成县委、县政府交办的其他任务。"};
    std::string units_lead = "第四条　县农业农村局设下列内设机构：";
    std::vector<std::string> units = {"（一）办公室。负责机关日常运转。",
                                      "（二）农村经济股。负责农村经济工作。"};
    std::string staffing =
        "第五条　县农业农村局机关行政编制15名。设局长1名，副局长3名；股级领导职数3名。";
    std::string interpretation =
        "第六条　本规定由县委机构编制委员会办公室负责解释，其调整由县委机构编制委员会办公室按规定程"
        "序办理。";
    std::string effective = "第七条　本规定自2019年3月1日起施行。";

    std::string text() const {
        std::vector<std::string> l = front;
        l.push_back(basis);
        l.push_back(nature);
        l.insert(l.end(), more_nature.begin(), more_nature.end());
        l.push_back(duties_lead);
        l.insert(l.end(), duties.begin(), duties.end());
        l.push_back(units_lead);
        l.insert(l.end(), units.begin(), units.end());
        l.push_back(staffing);
        l.push_back(interpretation);
        l.push_back(effective);
        std::string out;
        for (const auto& s : l) out += s + "\n";
        return out;
    }
};

struct Result {
    std::vector<Finding> findings;
    Regulation reg;
    std::vector<std::string> texts;  // the paragraphs
};

inline Result run(const Draft& d, const CheckOptions& o = {&demo(), ""}) {
    Document doc = document_from_text(d.text());
    CheckResult r = checker().check(doc, o);
    Result out{std::move(r.findings), std::move(r.regulation), {}};
    for (const auto& p : doc.paragraphs) out.texts.push_back(p.text);
    return out;
}

inline std::vector<std::string> rules_of(const Result& r, Severity s) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
        if (f.severity == s)
            out.push_back(f.rule + "@" + std::to_string(f.paragraph) + ":" + f.message);
    return out;
}

inline bool has(const Result& r, const std::string& rule) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [&](const Finding& f) { return f.rule == rule; });
}

inline std::string flagged(const Result& r, const std::string& rule) {
    for (const auto& f : r.findings)
        if (f.rule == rule) return r.texts[f.paragraph].substr(f.offset_utf8, f.length_utf8);
    return {};
}

inline Result run_lines(const std::vector<std::string>& lines,
                        const CheckOptions& o = {&demo(), ""}) {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    Document doc = document_from_text(text);
    CheckResult r = checker().check(doc, o);
    Result out{std::move(r.findings), std::move(r.regulation), {}};
    for (const auto& p : doc.paragraphs) out.texts.push_back(p.text);
    return out;
}

inline std::vector<std::string> all_rules(const Result& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) out.push_back(f.rule);
    return out;
}

inline std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

inline Result run_text(const std::string& text) {
    return run_lines(split_lines(text));
}

}  // namespace sanding::test::real
