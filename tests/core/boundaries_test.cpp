// Duty boundaries across bodies: normalising, verbs, pairing, resolution, gaps, the catalogue.
#include <gtest/gtest.h>

#include "sanding/boundaries.hpp"
#include "sanding/error.hpp"

namespace sanding {
namespace {

BoundaryDraft draft(std::string body, std::string name, std::vector<std::string> items,
                    std::vector<std::string> divisions = {}, std::vector<std::string> units = {}) {
    BoundaryDraft d;
    d.body = std::move(body);
    d.name = std::move(name);
    int n = 0;
    for (auto& t : items)
        d.regulation.duty_items.push_back({++n, DutyItemRole::Ordinary, std::move(t), {}});
    std::string joined = "有关职责分工。";
    for (auto& t : divisions) joined += "\n" + t;
    if (!divisions.empty())
        d.regulation.duty_items.push_back({++n, DutyItemRole::Division, joined, {}});
    int u = 0;
    for (auto& t : units)
        d.regulation.units.push_back({++u, "第" + std::to_string(u) + "股", std::move(t), {}});
    return d;
}

TEST(Boundaries, NormalisingFoldsWidthAndCutsStopPhrases) {
    EXPECT_EQ(normalize_duty("负责贯彻执行国家和省、市关于自然资源工作的法律法规和方针政策。"),
              "自然资源");
    EXPECT_EQ(normalize_duty("承担１２３４５热线和ＡＰＰ的运行管理"), "12345热线app运行管理");
}

TEST(Boundaries, FirstLeadOrSupportVerbDecides) {
    EXPECT_EQ(duty_verb("负责全区耕地保护，配合做好土地督察"), DutyVerb::Lead);
    EXPECT_EQ(duty_verb("配合区自然资源局负责的耕地保护"), DutyVerb::Support);
    EXPECT_EQ(duty_verb("拟订全区国土空间规划"), DutyVerb::None);
}

TEST(Boundaries, RewordedDutyInAnotherBodyIsPairedWithSharedPartMarked) {
    std::vector<BoundaryDraft> drafts = {
        draft("nr", "区自然资源局",
              {"负责耕地和永久基本农田保护，落实耕地占补平衡。", "负责全区不动产登记。"}),
        draft("ag", "区农业农村局",
              {"负责落实耕地占补平衡，承担耕地和永久基本农田的保护。", "负责畜牧业和兽医工作。"}),
        draft("wr", "区水利局", {"负责全区水资源的统一管理和保护。"}),
    };
    const BoundaryReport r = find_boundaries(drafts, nullptr);
    ASSERT_EQ(r.overlaps.size(), 1u);
    const Overlap& o = r.overlaps[0];
    EXPECT_EQ(o.a.body, "nr");
    EXPECT_EQ(o.b.body, "ag");
    EXPECT_GT(o.score, 0.8);
    EXPECT_EQ(o.verbs, VerbRelation::Conflict);
    EXPECT_FALSE(o.resolved);
    EXPECT_NE(mark_shared(o.a).find("【耕地"), std::string::npos) << mark_shared(o.a);
}

TEST(Boundaries, DistinctDutiesSharingCommonWordsAreNotPaired) {
    std::vector<BoundaryDraft> drafts = {
        draft("a", "区甲局",
              {"负责全区食品生产经营的安全监督管理。", "负责全区特种设备的安全监察。"}),
        draft("b", "区乙局",
              {"负责全区危险化学品的安全监督管理。", "负责全区建设工程质量的监督管理。"}),
        draft("c", "区丙局", {"负责全区道路运输市场的监督管理。", "负责全区医疗机构的监督管理。"}),
    };
    const BoundaryReport r = find_boundaries(drafts, nullptr);
    for (const auto& o : r.overlaps)
        ADD_FAILURE() << o.a.text << " ~ " << o.b.text << " " << o.score;
}

TEST(Boundaries, DivisionItemNamingTheOtherBodyAndTheDutyResolvesThePair) {
    std::vector<BoundaryDraft> drafts = {
        draft("nr", "区自然资源局", {"负责耕地和永久基本农田保护，落实耕地占补平衡。"}),
        draft("ag", "区农业农村局", {"配合做好耕地和永久基本农田保护，落实耕地占补平衡。"},
              {"1."
               "与区自然资源局的有关职责分工。区自然资源局负责耕地和永久基本农田保护，区农业农村局"
               "配合。"}),
        draft("wr", "区水利局", {"负责耕地和永久基本农田保护的水利配套，落实耕地占补平衡。"},
              {"1.与区财政局的有关职责分工。区财政局负责水利资金的监督。"}),
    };
    const BoundaryReport r = find_boundaries(drafts, nullptr);
    ASSERT_GE(r.overlaps.size(), 2u);
    // The unresolved pairs first; nr ↔ ag is resolved by ag's clause; nr ↔ wr is not.
    EXPECT_FALSE(r.overlaps.front().resolved);
    bool seen = false;
    for (const auto& o : r.overlaps) {
        if (o.a.body == "nr" && o.b.body == "ag") {
            seen = true;
            EXPECT_TRUE(o.resolved);
            EXPECT_EQ(o.verbs, VerbRelation::Division);
            EXPECT_NE(o.resolved_by.find("区自然资源局负责耕地"), std::string::npos);
        }
        if (o.b.body == "wr") {
            EXPECT_FALSE(o.resolved);
        }
    }
    EXPECT_TRUE(seen);
}

TEST(Boundaries, GapsUncoveredNoUnitAndUnclaimedDivision) {
    DutyCatalogue cat;
    cat.duties = {{"nr-01", "nr", "负责全区不动产登记和自然资源确权登记。", {"不动产登记"}},
                  {"nr-02", "nr", "负责国土空间生态修复和矿山地质环境治理。", {"生态修复"}}};
    std::vector<BoundaryDraft> drafts = {
        draft("nr", "区自然资源局",
              {"负责全区不动产登记和自然资源确权登记。", "负责全区测绘地理信息管理。"},
              {"1.与区水利局的有关职责分工。区水利局负责河道采砂的许可和监督，区自然资源局配合。"},
              {"负责不动产登记和自然资源确权登记"}),
        draft("wr", "区水利局", {"负责全区水资源的统一管理和保护。"}),
    };
    const BoundaryReport r = find_boundaries(drafts, &cat);
    int uncovered = 0, no_unit = 0, unclaimed = 0;
    for (const auto& g : r.gaps) {
        if (g.kind == GapKind::Uncovered) {
            ++uncovered;
            EXPECT_EQ(g.catalogue_id, "nr-02");
        }
        if (g.kind == GapKind::NoUnit) {
            ++no_unit;
            EXPECT_EQ(g.text, "负责全区测绘地理信息管理。");
        }
        if (g.kind == GapKind::DivisionUnclaimed) {
            ++unclaimed;
            EXPECT_EQ(g.body, "wr");
            EXPECT_NE(g.message.find("河道采砂"), std::string::npos);
        }
    }
    EXPECT_EQ(uncovered, 1);
    EXPECT_EQ(no_unit, 1);
    EXPECT_EQ(unclaimed, 1);
}

TEST(Boundaries, CatalogueErrorsNameWhatWasWrong) {
    const char* dup =
        R"(<catalogue xmlns="urn:sanding:catalogue:1" id="x" framework="x" version="1">
<duty id="a-01" body="a" keywords="k">负责甲。</duty>
<duty id="a-01" body="a" keywords="k">负责乙。</duty></catalogue>)";
    try {
        parse_catalogue(dup, "cat.xml");
        FAIL() << "accepted a duplicated id";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "catalogue.duplicate_id");
        EXPECT_NE(e.message().find("a-01"), std::string::npos);
        EXPECT_EQ(e.where(), "cat.xml:3");
    }
    EXPECT_EQ(
        load_catalogue(SANDING_TEMPLATES_DIR "/catalogue/demo-district.xml").duties.size() >= 150,
        true);
}

}  // namespace
}  // namespace sanding

