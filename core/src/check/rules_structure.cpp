// Structure rules (S*, R01): articles present, numbered and ordered as domain.md §2.1 says.
#include <algorithm>
#include <array>

#include "code_rules.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

struct RoleInfo {
    ArticleRole role;
    const char* name;
    bool required;
};
// The order of domain.md S05: 依据 → 性质 → 职责 → 机构 → 编制 → 其他 → 解释 → 施行.
constexpr std::array<RoleInfo, 8> kOrder = {{
    {ArticleRole::Basis, "制定依据", true},
    {ArticleRole::Nature, "机构性质和规格", true},
    {ArticleRole::Duties, "主要职责", true},
    {ArticleRole::Units, "内设机构", true},
    {ArticleRole::Staffing, "人员编制", true},
    {ArticleRole::Other, "其他事项", false},
    {ArticleRole::Interpretation, "解释", true},
    {ArticleRole::Effective, "施行日期", true},
}};

int rank_of(ArticleRole r) {
    for (std::size_t i = 0; i < kOrder.size(); ++i)
        if (kOrder[i].role == r) return static_cast<int>(i);
    return -1;
}

void s02_title_punctuation(const CheckContext& c) {
    const SourceSpan& t = c.reg.title_span;
    if (t.paragraph < 0) return;
    std::string_view title = std::string_view(c.text(t.paragraph)).substr(t.offset, t.length);
    for (std::string_view mark :
         {"。", "，", "；", "：", "！", "？", "、", ".", ",", ";", ":", "!", "?"}) {
        if (ends_with(title, mark)) {
            c.emit("S02", t.paragraph, t.offset + t.length - mark.size(), mark.size(), mark, {""});
            return;
        }
    }
}

void s03_numbering(const CheckContext& c) {
    int expected = 1;
    for (const auto& a : c.reg.articles) {
        if (a.number == 0) continue;  // not a numeral: M01
        if (a.number != expected) {
            std::string detail = a.number < expected
                                     ? "第" + chinese_numeral(a.number) +
                                           "条重复或倒序，此处应为第" + chinese_numeral(expected) +
                                           "条"
                                     : "此处应为第" + chinese_numeral(expected) + "条，缺少第" +
                                           chinese_numeral(expected) + "条";
            c.emit_at_article("S03", a, detail);
        }
        expected = a.number + 1;
    }
}

// Where the text stops, when it stops before 解释 and 施行: its last article (of the ordered
// roles), and the required articles that would come after it, in order.
struct EarlyStop {
    const Article* last = nullptr;
    std::vector<const RoleInfo*> missing_after;
};

EarlyStop early_stop(const CheckContext& c) {
    int last = -1;
    EarlyStop stop;
    for (const auto& a : c.reg.articles)
        if (const int r = rank_of(a.role); r > last && a.role != ArticleRole::Other)
            last = r, stop.last = &a;
    if (last < 0 || last >= rank_of(ArticleRole::Interpretation) ||
        c.reg.article(ArticleRole::Effective).number != 0)
        return {};
    for (const auto& r : kOrder)
        if (r.required && rank_of(r.role) > last && c.reg.article(r.role).number == 0)
            stop.missing_after.push_back(&r);
    return stop;
}

// A required article missing between others is missing (S04). Those that would come after the
// text's last article, when it stops before 解释 and 施行, are left out of an excerpt or not yet
// written: S19 says once where the text stops, as a warning.
void s04_required_articles(const CheckContext& c) {
    if (c.reg.articles.empty()) {
        c.emit_at_document("S04", "未识别出任何“第X条”");
        return;
    }
    const EarlyStop stop = early_stop(c);
    for (const auto& r : kOrder)
        if (r.required && c.reg.article(r.role).number == 0 &&
            c.reg.article(r.role).heading.paragraph < 0 &&
            std::find(stop.missing_after.begin(), stop.missing_after.end(), &r) ==
                stop.missing_after.end())
            c.emit_at_document("S04", std::string("缺少“") + r.name + "”条");
}

void s19_text_stops_early(const CheckContext& c) {
    const EarlyStop stop = early_stop(c);
    if (stop.missing_after.empty()) return;
    std::string names;
    for (const RoleInfo* r : stop.missing_after) names += std::string("“") + r->name + "”";
    const std::string where =
        stop.last->number > 0 ? "第" + chinese_numeral(stop.last->number) + "条" : "最后一条";
    c.emit_at_article("S19", *stop.last, where + "之后没有" + names + "条");
}

