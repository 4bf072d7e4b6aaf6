// The forms published 三定 regulations take (counties, cities, districts, central bodies), each
// class of issue 16 tried in several of its real forms: none may give a false error, and real
// mistakes in them stay found. The drafts are written here in the official style.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "sanding/document.hpp"
#include "sanding/text_input.hpp"

using namespace sanding;
using sanding::test::checker;
using sanding::test::demo;

namespace {

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

Result run(const Draft& d, const CheckOptions& o = {&demo(), ""}) {
    Document doc = document_from_text(d.text());
    CheckResult r = checker().check(doc, o);
    Result out{std::move(r.findings), std::move(r.regulation), {}};
    for (const auto& p : doc.paragraphs) out.texts.push_back(p.text);
    return out;
}

std::vector<std::string> rules_of(const Result& r, Severity s) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
        if (f.severity == s)
            out.push_back(f.rule + "@" + std::to_string(f.paragraph) + ":" + f.message);
    return out;
}

bool has(const Result& r, const std::string& rule) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [&](const Finding& f) { return f.rule == rule; });
}

std::string flagged(const Result& r, const std::string& rule) {
    for (const auto& f : r.findings)
        if (f.rule == rule) return r.texts[f.paragraph].substr(f.offset_utf8, f.length_utf8);
    return {};
}

}  // namespace

TEST(RealForms, TheCountyDraftHasNoErrors) {
    const Result r = run(Draft{});
    EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
    EXPECT_EQ(rules_of(r, Severity::Warning), std::vector<std::string>{});
}

// Class 1: the 机构性质和规格 article is recognised by what it says, with or without 以下简称.
TEST(RealForms, NatureArticleIsFoundByItsKindOrRankSentence) {
    const std::vector<std::string> forms = {
        "第二条　县农业农村局是县政府工作部门，为正科级。",
        "第二条　澧阳县农业农村局是县人民政府工作部门，为正科级，加挂县乡村振兴局牌子。",
        "第二条　县农业农村局为正科级。",
        "第二条　县农业农村局是县政府工作部门，机构规格为正科级。",
        "第二条　澧阳县农业农村局（以下简称县农业农村局）是县政府工作部门，为正科级。",
    };
    for (const auto& form : forms) {
        SCOPED_TRACE(form);
        Draft d;
        d.nature = form;
        const Result r = run(d);
        EXPECT_FALSE(has(r, "S04")) << rules_of(r, Severity::Error).size();
        EXPECT_EQ(r.reg.article(ArticleRole::Nature).number, 2);
        EXPECT_EQ(r.reg.body.rank, "正科级");
        EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
    }
    // Other kinds and levels, each read as what it is.
    struct Kind {
        std::string sentence;
        BodyKind kind;
        std::string level;
    };
    const std::vector<Kind> kinds = {
        {"第二条　县委组织部是县委工作机关，为正科级。", BodyKind::PartyOrgan, "县"},
        {"第二条　市应急管理局是市人民政府工作部门，为正处级。", BodyKind::GovernmentDepartment,
         "市"},
        {"第二条　国家矿山安全监察局是应急管理部管理的国家局，为副部级。", BodyKind::ManagedAgency,
         "国家"},
        {"第二条　区应急管理局为副处级。", BodyKind::Unknown, "区"},
        {"第二条　县林业局是县自然资源局管理的机构，为副科级。", BodyKind::ManagedAgency, "县"},
        {"第二条　县农业综合服务中心是县农业农村局所属公益一类事业单位，为股级。",
         BodyKind::PublicInstitution, "县"},
    };
    for (const auto& k : kinds) {
        SCOPED_TRACE(k.sentence);
        Draft d;
        d.nature = k.sentence;
        const Result r = run(d);
        EXPECT_EQ(r.reg.article(ArticleRole::Nature).number, 2);
        EXPECT_EQ(r.reg.body.kind, k.kind);
        EXPECT_EQ(r.reg.body.level, k.level);
        EXPECT_FALSE(has(r, "S04"));
    }
    // A draft truly without the article still misses it.
    Draft none;
    none.nature = "第二条　县农业农村局负责全县农业农村工作。";
    EXPECT_TRUE(has(run(none), "S04"));
}

