// The recogniser on drafts typed by people, not rendered by sanding.
#include "sanding/recognize.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

using namespace sanding;

namespace {
Document doc(std::initializer_list<const char*> lines) {
    Document d;
    for (const char* l : lines) d.paragraphs.push_back({l, ParagraphKind::Body});
    return d;
}
}  // namespace

TEST(ArticleMarker, ReadsNumberAndSeparator) {
    auto m = article_marker("第十一条\u3000本规定由…");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->number, 11);
    EXPECT_EQ(m->separator, "\u3000");
    EXPECT_EQ(m->length, std::string("第十一条\u3000").size());

    auto colon = article_marker("\u3000\u3000第一条：根据");
    ASSERT_TRUE(colon);
    EXPECT_EQ(colon->offset, 6u);
    EXPECT_EQ(colon->separator, "：");

    auto arabic = article_marker("第11条 本规定");
    ASSERT_TRUE(arabic);
    EXPECT_EQ(arabic->number, 11);
    EXPECT_EQ(arabic->numeral, "11");

    auto bad = article_marker("第二十零条\u3000…");
    ASSERT_TRUE(bad);  // still an article heading, so M01 can flag its numeral
    EXPECT_EQ(bad->number, 0);

    EXPECT_FALSE(article_marker("根据第三条规定"));
    EXPECT_FALSE(article_marker("第三项"));
}

TEST(ItemMarker, ReadsTheFormsDraftersType) {
    auto m = item_marker("（十二）负责…");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->number, 12);
    EXPECT_TRUE(m->chinese_brackets);
    EXPECT_TRUE(m->chinese_numeral);

    auto ascii = item_marker("(1)负责…");
    ASSERT_TRUE(ascii);
    EXPECT_FALSE(ascii->chinese_brackets);
    EXPECT_FALSE(ascii->chinese_numeral);
    EXPECT_EQ(ascii->number, 1);

    auto fw = item_marker("（１）负责…");
    ASSERT_TRUE(fw);
    EXPECT_EQ(fw->number, 1);

    EXPECT_FALSE(item_marker("（以下简称区应急管理局）"));
    EXPECT_FALSE(item_marker("负责（一）"));

    // Every one-character numeral reads as parse_chinese_numeral reads it; those that are no
    // number alone (零 〇 百 千) are read as 0, for M01 to flag.
    const std::vector<std::pair<std::string, int>> single = {
        {"一", 1}, {"二", 2},  {"三", 3}, {"四", 4}, {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8},
        {"九", 9}, {"十", 10}, {"零", 0}, {"〇", 0}, {"百", 0}, {"千", 0}, {"３", 3}, {"7", 7}};
    for (const auto& [numeral, number] : single) {
        auto item = item_marker("（" + numeral + "）负责…");
        ASSERT_TRUE(item) << numeral;
        EXPECT_EQ(item->number, number) << numeral;
        auto article = article_marker("第" + numeral + "条　本规定…");
        ASSERT_TRUE(article) << numeral;
        EXPECT_EQ(article->number, number) << numeral;
    }
}

TEST(Recognize, ReadsAHandTypedDraft) {
    const Document d = doc({
        "",
        "清河市云溪区应急管理局职能配置、内设机构和人员编制规定",
        "（讨论稿）",
        "第一条　根据《清河市云溪区机构改革方案》，制定本规定。",
        "第二条　清河市云溪区应急管理局（以下简称区应急管理局）是区政府工作部门，为正科级，加挂区地"
        "震局、区防汛抗旱指挥部办公室牌子。",
        "区安全生产委员会办公室设在区应急管理局，承担日常工作。",
        "第三条　区应急管理局贯彻落实党中央关于应急管理工作的方针政策。主要职责是：",
        "（一）负责全区应急管理工作。",
        "（二）完成区委、区政府交办的其他任务。",
        "（三）有关职责分工。",
        "1.与区自然资源局的有关职责分工。区自然资源局负责…",
        "第四条　区应急管理局设下列内设机构：",
        "（一）办公室。负责机关日常运转。",
        "（二）应急指挥股：负责应急值守。",
        "第五条　区应急管理局机关行政编制20名，行政执法专项编制8名。设局长1名，副局长3名；股级领导"
        "职数5名（含机关党支部书记1名）。",
        "第六条　本规定由区委机构编制委员会办公室负责解释。",
        "第七条　本规定自2027年1月1日起施行。",
    });
    const Regulation r = recognize(d);
    EXPECT_EQ(r.title, "清河市云溪区应急管理局职能配置、内设机构和人员编制规定");
    EXPECT_EQ(r.title_span.paragraph, 1);
    EXPECT_EQ(r.stage, "讨论稿");
    ASSERT_EQ(r.articles.size(), 7u);
    EXPECT_EQ(r.articles[0].role, ArticleRole::Basis);
    EXPECT_EQ(r.articles[1].role, ArticleRole::Nature);
    EXPECT_EQ(r.articles[2].role, ArticleRole::Duties);
    EXPECT_EQ(r.articles[3].role, ArticleRole::Units);
    EXPECT_EQ(r.articles[4].role, ArticleRole::Staffing);
    EXPECT_EQ(r.articles[5].role, ArticleRole::Interpretation);
    EXPECT_EQ(r.articles[6].role, ArticleRole::Effective);
    EXPECT_EQ(r.articles[4].heading.paragraph, 14);

    EXPECT_EQ(r.body.full_name, "清河市云溪区应急管理局");
    EXPECT_EQ(r.body.short_name, "区应急管理局");
    EXPECT_EQ(r.body.kind, BodyKind::GovernmentDepartment);
    EXPECT_EQ(r.body.rank, "正科级");
    EXPECT_EQ(r.body.extra_names, (std::vector<std::string>{"区地震局", "区防汛抗旱指挥部办公室"}));
    EXPECT_EQ(r.body.hosted_offices, std::vector<std::string>{"区安全生产委员会办公室"});

    ASSERT_EQ(r.duty_items.size(), 3u);
    EXPECT_EQ(r.duty_items[1].role, DutyItemRole::Entrusted);
    EXPECT_EQ(r.duty_items[2].role, DutyItemRole::Division);
    EXPECT_NE(r.duty_items[2].text.find("1.与区自然资源局"),
              std::string::npos);  // continuation line
    EXPECT_EQ(r.duty_items[0].span, (SourceSpan{7, std::string("（一）").size(),
                                                std::string("负责全区应急管理工作。").size()}));

    ASSERT_EQ(r.units.size(), 2u);
    EXPECT_EQ(r.units[1].name, "应急指挥股");
    EXPECT_EQ(r.units[1].duties, "负责应急值守。");

    EXPECT_EQ(r.staffing.establishment("行政编制"), 20);
    EXPECT_EQ(r.staffing.establishment("行政执法专项编制"), 8);
    ASSERT_EQ(r.staffing.leaders.size(), 2u);
    EXPECT_EQ(r.staffing.leaders[1], (LeaderPost{"副局长", 3}));
    EXPECT_EQ(r.staffing.unit_level, "股级");
    EXPECT_EQ(r.staffing.unit_posts, 5);
    EXPECT_EQ(r.staffing.breakdown, "含机关党支部书记1名");
    EXPECT_EQ(r.effective_date, "2027年1月1日");
}

