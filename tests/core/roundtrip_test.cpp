// Render → .odt → read → recognise gives back the model that was filled in, for every body of
// the demo district and every kind of model text.
#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "sanding/framework.hpp"
#include "sanding/model_text.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/recognize.hpp"
#include "sanding/render.hpp"

using namespace sanding;
using namespace sanding::test;

namespace {

Regulation read_back(const Regulation& filled) {
    Regulation r = recognize(read_odt(render_odt(filled)));
    clear_spans(r);
    return r;
}

// A body of another kind, for the model texts the demo district does not use.
BodyFacts body_of_kind(BodyKind kind) {
    BodyFacts b = demo().bodies.front();
    b.id = "test-" + std::string(to_string(kind));
    b.kind = kind;
    b.managed_by = demo().bodies.back().id;
    if (kind == BodyKind::StreetOffice || kind == BodyKind::PublicInstitution) {
        b.extra_names.clear();  // these model texts state neither
        b.hosted_offices.clear();
    }
    if (kind == BodyKind::StreetOffice) {
        b.name = b.short_name = "东城街道办事处";
        b.full_name = "清河市云溪区东城街道办事处";
        b.quota.establishments = {{"行政编制", 30}, {"事业编制", 25}};
        b.quota.leaders = {{"主任", 1}, {"副主任", 3}};
        b.unit_names = {"党政办公室"};
    }
    return b;
}

}  // namespace

TEST(DemoDistrict, HasThirtySevenBodiesOfTwoKinds) {
    int party = 0, government = 0;
    for (const auto& b : demo().bodies) {
        party += b.kind == BodyKind::PartyOrgan;
        government += b.kind == BodyKind::GovernmentDepartment;
    }
    EXPECT_EQ(demo().bodies.size(), 37u);
    EXPECT_EQ(party, 11);
    EXPECT_EQ(government, 26);
    ASSERT_NE(demo().find("natural-resources"), nullptr);
    EXPECT_EQ(demo().find("natural-resources")->name, "区自然资源局");
    EXPECT_EQ(demo().find("no-such-body"), nullptr);
}

TEST(RoundTrip, EveryDemoBodyReadsBackAsTheModelItWasRenderedFrom) {
    for (const auto& body : demo().bodies) {
        SCOPED_TRACE(body.id);
        const Regulation filled = fill_model_text(library().for_kind(body.kind), demo(), body);
        const Regulation read = read_back(filled);
        EXPECT_EQ(read.title, filled.title);
        EXPECT_EQ(read.stage, "讨论稿");
        EXPECT_EQ(read.body, filled.body);
        EXPECT_EQ(read.articles, filled.articles);
        EXPECT_EQ(read.duty_items, filled.duty_items);
        EXPECT_EQ(read.units, filled.units);
        EXPECT_EQ(read.staffing, filled.staffing);
        EXPECT_EQ(read.effective_date, "2027年1月1日");
        EXPECT_EQ(read, filled);  // and nothing else differs
    }
}

TEST(RoundTrip, EveryKindOfModelTextReadsBack) {
    for (BodyKind kind :
         {BodyKind::PartyOrgan, BodyKind::GovernmentDepartment, BodyKind::ManagedAgency,
          BodyKind::StreetOffice, BodyKind::PublicInstitution}) {
        SCOPED_TRACE(std::string(to_string(kind)));
        const Regulation filled =
            fill_model_text(library().for_kind(kind), demo(), body_of_kind(kind));
        const Regulation read = read_back(filled);
        EXPECT_EQ(read.title, filled.title);
        EXPECT_EQ(read.body.full_name, filled.body.full_name);
        EXPECT_EQ(read.body.short_name, filled.body.short_name);
        EXPECT_EQ(read.body.rank, filled.body.rank);
        EXPECT_EQ(read.body.kind, kind);
        EXPECT_EQ(read.body, filled.body);
        EXPECT_EQ(read.articles, filled.articles);
        EXPECT_EQ(read.duty_items, filled.duty_items);
        EXPECT_EQ(read.units, filled.units);
        EXPECT_EQ(read.staffing, filled.staffing);
        EXPECT_EQ(read, filled);
    }
}