// Class 5: staffing sentences in their real variants, and a body name holding 设.
TEST(RealForms, StaffingVariantsAreReadAndANameHoldingSheIsNoLeader) {
    struct Form {
        std::string sentence;
        int establishment, leaders, principal, unit_posts;
    };
    const std::vector<Form> forms = {
        {"第五条　县农业农村局机关行政编制为15名。其中：局长1名、副局长3名，股级领导职数3名。", 15,
         2, 1, 3},
        {"第五条　县农业农村局机关行政编制15名。设局长1名，副局长3名；股级职数3名。", 15, 2, 1, 3},
        {"第五条　县农业农村局机关行政编制13名，工勤编制2名。设局长1名，副局长3名；科级领导职数3名"
         "。",
         13, 2, 1, 3},
        {"第五条　县农业农村局机关行政编制15名（含机关党组织专职工作人员1名）。设局长1名，副局长3名"
         "；股级领导职数3名（含机关党支部专职副书记1名）。",
         15, 2, 1, 3},
    };
    for (const auto& f : forms) {
        SCOPED_TRACE(f.sentence);
        Draft d;
        d.staffing = f.sentence;
        const Result r = run(d);
        ASSERT_FALSE(r.reg.staffing.establishments.empty());
        EXPECT_EQ(r.reg.staffing.establishments[0].count, f.establishment);
        ASSERT_EQ(static_cast<int>(r.reg.staffing.leaders.size()), f.leaders);
        EXPECT_EQ(r.reg.staffing.leaders[0].title, "局长");
        EXPECT_EQ(r.reg.staffing.leaders[0].count, f.principal);
        EXPECT_EQ(r.reg.staffing.unit_posts, f.unit_posts);
        EXPECT_FALSE(has(r, "N01"));
        EXPECT_FALSE(has(r, "N03"));
        EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
    }
    // 住房和城乡建设局 holds 设局: no leader post is read from it.
    Draft housing;
    housing.front = {"澧阳县住房和城乡建设局职能配置、内设机构和人员编制规定"};
    housing.nature = "第二条　县住房和城乡建设局是县政府工作部门，为正科级。";
    housing.duties_lead =
        "第三条　县住房和城乡建设局贯彻落实党中央关于住房和城乡建设工作的方针政策和决策部署，在履行"
        "职责过程中坚持和加强党对住房和城乡建设工作的集中统一领导。主要职责是：";
    housing.units_lead = "第四条　县住房和城乡建设局设下列内设机构：";
    housing.staffing =
        "第五条　县住房和城乡建设局机关行政编制12名。设局长1名，副局长3名；股级领导职数3名。";
    const Result r = run(housing);
    ASSERT_EQ(r.reg.staffing.leaders.size(), 2u);
    EXPECT_EQ(r.reg.staffing.leaders[0].title, "局长");
    EXPECT_FALSE(has(r, "N03"));
    EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
}

TEST(RealForms, CountsInChineseNumeralsAreN02) {
    for (const std::string& s :
         {std::string(
              "第五条　县农业农村局机关行政编制15名。设局长1名，副局长3名；股级领导职数九名。"),
          std::string(
              "第五条　县农业农村局机关行政编制十五名。设局长1名，副局长3名；股级领导职数3名。"),
          std::string(
              "第五条　县农业农村局机关行政编制15名。其中：局长1名、副局长三名，股级职数3名。")}) {
        SCOPED_TRACE(s);
        Draft d;
        d.staffing = s;
        const Result r = run(d);
        EXPECT_TRUE(has(r, "N02"));
        EXPECT_FALSE(has(r, "N01"));  // the counts are still read
    }
}

