// Staffing rules (N*): the staffing article's own arithmetic, and the draft against the
// district's staffing framework (编制职数框架) when one is given.
#include "code_rules.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

int staffing_paragraph(const CheckContext& c) {
    return c.reg.staffing.span.paragraph;
}

std::string count_text(const std::string& what, int n) {
    return what + std::to_string(n) + "名";
}

int leader_total(const Staffing& s) {
    int n = 0;
    for (const auto& l : s.leaders) n += l.count;
    return n;
}

int establishment_total(const Staffing& s) {
    int n = 0;
    for (const auto& e : s.establishments) n += e.count;
    return n;
}

void n01_complete(const CheckContext& c) {
    const Article& a = c.reg.article(ArticleRole::Staffing);
    if (a.heading.paragraph < 0) return;
    const Staffing& s = c.reg.staffing;
    std::string missing;
    auto add = [&](const char* what) {
        missing += (missing.empty() ? "" : "、") + std::string(what);
    };
    if (s.establishments.empty()) add("编制数（如“机关行政编制N名”）");
    if (s.leaders.empty()) add("领导职数（如“设局长1名，副局长n名”）");
    if (s.unit_posts < 0 && c.reg.units.size() > 0) add("内设机构领导职数（如“股级领导职数m名”）");
    if (!missing.empty()) c.emit_at_article("N01", a, "编制条缺少" + missing);
}

void n03_one_principal(const CheckContext& c) {
    const Staffing& s = c.reg.staffing;
    if (s.leaders.empty() || s.leaders[0].count == 1) return;
    c.emit_at_text("N03", staffing_paragraph(c), count_text(s.leaders[0].title, s.leaders[0].count),
                   "正职应为1名，写的是" + std::to_string(s.leaders[0].count) + "名");
}

void n04_posts_within_establishment(const CheckContext& c) {
    const Staffing& s = c.reg.staffing;
    const int total = establishment_total(s);
    if (s.establishments.empty() || s.leaders.empty()) return;
    const int posts = leader_total(s) + std::max(0, s.unit_posts);
    if (posts > total) {
        const int p = staffing_paragraph(c);
        const std::string_view t = c.text(p);
        c.emit(
            "N04", p, s.span.offset, t.size() - s.span.offset,
            "领导职数合计" + std::to_string(posts) + "名，超过编制" + std::to_string(total) + "名");
    }
}

void n05_unit_posts_cover_units(const CheckContext& c) {
    const Staffing& s = c.reg.staffing;
    const int units = static_cast<int>(c.reg.units.size());
    if (s.unit_posts < 0 || units == 0 || s.unit_posts >= units) return;
    c.emit_at_text("N05", staffing_paragraph(c), "领导职数" + std::to_string(s.unit_posts) + "名",
                   s.unit_level + "领导职数" + std::to_string(s.unit_posts) + "名，少于内设机构" +
                       std::to_string(units) + "个");
}

std::string expected_principal(std::string_view name) {
    if (ends_with(name, "工作委员会") || ends_with(name, "工委") || ends_with(name, "政法委员会") ||
        ends_with(name, "政法委"))
        return "书记";
    if (ends_with(name, "局") || ends_with(name, "分局")) return "局长";
    if (ends_with(name, "部")) return "部长";
    if (ends_with(name, "委员会") || ends_with(name, "委") || ends_with(name, "办公室") ||
        ends_with(name, "办"))
        return "主任";
    return {};
}

void n06_leader_title(const CheckContext& c) {
    const Staffing& s = c.reg.staffing;
    if (s.leaders.empty()) return;
    const std::string& name =
        c.reg.body.short_name.empty() ? c.reg.body.full_name : c.reg.body.short_name;
    const std::string want = expected_principal(name);
    if (want.empty() || s.leaders[0].title == want) return;
    const int p = staffing_paragraph(c);
    const std::string_view t = c.text(p);
    auto at = find_bytes(t, "设" + s.leaders[0].title);
    if (at == std::string::npos) return;
    c.emit("N06", p, at + 3, s.leaders[0].title.size(), name + "的正职应称" + want, {want});
}

void n07_unit_level_name(const CheckContext& c) {
    const Staffing& s = c.reg.staffing;
    const std::string& rank = c.body ? c.body->rank : c.reg.body.rank;
    if (s.unit_level != "科级" || (rank != "正科级" && rank != "副科级")) return;
    c.emit_at_text("N07", staffing_paragraph(c), "科级领导职数",
                   "正科级机构的内设机构为股，宜称“股级领导职数”", {"股级领导职数"});
}

