// Published texts as their copies on the web carry them: ASCII marks for the full-width ones,
// excerpts that stop early or start in the middle, the older chapter layouts. The checker reads
// them as it reads the originals; the punctuation rules alone see the marks.
#include "real_forms.hpp"

using namespace sanding;
using namespace sanding::test::real;

namespace {

// The text as many published pages carry it: （）：，；！？ and the ideographic space in their
// ASCII forms (the compatibility mapping web copies go through).
std::string half_width(std::string_view s) {
    static const std::vector<std::pair<std::string, std::string>> kMap = {
        {"（", "("}, {"）", ")"}, {"：", ":"}, {"，", ","},
        {"；", ";"}, {"！", "!"}, {"？", "?"}, {"\u3000", " "}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool mapped = false;
        for (const auto& [wide, narrow] : kMap)
            if (s.substr(i, wide.size()) == wide) {
                out += narrow, i += wide.size(), mapped = true;
                break;
            }
        if (!mapped) out += s[i++];
    }
    return out;
}

// What the checker read and found, leaving out the rules about the marks themselves (P*, S06's
// bracket form, S16's space, S02's end mark): these are what half-width marks change.
std::vector<std::string> reading_of(const std::string& text) {
    Document doc = document_from_text(text);
    const CheckResult r = checker().check(doc, {&demo(), ""});
    const Regulation& g = r.regulation;
    std::vector<std::string> out = {
        "body " + g.body.full_name + "|" + g.body.short_name + "|" + g.body.level + "|" +
            g.body.rank + "|" + std::to_string(static_cast<int>(g.body.kind)),
        "layout " + std::to_string(static_cast<int>(g.layout)),
        "units " + std::to_string(g.units.size()) + " duties " +
            std::to_string(g.duty_items.size()),
        "posts " + g.staffing.unit_level + std::to_string(g.staffing.unit_posts) + "|" +
            g.staffing.breakdown};
    for (const auto& a : g.articles)
        out.push_back("article " + std::to_string(a.number) + " " +
                      std::to_string(static_cast<int>(a.role)));
    for (const auto& e : g.staffing.establishments)
        out.push_back("establishment " + e.type + std::to_string(e.count));
    for (const auto& l : g.staffing.leaders)
        out.push_back("leader " + l.title + std::to_string(l.count));
    for (const auto& f : r.findings)
        if (f.rule[0] != 'P' && f.rule != "S06" && f.rule != "S16" && f.rule != "S02")
            out.push_back(f.rule + "@" + std::to_string(f.paragraph));
    return out;
}

}  // namespace

// Published pages often carry ASCII marks where the text had full-width ones. The punctuation
// rules flag them; everything else (articles, the body, staffing, every other finding) must read
// the same, or each page copy would bring false structure and staffing errors.
TEST(RealForms, HalfWidthMarksAreReadAsTheirFullWidthForms) {
    std::vector<Draft> drafts(1);
    for (const char* s :
         {"第五条　县农业农村局机关行政编制为15名。其中：局长1名、副局长3名，股级领导职数3名。",
          "第五条　县农业农村局机关行政编制13名，工勤编制2名。设局长1名，副局长3名；科级领导职数"
          "3名（含机关党支部专职副书记1名）。",
          "第五条　县农业农村局机关行政编制15名。设局长1名，副局长3名；股级职数3名。"}) {
        drafts.emplace_back().staffing = s;
    }
    for (const char* s :
         {"第二条　澧阳县农业农村局（以下简称县农业农村局）是县政府工作部门，为正科级。",
          "第二条　澧阳县农业农村局是县人民政府工作部门，为正科级，加挂县乡村振兴局牌子。",
          "第二条　县委组织部是县委工作机关，为正科级。"}) {
        drafts.emplace_back().nature = s;
    }
    Draft used_early;  // A01: the short name used before it is defined
    used_early.basis = "第一条　根据《澧阳县机构改革方案》和县农业农村局的职责，制定本规定。";
    used_early.nature = drafts[4].nature;
    drafts.push_back(used_early);
    Draft twice = used_early;  // A02: defined a second time
    twice.basis = "第一条　根据《澧阳县机构改革方案》，制定本规定。";
    twice.duties_lead =
        "第三条　澧阳县农业农村局（以下简称县农业农村局）贯彻落实党中央关于“三农”"
        "工作的方针政策和决策部署。主要职责是：";
    drafts.push_back(twice);
    Draft missing = drafts[0];  // S04 and S07 in the middle of the text
    missing.interpretation.clear();
    missing.duties.pop_back();
    drafts.push_back(missing);
    for (const auto& d : drafts) {
        std::string text = d.text();
        if (d.interpretation.empty()) text.replace(text.find("\n\n"), 2, "\n");
        SCOPED_TRACE(text);
        const auto wide = reading_of(text);
        EXPECT_EQ(reading_of(half_width(text)), wide);
        EXPECT_NE(half_width(text), text);
    }
    // The older chapter layout, too.
    const std::string chapters =
        "清河市云溪区自然资源局主要职责内设机构和人员编制规定\n"
        "根据《清河市云溪区机构改革方案》，设立清河市云溪区自然资源局，为区政府工作部门。\n"
        "一、职责调整\n（一）取消已由区政府公布取消的行政审批事项。\n二、主要职责\n"
        "（一）贯彻执行国家和省、市有关自然资源工作的方针政策和法律法规。\n三、内设机构\n"
        "根据上述职责，区自然资源局设2个内设机构：\n（一）办公室。\n（二）林业股。\n四、人员编制\n"
        "区自然资源局机关行政编制40名。其中：局长1名、副局长3名，股级领导职数9名。\n";
    EXPECT_EQ(reading_of(half_width(chapters)), reading_of(chapters));
}