// Class 3: the title is the line of the title's form; names with or without the higher place
// agree with 第二条.
TEST(RealForms, TitleIsFoundByItsFormAndNamesTheBodyInAnyOfItsForms) {
    const std::vector<std::vector<std::string>> fronts = {
        {"中共澧阳县委机构编制委员会",
         "关于印发《澧阳县农业农村局职能配置、内设机构和人员编制规定》的通知", "澧编发〔2019〕12号",
         "县农业农村局：",
         "现将《澧阳县农业农村局职能配置、内设机构和人员编制规定》印发给你们，请遵照执行。",
         "澧阳县农业农村局职能配置、内设机构和人员编制规定"},
        {"湘北市澧阳县农业农村局职能配置、内设机构和人员编制规定", "（征求意见稿）"},
        {"澧阳县农业农村局", "职能配置、内设机构和人员编制规定"},
        {"附件", "澧阳县农业农村局职能配置、内设机构和人员编制规定"},
    };
    for (const auto& front : fronts) {
        SCOPED_TRACE(front.back());
        Draft d;
        d.front = front;
        d.nature = "第二条　澧阳县农业农村局是县政府工作部门，为正科级。";
        const Result r = run(d);
        EXPECT_NE(r.reg.title.find("农业农村局职能配置"), std::string::npos) << r.reg.title;
        EXPECT_EQ(r.reg.title.find("通知"), std::string::npos) << r.reg.title;
        EXPECT_FALSE(has(r, "A04")) << flagged(r, "A04");
        EXPECT_FALSE(has(r, "S02"));
        EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
    }
    // The 中共 form of a party organ's name.
    Draft party;
    party.front = {"中共澧阳县委组织部职能配置、内设机构和人员编制规定"};
    party.nature = "第二条　中共澧阳县委员会组织部（以下简称县委组织部）是县委工作机关，为正科级。";
    party.duties_lead =
        "第三条　县委组织部贯彻落实党中央关于组织工作的方针政策和决策部署，在履行职责过程中坚持和加"
        "强党对组织工作的集中统一领导。主要职责是：";
    party.duties.back() = "（三）完成县委交办的其他任务。";
    party.units_lead = "第四条　县委组织部设下列内设机构：";
    party.staffing = "第五条　县委组织部机关行政编制15名。设部长1名，副部长3名；股级领导职数3名。";
    const Result pr = run(party);
    EXPECT_FALSE(has(pr, "A04")) << flagged(pr, "A04");
    EXPECT_EQ(rules_of(pr, Severity::Error), std::vector<std::string>{});
    // Another body in the title is still an error.
    Draft other;
    other.front = {"澧阳县林业局职能配置、内设机构和人员编制规定"};
    EXPECT_TRUE(has(run(other), "A04"));
}

// Class 4: only a second short name for the body itself is A02.
TEST(RealForms, ShortNamesForOtherThingsAreNotA02) {
    Draft d;
    d.nature = "第二条　澧阳县农业农村局（以下简称县农业农村局）是县政府工作部门，为正科级。";
    d.more_nature = {"中共澧阳县委农村工作领导小组办公室（以下简称县委农办）设在县农业农村局。"};
    d.duties[0] =
        "（一）贯彻落实《中华人民共和国农村土地承包法》（以下简称《土地承包法》），负责全县农村土地"
        "承包管理工作。";
    d.duties[1] = "（二）组织实施《澧阳县乡村振兴战略规划（2018—2022年）》（以下简称《规划》）。";
    Result r = run(d);
    EXPECT_FALSE(has(r, "A02"));
    EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
    // A second short name for the body itself stays found.
    d.duties_lead =
        "第三条　澧阳县农业农村局（以下简称县农业局）贯彻落实党中央关于“三农”工作的方针政策和决策部"
        "署，在履行职责过程中坚持和加强党对“三农”工作的集中统一领导。主要职责是：";
    r = run(d);
    EXPECT_EQ(flagged(r, "A02"), "（以下简称县农业局）");
}