// An article that comes before one it should follow is the misplaced one (编制 before 内设机构).
void s05_order(const CheckContext& c) {
    const auto& as = c.reg.articles;
    // The lowest rank among the articles after each one, computed once from the end.
    std::vector<int> lowest_after(as.size() + 1, 1 << 30);
    for (std::size_t i = as.size(); i-- > 0;) {
        const int r = rank_of(as[i].role);
        const bool counts =
            r >= 0 && as[i].role != ArticleRole::Other;  // 其他事项 may stand anywhere near the end
        lowest_after[i] = std::min(lowest_after[i + 1], counts ? r : 1 << 30);
    }
    for (std::size_t i = 0; i < as.size(); ++i) {
        const int rank = rank_of(as[i].role);
        if (rank < 0 || as[i].role == ArticleRole::Other) continue;
        const int later = lowest_after[i + 1];
        if (later < rank)
            c.emit_at_article(
                "S05", as[i],
                std::string("“") + kOrder[rank].name + "”条应在“" + kOrder[later].name + "”条之后");
    }
}

void s09_transformation_placement(const CheckContext& c) {
    for (const auto& a : c.reg.articles) {
        if (a.paragraphs.empty() || a.role == ArticleRole::Duties) continue;
        std::string_view first = trim(a.paragraphs[0]);
        if (starts_with(first, "职能转变") || starts_with(first, "有关职责分工"))
            c.emit_at_article(
                "S09", a,
                std::string(starts_with(first, "职能转变") ? "职能转变" : "有关职责分工") +
                    "应作为第三条的最后几项，不单独成条");
    }
    bool special_seen = false;
    for (const auto& d : c.reg.duty_items) {
        if (d.role == DutyItemRole::Transformation || d.role == DutyItemRole::Division) {
            special_seen = true;
        } else if (special_seen && d.role == DutyItemRole::Ordinary) {
            c.emit("S09", d.span.paragraph, d.span.offset, std::min<std::size_t>(d.span.length, 12),
                   "职能转变、有关职责分工之后不应再列职责");
            return;
        }
    }
}

void s10_duties_opening(const CheckContext& c) {
    const Article& a = c.reg.article(ArticleRole::Duties);
    if (a.heading.paragraph < 0 || a.paragraphs.empty()) return;
    std::string_view opening = a.paragraphs[0];
    std::string missing;
    // 贯彻党中央关于…的方针政策和决策部署 (a province's form) says it as well as 贯彻落实.
    if (!contains(opening, "贯彻落实") &&
        !(contains(opening, "贯彻") && contains(opening, "决策部署")))
        missing += "“贯彻落实……方针政策和决策部署”";
    if (!contains(opening, "集中统一领导"))
        missing +=
            std::string(missing.empty() ? "" : "、") + "“坚持和加强党对……工作的集中统一领导”";
    // 主要职责是: with an ASCII colon is the phrase all the same (P01 flags the colon).
    if (!contains(opening, "主要职责是：") && !contains(opening, "主要职责是:"))
        missing += std::string(missing.empty() ? "" : "、") + "“主要职责是：”";
    if (!missing.empty()) c.emit_at_article("S10", a, "第三条开头缺少" + missing);
}

void s11_unit_count(const CheckContext& c) {
    const Article& a = c.reg.article(ArticleRole::Units);
    if (a.heading.paragraph < 0 || a.paragraphs.empty()) return;
    std::string_view opening = a.paragraphs[0];
    auto ge = find_bytes(opening, "个内设机构");
    if (ge == opening.npos) return;
    // The numeral just before 个: digits or Chinese numerals.
    std::size_t start = ge;
    while (start > 0) {
        std::size_t prev = start - 1;
        while (prev > 0 && (static_cast<unsigned char>(opening[prev]) & 0xC0) == 0x80) --prev;
        std::string_view ch = opening.substr(prev, start - prev);
        if (ch.find_first_not_of("0123456789") != ch.npos &&
            std::string_view("零一二三四五六七八九十").find(ch) == std::string_view::npos)
            break;
        start = prev;
    }
    if (start == ge) return;
    auto stated = parse_chinese_numeral(opening.substr(start, ge - start));
    const int listed = static_cast<int>(c.reg.units.size());
    // Fewer listed in a list the text stops in may be the excerpt's cut (S19).
    if (stated && *stated != listed && !(listed < *stated && c.ends_within(ArticleRole::Units))) {
        const std::size_t base = c.text(a.heading.paragraph).size() - a.paragraphs[0].size();
        c.emit("S11", a.heading.paragraph, base + start, ge - start + 3,
               "写明" + std::to_string(*stated) + "个，实际列出" + std::to_string(listed) + "个");
    }
}