void n08_breakdown(const CheckContext& c) {
    const Staffing& s = c.reg.staffing;
    if (s.breakdown.empty() || s.unit_posts < 0) return;
    int sum = 0;
    std::string_view b = s.breakdown;
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (b[i] < '0' || b[i] > '9') continue;
        std::size_t j = i;
        while (j < b.size() && b[j] >= '0' && b[j] <= '9') ++j;
        if (b.substr(j, 3) == "名") sum += std::stoi(std::string(b.substr(i, j - i)));
        i = j;
    }
    if (sum > s.unit_posts)
        c.emit_at_text("N08", staffing_paragraph(c), s.breakdown,
                       "括号内合计" + std::to_string(sum) + "名，超过领导职数" +
                           std::to_string(s.unit_posts) + "名");
}

// --- against the framework -------------------------------------------------------------

// “行政编制32名” as the staffing sentence writes it (行政编制为32名 too), for pointing at it.
std::string establishment_text(const CheckContext& c, const Establishment& e) {
    std::string plain = count_text(e.type, e.count);
    const int p = staffing_paragraph(c);
    if (p >= 0 && !contains(c.text(p), plain)) {
        std::string with_wei = e.type + "为" + std::to_string(e.count) + "名";
        if (contains(c.text(p), with_wei)) return with_wei;
    }
    return plain;
}

void n11_establishment_quota(const CheckContext& c) {
    if (!c.body) return;
    for (const auto& e : c.reg.staffing.establishments) {
        int quota = -1;
        for (const auto& q : c.body->quota.establishments)
            if (q.type == e.type) quota = q.count;
        if (quota < 0)
            c.emit_at_text("N11", staffing_paragraph(c), establishment_text(c, e),
                           "编制职数框架未给本机构核定" + e.type);
        else if (e.count > quota)
            c.emit_at_text("N11", staffing_paragraph(c), establishment_text(c, e),
                           e.type + std::to_string(e.count) + "名，超过框架核定的" +
                               std::to_string(quota) + "名",
                           {count_text(e.type, quota)});
    }
}

void n12_leader_quota(const CheckContext& c) {
    if (!c.body) return;
    const auto& have = c.reg.staffing.leaders;
    const auto& quota = c.body->quota.leaders;
    if (have.empty() || quota.empty()) return;
    if (have[0].count > quota[0].count)
        c.emit_at_text("N12", staffing_paragraph(c), count_text(have[0].title, have[0].count),
                       "正职" + std::to_string(have[0].count) + "名，超过框架核定的" +
                           std::to_string(quota[0].count) + "名");
    int deputies = 0, deputy_quota = 0;
    for (std::size_t i = 1; i < have.size(); ++i) deputies += have[i].count;
    for (std::size_t i = 1; i < quota.size(); ++i) deputy_quota += quota[i].count;
    if (deputies > deputy_quota && have.size() > 1)
        c.emit_at_text("N12", staffing_paragraph(c), count_text(have[1].title, have[1].count),
                       "副职" + std::to_string(deputies) + "名，超过框架核定的" +
                           std::to_string(deputy_quota) + "名");
}

void n13_unit_post_quota(const CheckContext& c) {
    if (!c.body || c.reg.staffing.unit_posts < 0) return;
    const int have = c.reg.staffing.unit_posts, quota = c.body->quota.unit_posts;
    if (have > quota)
        c.emit_at_text("N13", staffing_paragraph(c), "领导职数" + std::to_string(have) + "名",
                       c.reg.staffing.unit_level + "领导职数" + std::to_string(have) +
                           "名，超过框架核定的" + std::to_string(quota) + "名");
}

void n14_unit_count(const CheckContext& c) {
    if (!c.body) return;
    const Article& a = c.reg.article(ArticleRole::Units);
    if (a.heading.paragraph < 0) return;
    const int listed = static_cast<int>(c.reg.units.size());
    if (listed != c.body->internal_unit_count)
        c.emit_at_article("N14", a,
                          "列出内设机构" + std::to_string(listed) + "个，框架核定" +
                              std::to_string(c.body->internal_unit_count) + "个");
}

}  // namespace

namespace detail {
void add_staffing_rules(std::vector<CodeRule>& v) {
    v.insert(
        v.end(),
        {SANDING_CODE_RULE("N01", n01_complete), SANDING_CODE_RULE("N03", n03_one_principal),
         SANDING_CODE_RULE("N04", n04_posts_within_establishment),
         SANDING_CODE_RULE("N05", n05_unit_posts_cover_units),
         SANDING_CODE_RULE("N06", n06_leader_title), SANDING_CODE_RULE("N07", n07_unit_level_name),
         SANDING_CODE_RULE("N08", n08_breakdown), SANDING_CODE_RULE("N11", n11_establishment_quota),
         SANDING_CODE_RULE("N12", n12_leader_quota), SANDING_CODE_RULE("N13", n13_unit_post_quota),
         SANDING_CODE_RULE("N14", n14_unit_count)});
}
}  // namespace detail

}  // namespace sanding