// Class 6: verb rules in context, and no error where a rule cannot be sure.
TEST(RealForms, VerbRulesReadTheirContext) {
    Draft d;
    d.duties[0] = "（一）制定全县农业行政管理政策并组织实施。";
    d.duties[1] = "（二）制订全县农业产业发展计划和年度工作方案。";
    Result r = run(d);
    EXPECT_FALSE(has(r, "D04"));
    EXPECT_FALSE(has(r, "W03"));
    EXPECT_FALSE(has(r, "D01"));
    // 制定 a development plan it has no power over, 制订 a policy: found, as warnings.
    d.duties[0] = "（一）制定全县农业农村发展规划并组织实施。";
    d.duties[1] = "（二）制订全县农业补贴政策。";
    r = run(d);
    EXPECT_TRUE(has(r, "D04"));
    EXPECT_TRUE(has(r, "W03"));
    EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
    // A central body (国家局, 部委) makes its own system's plans: 制定 is its power, no D04.
    for (const char* nature : {"第二条　国家林业和草原局是自然资源部管理的国家局，为副部级。",
                               "第二条　国家矿山安全监察局是应急管理部管理的国家局，为副部级。"}) {
        SCOPED_TRACE(nature);
        Draft central = d;
        central.nature = nature;
        central.duties[0] = "（一）制定监管监察能力建设规划，完善技术支撑体系。";
        EXPECT_FALSE(has(run(central), "D04"));
        Draft county = d;
        county.duties[0] = central.duties[0];
        EXPECT_TRUE(has(run(county), "D04"));
    }
}

// Class 2: the level comes from the draft's nature article, else the framework; no 区 wording is
// forced on a county's or a city's draft.
TEST(RealForms, LevelWordingFollowsTheDraftsLevel) {
    EXPECT_EQ(demo().district.level, "区");
    EXPECT_EQ(demo().district.establishment_office, "区委机构编制委员会办公室");
    Draft county;  // checked under the district's framework
    Result r = run(county);
    EXPECT_FALSE(has(r, "S08"));
    EXPECT_FALSE(has(r, "S13"));
    Draft city;
    city.front = {"湘北市应急管理局职能配置、内设机构和人员编制规定"};
    city.nature = "第二条　湘北市应急管理局是市人民政府工作部门，为正处级。";
    city.duties_lead =
        "第三条　市应急管理局贯彻落实党中央关于应急管理工作的方针政策和决策部署，在履行职责过程中坚"
        "持和加强党对应急管理工作的集中统一领导。主要职责是：";
    city.duties = {"（一）负责全市应急管理工作。", "（二）完成市委、市人民政府交办的其他任务。"};
    city.units_lead = "第四条　市应急管理局设下列内设机构：";
    city.units = {"（一）办公室。负责机关日常运转。", "（二）应急指挥科。负责应急指挥。"};
    city.staffing = "第五条　市应急管理局机关行政编制30名。设局长1名，副局长3名；科级领导职数3名。";
    city.interpretation =
        "第六条　本规定由中共湘北市委机构编制委员会办公室负责解释，其调整由市委机构编制委员会办公室"
        "按规定程序办理。";
    r = run(city);
    EXPECT_EQ(r.reg.body.level, "市");
    EXPECT_FALSE(has(r, "S08"));
    EXPECT_FALSE(has(r, "S13"));
    EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
    // Wording of another level is still found: a county draft with the district's words.
    county.duties.back() = "（三）完成区委、区政府交办的其他任务。";
    county.interpretation =
        "第六条　本规定由区委机构编制委员会办公室负责解释，其调整由区委机构编制委员会办公室按规定程"
        "序办理。";
    r = run(county);
    EXPECT_TRUE(has(r, "S08"));
    EXPECT_EQ(flagged(r, "S13"), "区委机构编制委员会办公室");
}