void s13_interpretation(const CheckContext& c) {
    const Article& a = c.reg.article(ArticleRole::Interpretation);
    if (a.heading.paragraph < 0 || a.paragraphs.empty()) return;
    std::string_view p = a.paragraphs[0];
    const std::string office = c.establishment_office();
    if (contains(p, office + "负责解释")) return;
    const std::size_t base = c.text(a.heading.paragraph).size() - p.size();
    // Another form of the same office (中共澧阳县委机构编制委员会办公室, 县机构编制委员会办公室)
    // is right; an office of another level (区委… in a county's draft) is not.
    constexpr std::string_view kOffice = "机构编制委员会办公室负责解释";
    if (auto at = find_bytes(p, kOffice); at != p.npos) {
        std::string_view before = p.substr(0, at);
        if (ends_with(before, "委")) before.remove_suffix(3);
        const std::string_view lvl = before.size() >= 3 ? before.substr(before.size() - 3) : before;
        const bool other_level =
            (lvl == "区" || lvl == "县" || lvl == "市" || lvl == "省") && lvl != c.level();
        if (!other_level) return;
        c.emit("S13", a.heading.paragraph, base + at - (p.substr(0, at).size() - before.size()) - 3,
               p.substr(0, at).size() - before.size() + 3 + kOffice.size() -
                   std::string_view("负责解释").size(),
               "应写“" + office + "”");
        return;
    }
    auto at = find_bytes(p, "编办");
    if (at != p.npos) {
        c.emit("S13", a.heading.paragraph, base + at, 6, "应写全称“" + office + "”");
    } else {
        c.emit("S13", a.heading.paragraph, base, p.size(),
               "解释条款应写明由" + office + "负责解释");
    }
}

void s17_chapter_layout(const CheckContext& c) {
    if (c.reg.layout == Layout::Chapters)
        c.emit_at_document(
            "S17",
            "本文为按章排列的旧体例（一、职责调整 二、主要职责 三、内设机构 四、人员编制，"
            "2008—2010年及以前），按条排列的体例规则不适用，只检查用语、标点和人员编制");
}

void s18_not_a_regulation(const CheckContext& c) {
    if (c.reg.layout == Layout::NotRegulation)
        c.emit_at_document("S18",
                           "未找到“三定”规定的标题和条款（依据、性质、职责、机构、编制……），"
                           "不按“三定”规定的结构检查，只检查用语和标点");
}

// Only under a title (an excerpt that starts at 第一条 has no place for the mark), and not on a
// text issued with its 印发通知 or 文号 (no draft).
void r01_stage(const CheckContext& c) {
    if (c.reg.stage.empty() && c.reg.title_span.paragraph >= 0 && !c.reg.issued)
        c.emit_at_document("R01", "标题下未标注（讨论稿）");
}

}  // namespace

bool applies_to_layout(std::string_view id, Layout layout) {
    switch (layout) {
        case Layout::Articles: return id != "S17" && id != "S18";
        case Layout::Chapters: return id == "S17" || (starts_with(id, "N") && id != "N14");
        case Layout::NotRegulation: return id == "S18";
    }
    return true;
}

namespace detail {
void add_structure_rules(std::vector<CodeRule>& v) {
    v.insert(
        v.end(),
        {SANDING_CODE_RULE("S02", s02_title_punctuation), SANDING_CODE_RULE("S03", s03_numbering),
         SANDING_CODE_RULE("S04", s04_required_articles), SANDING_CODE_RULE("S05", s05_order),
         SANDING_CODE_RULE("S09", s09_transformation_placement),
         SANDING_CODE_RULE("S10", s10_duties_opening), SANDING_CODE_RULE("S11", s11_unit_count),
         SANDING_CODE_RULE("S13", s13_interpretation), SANDING_CODE_RULE("S17", s17_chapter_layout),
         SANDING_CODE_RULE("S18", s18_not_a_regulation),
         SANDING_CODE_RULE("S19", s19_text_stops_early), SANDING_CODE_RULE("R01", r01_stage)});
}
}  // namespace detail

}  // namespace sanding