TEST(Render, FillsTheBodysFactsAndLeavesVisiblePlaceholders) {
    const BodyFacts& nr = *demo().find("natural-resources");
    const Regulation r = fill_model_text(library().for_kind(nr.kind), demo(), nr);
    EXPECT_EQ(r.title, "清河市云溪区自然资源局职能配置、内设机构和人员编制规定");
    ASSERT_EQ(r.articles.size(), 8u);
    EXPECT_EQ(r.article(ArticleRole::Nature).paragraphs[0],
              "清河市云溪区自然资源局（以下简称区自然资源局）是区政府工作部门，为正科级，加挂区林业"
              "局牌子。");
    EXPECT_EQ(r.article(ArticleRole::Staffing).paragraphs[0],
              "区自然资源局机关行政编制32名。设局长1名，副局长3名；股级领导职数9名。");
    EXPECT_EQ(r.duty_items.front().text, "【待填写：主要职责】");
    EXPECT_EQ(r.units.size(), static_cast<std::size_t>(nr.internal_unit_count));
    EXPECT_EQ(r.units[0].name, "办公室");
    EXPECT_EQ(r.units[1].duties, "【待填写：内设机构职责】");

    const Document d = layout_document(r);
    EXPECT_EQ(d.paragraphs[0].text, "清河市云溪区自然资源局\n职能配置、内设机构和人员编制规定");
    EXPECT_EQ(d.paragraphs[1].text, "（讨论稿）");
    EXPECT_EQ(d.paragraphs[2].text.rfind("第一条\u3000根据", 0), 0u);
}

TEST(Render, EqualInputGivesEqualBytes) {
    const BodyFacts& b = *demo().find("emergency");
    const Regulation r = fill_model_text(library().for_kind(b.kind), demo(), b);
    EXPECT_EQ(render_odt(r), render_odt(r));
}

TEST(Render, HostedOfficesBecomeTheirOwnParagraphs) {
    const BodyFacts& b = *demo().find("emergency");
    ASSERT_FALSE(b.hosted_offices.empty());
    const Regulation r = fill_model_text(library().for_kind(b.kind), demo(), b);
    const Article& nature = r.article(ArticleRole::Nature);
    ASSERT_EQ(nature.paragraphs.size(), 1 + b.hosted_offices.size());
    EXPECT_EQ(nature.paragraphs[1].rfind(b.hosted_offices[0] + "设在" + b.short_name, 0), 0u);
}

// One model read into again and again (as the checker reads a corpus, draft after draft) ends up
// as each draft alone gives it: nothing of the draft read before stays, whether the next one has
// more or fewer articles, items, units, leaders or names. The demo bodies in turn, each followed by
// a scrap without articles and a short draft whose one duty item is the entrusted tasks'.
TEST(RoundTrip, AModelReadIntoAgainHoldsOnlyTheLastDraft) {
    std::vector<Document> drafts;
    for (const auto& body : demo().bodies)
        drafts.push_back(
            layout_document(fill_model_text(library().for_kind(body.kind), demo(), body)));
    Document scrap;
    scrap.paragraphs.push_back({"随便写的一段话。", ParagraphKind::Body});
    Document small;
    for (const char* line :
         {"清河市云溪区档案馆职能配置、内设机构和人员编制规定",
          "第一条　根据有关规定，制定本规定。", "第二条　区档案馆主要职责是：",
          "（一）完成区委、区政府交办的其他任务。", "第三条　区档案馆设下列内设机构：",
          "（一）综合股。负责日常工作。", "第四条　区档案馆事业编制5名。设馆长1名。"})
        small.paragraphs.push_back({line, ParagraphKind::Body});
    Regulation reused;
    std::size_t compared = 0;
    for (const auto* order : {"forward", "backward"}) {
        for (std::size_t k = 0; k < drafts.size(); ++k) {
            const Document& d = drafts[order[0] == 'f' ? k : drafts.size() - 1 - k];
            for (const Document* one :
                 std::initializer_list<const Document*>{&d, &scrap, &d, &small}) {
                const ParagraphViews views = views_of(*one);
                recognize_into(views, paragraph_markers(views), reused);
                ASSERT_EQ(reused, recognize(*one)) << order << " " << k;
                ++compared;
            }
        }
    }
    EXPECT_EQ(compared, 4 * 2 * 37u);
}

// reset() empties a model read from a whole draft (every part of it set) back to a new one's value,
// part by part: what recognize_into relies on when it reads the next draft into it.
TEST(RoundTrip, ResetGivesBackAnEmptyModel) {
    for (const auto& body : demo().bodies) {
        Regulation reg = recognize(
            layout_document(fill_model_text(library().for_kind(body.kind), demo(), body)));
        ASSERT_FALSE(reg.body.full_name.empty());
        ASSERT_FALSE(reg.staffing.leaders.empty());
        Body b = reg.body;
        b.reset();
        EXPECT_EQ(b, Body{});
        Staffing s = reg.staffing;
        s.reset();
        EXPECT_EQ(s, Staffing{});
        reg.reset();
        EXPECT_EQ(reg, Regulation{}) << body.id;
    }
}
