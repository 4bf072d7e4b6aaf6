// The forms published 三定 regulations take (counties, cities, districts, central bodies), each
// class of issue 16 tried in several of its real forms: none may give a false error, and real
// mistakes in them stay found. The drafts are written here in the official style.
#include "real_forms.hpp"

using namespace sanding;
using namespace sanding::test::real;

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
        "第二条　县农业农村局为县人民政府工作部门，正科级。",
        "第二条　澧阳县农业农村局为县政府工作部门，正科级规格。",
        "第二条　澧阳县农业农村局（县乡村振兴局）是县政府工作部门，为正科级。",
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
    // A draft truly without the article still misses it; its level is still the one its other
    // articles name the body by (县农业农村局…), so 全县 and 县委机构编制委员会办公室 stand.
    Draft none;
    none.nature = "第二条　县农业农村局负责全县农业农村工作。";
    const Result missing = run(none);
    EXPECT_TRUE(has(missing, "S04"));
    EXPECT_EQ(missing.reg.body.level, "县");
    EXPECT_FALSE(has(missing, "D10"));
    EXPECT_FALSE(has(missing, "S13"));
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
        {"第五条　县农业农村局机关行政编制15名。设局长1名，副局长3名；股级领导职数为3名。", 15, 2,
         1, 3},
        {"第五条　县农业农村局机关行政编制15名。设局长1名，副局长3名；内设机构负责人职数3名。", 15,
         2, 1, 3},
        {"第五条　县农业农村局机关行政编制15名。核定局长1名，副局长3名；股级领导职数3名。", 15, 2,
         1, 3},
        {"第五条　县农业农村局机关行政编制15名，局领导职数4名（局长1名、副局长3名），股级领导职数3"
         "名"
         "。",
         15, 2, 1, 3},
        {"第五条　县农业农村局机关行政编制15名。核定局领导职数4名，其中局长1名、副局长3名；内设机构"
         "领导职数3名。",
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
        EXPECT_NE(r.reg.staffing.unit_level, "局");  // 局领导职数 is the leaders', not the units'
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
        {"湘北市澧阳县农业农村局职能配置、内设机构和人员编制规定（讨论稿）"},
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
        // The stage, under the title or closing its line, is the stage and no part of the title;
        // a text issued with its 印发通知 is no draft and is not asked for one.
        const bool staged = front.back().find("稿）") != std::string::npos;
        const bool issued = front.size() > 2;
        EXPECT_EQ(r.reg.issued, issued);
        EXPECT_EQ(has(r, "R01"), !staged && !issued);
        EXPECT_EQ(r.reg.title.find("稿"), std::string::npos) << r.reg.title;
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

// The units named in the 内设机构 article's lead sentence (设3个内设机构：办公室、农村经济股、
// 种植业股。), as county drafts often list them, are the units: S11 counts them, and a wrong count
// is still found.
TEST(RealForms, UnitsListedInTheLeadSentenceAreRead) {
    for (const char* lead :
         {"第四条　县农业农村局设3个内设机构：办公室、农村经济股、种植业股。",
          "第四条　县农业农村局设下列内设机构：办公室、农村经济股、种植业股。"}) {
        SCOPED_TRACE(lead);
        Draft d;
        d.units_lead = lead;
        d.units.clear();
        const Result r = run(d);
        ASSERT_EQ(r.reg.units.size(), 3u);
        EXPECT_EQ(r.reg.units[1].name, "农村经济股");
        EXPECT_EQ(rules_of(r, Severity::Error), std::vector<std::string>{});
    }
    Draft wrong;
    wrong.units_lead = "第四条　县农业农村局设3个内设机构：办公室、农村经济股。";
    wrong.units.clear();
    EXPECT_TRUE(has(run(wrong), "S11"));
}

// 第三条's opening as provinces write it (贯彻党中央关于…的方针政策和决策部署, without 落实) says
// what S10 asks; an opening with none of it (县农业农村局的主要职责：) is still S10, as a warning.
// 参与制定 (taking part in another's policy) is no D04.
TEST(RealForms, DutiesOpeningAndParticipationInTheirRealForms) {
    Draft province;
    province.duties_lead =
        "第三条　县农业农村局贯彻党中央关于“三农”工作的方针政策和决策部署，落实县委工作要求，在履职"
        "过程中坚持和加强党对“三农”工作的集中统一领导。主要职责是：";
    province.duties[1] = "（二）参与制定全县农业补贴政策，推进农业保险工作。";
    const Result r = run(province);
    EXPECT_FALSE(has(r, "S10"));
    EXPECT_FALSE(has(r, "D04"));
    Draft bare;
    bare.duties_lead = "第三条　县农业农村局的主要职责：";
    const Result b = run(bare);
    EXPECT_TRUE(has(b, "S10"));
    EXPECT_EQ(rules_of(b, Severity::Error), std::vector<std::string>{});
}

// The rank is found after a 级 with no room for a rank before it (县级…机构, then 为正科级).
TEST(RealForms, RankIsFoundAfterAnEarlierLevelWord) {
    Draft d;
    d.nature = "第二条　县级农业农村局是县政府工作部门，为正科级。";
    EXPECT_EQ(run(d).reg.body.rank, "正科级");
}