// Issue 13 (b): duty and unit items numbered “一、” are found and renumbered （一）（二）.
TEST(RealForms, ItemsNumberedWithEnumerationCommaAreS06) {
    Draft d;
    d.duties = {"一、统筹研究和组织实施全县“三农”工作的发展战略。",
                "二、负责全县种植业的行业管理。", "三、完成县委、县政府交办的其他任务。"};
    const Result r = run(d);
    std::vector<std::string> fixes;
    for (const auto& f : r.findings)
        if (f.rule == "S06") {
            EXPECT_EQ(f.severity, Severity::Error);
            EXPECT_EQ(r.texts[f.paragraph].substr(f.offset_utf8, f.length_utf8).substr(3), "、");
            fixes.push_back(f.suggestions.empty() ? "" : f.suggestions[0]);
        }
    EXPECT_EQ(fixes, (std::vector<std::string>{"（一）", "（二）", "（三）"}));
    EXPECT_EQ(r.reg.duty_items.size(), 3u);
    EXPECT_FALSE(has(r, "S07"));  // the 交办 item is still read as the last one
    d.units = {"一、办公室。负责机关日常运转。", "二、农村经济股。负责农村经济工作。"};
    const Result both = run(d);
    EXPECT_EQ(std::count_if(both.findings.begin(), both.findings.end(),
                            [](const Finding& f) { return f.rule == "S06"; }),
              5);
}

// S16: a no-break space or an ASCII space after 第X条 is flagged, the fix a full-width space.
TEST(RealForms, NoBreakAndAsciiSpacesAfterTheArticleNumberAreS16) {
    for (const std::string& space : {std::string("\u00a0"), std::string(" ")}) {
        Draft d;
        d.basis = "第一条" + space + "根据《澧阳县机构改革方案》，制定本规定。";
        const Result r = run(d);
        EXPECT_EQ(flagged(r, "S16"), space);
        for (const auto& f : r.findings)
            if (f.rule == "S16") {
                EXPECT_EQ(f.suggestions, std::vector<std::string>{"\u3000"});
            }
        EXPECT_EQ(r.reg.article(ArticleRole::Basis).number, 1);
    }
}

namespace {
Result run_lines(const std::vector<std::string>& lines, const CheckOptions& o = {&demo(), ""}) {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    Document doc = document_from_text(text);
    CheckResult r = checker().check(doc, o);
    Result out{std::move(r.findings), std::move(r.regulation), {}};
    for (const auto& p : doc.paragraphs) out.texts.push_back(p.text);
    return out;
}

std::vector<std::string> all_rules(const Result& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) out.push_back(f.rule);
    return out;
}
}  // namespace

// Class 7: the 2008—2010 chapter layout is named once (S17, info); no article rule is applied to
// it; its staffing paragraph is still checked against the framework.
TEST(RealForms, ChapterLayoutIsNamedAndOnlyItsStaffingIsChecked) {
    const std::vector<std::string> staffing_forms = {
        "区自然资源局机关行政编制40名。其中：局长1名、副局长3名，股级领导职数9名。",
        "区自然资源局机关行政编制为40名。设局长1名，副局长3名；股级领导职数9名。",
    };
    for (const auto& staffing : staffing_forms) {
        SCOPED_TRACE(staffing);
        const Result r = run_lines(
            {"清河市云溪区自然资源局主要职责内设机构和人员编制规定",
             "根据《清河市云溪区机构改革方案》，设立清河市云溪区自然资源局，为区政府工作部门。",
             "一、职责调整", "（一）取消已由区政府公布取消的行政审批事项。", "二、主要职责",
             "（一）贯彻执行国家和省、市有关自然资源工作的方针政策和法律法规。", "三、内设机构",
             "根据上述职责，区自然资源局设2个内设机构：", "（一）办公室。", "（二）林业股。",
             "四、人员编制", staffing, "五、其他事项",
             "所属事业单位的设置、职责和编制事项另行规定。"},
            {&demo(), "natural-resources"});
        EXPECT_EQ(r.reg.layout, Layout::Chapters);
        const auto rules = all_rules(r);
        EXPECT_EQ(std::count(rules.begin(), rules.end(), "S17"), 1);
        for (const auto& f : r.findings) {
            EXPECT_NE(f.rule, "S04");
            EXPECT_NE(f.rule, "S06");
            EXPECT_NE(f.rule, "R01");
        }
        // The framework allows 32.
        EXPECT_EQ(flagged(r, "N11"),
                  staffing.find("为40") != std::string::npos ? "行政编制为40名" : "行政编制40名");
    }
}