namespace sanding {
namespace {

TEST(Boundaries, DecisionIsPendingUntilBothDivisionItemsSayIt) {
    BoundaryDecision decision{"nr", "ag", "耕地和永久基本农田保护", "区自然资源局", "区农业农村局"};
    std::vector<BoundaryDraft> drafts = {
        draft("nr", "区自然资源局", {"负责耕地和永久基本农田保护。"},
              {"1."
               "与区农业农村局的有关职责分工。区自然资源局负责耕地和永久基本农田保护，区农业农村局"
               "配合。"}),
        draft("ag", "区农业农村局", {"配合做好耕地保护。"},
              {"1.与区财政局的有关职责分工。区财政局负责资金监督。"}),
    };
    EXPECT_EQ(decision_pending(drafts, decision), std::vector<std::string>{"ag"});
    drafts[1] = draft("ag", "区农业农村局", {"配合做好耕地保护。"},
                      {"1."
                       "与区自然资源局的有关职责分工。区自然资源局牵头耕地和永久基本农田保护，区农"
                       "业农村局配合。"});
    EXPECT_TRUE(decision_pending(drafts, decision).empty());
    EXPECT_EQ(decision_pending({drafts[0]}, decision),
              std::vector<std::string>{"ag"});  // no draft yet
}

}  // namespace
}  // namespace sanding