// A units article whose unit lines say 主要职责是 is still the units article; a duties article
// whose heading line does not say it is found by the line after.
TEST(Recognize, UnitLinesSayingZhuyaoZhizeShiDoNotMakeADutiesArticle) {
    const Regulation r = recognize(doc({
        "清河市云溪区统计局职能配置、内设机构和人员编制规定",
        "第一条　根据《清河市云溪区机构改革方案》，制定本规定。",
        "第二条　清河市云溪区统计局（以下简称区统计局）是区政府工作部门，为正科级。",
        "第三条　区统计局贯彻落实党中央关于统计工作的方针政策。",
        "区统计局的主要职责是：",
        "（一）负责全区统计调查工作。",
        "第四条　区统计局设下列内设机构：",
        "（一）办公室。主要职责是：负责机关日常运转。",
        "（二）统计调查股。主要职责是：负责统计调查。",
        "第五条　区统计局机关行政编制12名。设局长1名，副局长2名；股级领导职数2名。",
    }));
    ASSERT_EQ(r.articles.size(), 5u);
    EXPECT_EQ(r.articles[2].role, ArticleRole::Duties);
    EXPECT_EQ(r.articles[3].role, ArticleRole::Units);
    ASSERT_EQ(r.units.size(), 2u);
    EXPECT_EQ(r.units[0].name, "办公室");
}

TEST(Recognize, MissingPartsAreEmptyNotAbsent) {
    const Regulation r = recognize(doc({"随便写的一段话。"}));
    EXPECT_TRUE(r.articles.empty());
    EXPECT_TRUE(r.article(ArticleRole::Staffing).paragraphs.empty());
    EXPECT_EQ(r.article(ArticleRole::Staffing).number, 0);
    EXPECT_EQ(r.staffing.unit_posts, -1);
    EXPECT_EQ(r.body.kind, BodyKind::Unknown);
    EXPECT_EQ(r.title, "");  // prose without articles is not taken for a title
}

// Every establishment type is read with its count, in text order, the longest type where one ends
// in another (行政执法专项编制 and 专项编制), and 编制 after no type (机构编制) is passed over; the
// unit level is what stands after the last mark before 领导职数.
TEST(Recognize, ReadsEveryEstablishmentTypeOfTheStaffingArticle) {
    const Regulation r = recognize(doc({
        "第一条　区司法局机关行政编制10名，行政执法专项编制8名，政法专项编制3名，专项编制2名，"
        "事业编制5名，工勤人员编制1名，工勤编制4名，机构编制另定。设局长1名，副局长２名；"
        "所属中心设主任1名，科级领导职数6名（含总工程师1名）。",
    }));
    ASSERT_EQ(r.articles.size(), 1u);
    ASSERT_EQ(r.articles[0].role, ArticleRole::Staffing);
    const std::vector<Establishment> expected = {
        {"行政编制", 10}, {"行政执法专项编制", 8}, {"政法专项编制", 3}, {"专项编制", 2},
        {"事业编制", 5},  {"工勤人员编制", 1},     {"工勤编制", 4}};
    EXPECT_EQ(r.staffing.establishments, expected);
    EXPECT_EQ(r.staffing.leaders, (std::vector<LeaderPost>{{"局长", 1}, {"副局长", 2}}));
    EXPECT_EQ(r.staffing.unit_level, "科级");
    EXPECT_EQ(r.staffing.unit_posts, 6);
    EXPECT_EQ(r.staffing.breakdown, "含总工程师1名");
}