// Issue 13 (a): a text that is no 三定 draft gets one finding saying so, then wording and
// punctuation rules only.
TEST(RealForms, ANoticeIsNotCheckedAsARegulation) {
    const std::vector<std::vector<std::string>> texts = {
        {"关于召开全县农业农村工作会议的通知", "各乡镇人民政府，县直各单位：",
         "经县政府同意，定于2019年3月5日召开全县农业农村工作会议，布署全年工作。现将有关事项通知如"
         "下：",
         "一、会议时间：2019年3月5日上午9时。", "二、参会人员：各乡镇分管负责同志。",
         "澧阳县人民政府办公室", "2019年3月1日"},
        {"澧阳县农业农村局2019年工作要点", "一、总体要求",
         "以乡村振兴战略为总抓手，做好其它各项工作。", "二、重点任务", "（一）抓好粮食生产。"},
    };
    for (const auto& t : texts) {
        SCOPED_TRACE(t[0]);
        const Result r = run_lines(t);
        EXPECT_EQ(r.reg.layout, Layout::NotRegulation);
        const auto rules = all_rules(r);
        EXPECT_EQ(std::count(rules.begin(), rules.end(), "S18"), 1);
        EXPECT_EQ(std::count(rules.begin(), rules.end(), "S04"), 0);
        EXPECT_EQ(std::count(rules.begin(), rules.end(), "R01"), 0);
        EXPECT_EQ(std::count(rules.begin(), rules.end(), "S17"), 0);
    }
    // Wording rules still run on it.
    EXPECT_EQ(flagged(run_lines(texts[1]), "W01"), "其它");
}

// The 异形词 (GF 1001—2001) and 别字 sets: a misspelling is an error with its right form, a
// variant form a warning with the recommended one; words that merely hold the characters are not.
TEST(RealForms, VariantFormsAndMisspellingsAreFoundWithTheirRightForm) {
    Draft d;
    d.duties[0] = "（一）统筹布署全县“三农”工作，推进农业农村领域思惟方式转变。";
    d.duties[1] =
        "（二）负责将原由县农业局承担的农村经营管理职责划入，希有关单位配合，推进农业发展转型。";
    const Result r = run(d);
    std::vector<std::string> seen;
    for (const auto& f : r.findings)
        if (f.rule[0] == 'B' || f.rule[0] == 'Y' || f.rule[0] == 'Z')
            seen.push_back(r.texts[f.paragraph].substr(f.offset_utf8, f.length_utf8) + "→" +
                           (f.suggestions.empty() ? "" : f.suggestions[0]) + "/" +
                           std::string(to_string(f.severity)));
    EXPECT_EQ(seen, (std::vector<std::string>{"布署→部署/error", "思惟→思维/warning"}));
}