// Excerpts and unfinished drafts: a text that stops before its 解释 and 施行 articles gets one
// warning saying where it stops (S19), not an error for each article after it, nor S07 or S11 for
// the list it stops in. An article missing between others is still S04.
TEST(RealForms, ATextThatStopsEarlyGetsOneWarningNotErrors) {
    struct Cut {
        const char* what;
        Draft draft;
    };
    std::vector<Cut> cuts;
    Draft after_nature;  // 第一条 and 第二条 only, no title (a page's excerpt)
    after_nature.front.clear();
    after_nature.duties_lead.clear(), after_nature.duties.clear();
    after_nature.units_lead.clear(), after_nature.units.clear();
    after_nature.staffing.clear(), after_nature.interpretation.clear();
    after_nature.effective.clear();
    cuts.push_back({"after 第二条", after_nature});
    Draft in_duties = after_nature;  // stops in the duty list, before its 交办 item
    in_duties.duties_lead = Draft{}.duties_lead;
    in_duties.duties = {Draft{}.duties[0], Draft{}.duties[1]};
    cuts.push_back({"in the duties", in_duties});
    Draft in_units = in_duties;  // stops in the unit list: 设3个 but two listed so far
    in_units.duties = Draft{}.duties;
    in_units.units_lead = "第四条　县农业农村局设3个内设机构：";
    in_units.units = Draft{}.units;
    cuts.push_back({"in the units", in_units});
    Draft after_staffing = Draft{};
    after_staffing.interpretation.clear(), after_staffing.effective.clear();
    cuts.push_back({"after the staffing", after_staffing});
    for (const auto& cut : cuts) {
        SCOPED_TRACE(cut.what);
        std::string text;
        for (const auto& line : split_lines(cut.draft.text()))
            if (!line.empty()) text += line + "\n";
        const Result r = run_text(text);
        EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
        const auto rules = all_rules(r);
        EXPECT_EQ(std::count(rules.begin(), rules.end(), "S19"), 1);
        EXPECT_FALSE(has(r, "S04"));
        EXPECT_FALSE(has(r, "S07"));
        EXPECT_FALSE(has(r, "S11"));
        if (cut.draft.front.empty()) {
            EXPECT_FALSE(has(r, "R01")) << "no title, no place for （讨论稿）";
        }
    }
    // What the warning says: where the text stops and what is not there.
    const Result r =
        run_text("第一条　根据《澧阳县机构改革方案》，制定本规定。\n" + after_nature.nature + "\n");
    for (const auto& f : r.findings) {
        if (f.rule != "S19") continue;
        EXPECT_NE(f.message.find("第二条之后没有“主要职责”“内设机构”“人员编制”“解释”“施行日期”条"),
                  std::string::npos)
            << f.message;
    }
    // Articles missing between others, or a last 施行 article missing after 解释: errors still.
    Draft gap;
    gap.units_lead.clear(), gap.units.clear();
    EXPECT_TRUE(has(run(gap), "S04"));
    EXPECT_FALSE(has(run(gap), "S19"));
    Draft no_effective;
    no_effective.effective.clear();
    EXPECT_TRUE(has(run(no_effective), "S04"));
    Draft no_entrusted;  // the 交办 item missing from a list the text goes on after
    no_entrusted.duties.pop_back();
    EXPECT_TRUE(has(run(no_entrusted), "S07"));
}

// Class 7, the older layouts as published: 一、职能调整 (2000—2005) as well as 一、职责调整, a page
// of a longer copy that starts at 三、内设机构 or 四、人员编制, and the title of its time
// (…主要职责内设机构和人员编制规定), which S01 does not hold to the 2018 form.
TEST(RealForms, OlderLayoutsAsPublishedAreChapters) {
    const std::vector<std::string> texts = {
        "北京市人民政府办公厅职能配置、内设机构和人员编制规定\n"
        "根据《北京市党政机构改革方案》，设置北京市人民政府办公厅。\n一、职能调整\n"
        "（一）划出的职能。\n二、主要职责\n（一）负责市政府会议的会务组织工作。\n",
        "福建省人民政府办公厅主要职责内设机构和人员编制规定\n一、职责调整\n"
        "（一）增加海防管理的职责。\n二、主要职责\n（一）负责省政府会议的准备工作。\n",
        "（十六）办理市政府领导同志交办的其他事项。\n三、内设机构\n"
        "根据上述职责，市政府办公室设19个内设机构。\n（一）市政府督查室。负责督查工作。\n",
        "（二十一）保卫科\n负责市政府机关院内治安保卫工作。\n四、人员编制\n"
        "市政府办公室机关行政编制79名。其中：主任1名，副主任3名；正科级领导职数19名。\n",
    };
    for (const auto& t : texts) {
        SCOPED_TRACE(t);
        const Result r = run_text(t);
        EXPECT_EQ(r.reg.layout, Layout::Chapters);
        EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
        EXPECT_EQ(rules_of(r, Severity::Warning), std::vector<std::string>{});
        const auto rules = all_rules(r);
        EXPECT_EQ(std::count(rules.begin(), rules.end(), "S17"), 1);
    }
    // The staffing paragraph of such a page is read.
    const Result staffing = run_text(texts[3]);
    ASSERT_FALSE(staffing.reg.staffing.establishments.empty());
    EXPECT_EQ(staffing.reg.staffing.establishments[0].count, 79);
    EXPECT_EQ(staffing.reg.staffing.unit_posts, 19);
    // A notice numbering its points 一、二、 is still no 三定.
    EXPECT_EQ(run_text("关于召开全县会议的通知\n一、会议时间\n二、参会人员\n").reg.layout,
              Layout::NotRegulation);
}