// D10 (职责范围): the draft's own level's word is right, another level's is found with the right
// one.
TEST(RealForms, ScopeWordsFollowTheDraftsLevel) {
    Draft county;
    county.duties[1] =
        "（二）负责全县种植业、畜牧业、渔业的行业管理，组织开展全市农业普查有关工作。";
    Result r = run(county);
    EXPECT_EQ(flagged(r, "D10"), "全市");
    for (const auto& f : r.findings)
        if (f.rule == "D10") {
            EXPECT_EQ(f.suggestions, std::vector<std::string>{"全县"});
        }
    Draft city;
    city.nature = "第二条　湘北市农业农村局是市人民政府工作部门，为正处级。";
    city.front = {"湘北市农业农村局职能配置、内设机构和人员编制规定"};
    city.duties[0] = "（一）统筹研究和组织实施全市“三农”工作的发展战略、中长期规划、重大政策。";
    city.duties[1] = "（二）负责全市种植业、畜牧业、渔业的行业管理。";
    city.duties[2] = "（三）完成市委、市政府交办的其他任务。";
    city.interpretation =
        "第六条　本规定由市委机构编制委员会办公室负责解释，其调整由市委机构编制委员会办公室按规定程"
        "序办理。";
    r = run(city);
    EXPECT_FALSE(has(r, "D10"));
    EXPECT_FALSE(has(r, "S08"));
    EXPECT_FALSE(has(r, "S13"));
}

// Published pages writing the nature article's definition and the duties' colon with ASCII
// punctuation (乌鲁木齐市生态环境局, 揭东区工业信息化和科技局, 通化市二道江区应急管理局 in
// tests/data/real): P01 flags the marks, and the body is still read with its full and short
// names, so the title and the staffing article are not taken for another body (A04) and the
// duties' opening is not said to lack 主要职责是 (S10).
TEST(RealForms, AsciiBracketsAroundTheShortNameStillDefineIt) {
    struct Form {
        std::string nature, full, short_name;
    };
    const std::vector<Form> forms = {
        {"第二条　澧阳县农业农村局(以下简称县农业农村局)是县政府工作部门，为正科级。",
         "澧阳县农业农村局", "县农业农村局"},
        {"第二条 澧阳县农业农村局(以下简称县农业农村局)是县人民政府工作部门,为正科级。",
         "澧阳县农业农村局", "县农业农村局"},
        {"第二条　澧阳县农业农村局(以下简称县农业农村局）是县政府工作部门，为正科级。",
         "澧阳县农业农村局", "县农业农村局"},
        {"第二条　澧阳县农业农村局（以下简称县农业农村局)是县政府工作部门，为正科级。",
         "澧阳县农业农村局", "县农业农村局"},
    };
    for (const auto& f : forms) {
        SCOPED_TRACE(f.nature);
        Draft d;
        d.nature = f.nature;
        const Result r = run(d);
        EXPECT_EQ(r.reg.body.full_name, f.full);
        EXPECT_EQ(r.reg.body.short_name, f.short_name);
        EXPECT_EQ(r.reg.body.level, "县");
        EXPECT_FALSE(has(r, "A04"));
        EXPECT_TRUE(has(r, "P01"));  // the ASCII bracket is still a mistake
    }
    // The duties' opening with an ASCII colon: P01, not S10.
    for (const std::string& colon : {std::string(":"), std::string("：")}) {
        SCOPED_TRACE(colon);
        Draft d;
        d.duties_lead =
            "第三条　县农业农村局贯彻落实党中央关于“三农”工作的方针政策和决策部署，在履行职责过程"
            "中坚持和加强党对“三农”工作的集中统一领导。主要职责是" +
            colon;
        const Result r = run(d);
        EXPECT_FALSE(has(r, "S10"));
        EXPECT_EQ(has(r, "P01"), colon == ":");
    }
    // An opening truly without the phrase still lacks it.
    Draft none;
    none.duties_lead =
        "第三条　县农业农村局贯彻落实党中央关于“三农”工作的方针政策和决策部署，在履行职责过程中坚"
        "持和加强党对“三农”工作的集中统一领导。主要职责如下：";
    EXPECT_TRUE(has(run(none), "S10"));
}

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

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

Result run_text(const std::string& text) {
    return run_lines(split_lines(text));
}

}  // namespace

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
