#include "sanding/model.hpp"

#include <array>
#include <utility>

namespace sanding {
namespace {

constexpr std::array<std::pair<BodyKind, std::string_view>, 5> kKindNames = {{
    {BodyKind::PartyOrgan, "party-organ"},
    {BodyKind::GovernmentDepartment, "government-department"},
    {BodyKind::ManagedAgency, "managed-agency"},
    {BodyKind::StreetOffice, "street-office"},
    {BodyKind::PublicInstitution, "public-institution"},
}};

constexpr std::array<std::pair<ArticleRole, std::string_view>, 8> kRoleNames = {{
    {ArticleRole::Basis, "basis"},
    {ArticleRole::Nature, "nature"},
    {ArticleRole::Duties, "duties"},
    {ArticleRole::Units, "units"},
    {ArticleRole::Staffing, "staffing"},
    {ArticleRole::Other, "other"},
    {ArticleRole::Interpretation, "interpretation"},
    {ArticleRole::Effective, "effective"},
}};

}  // namespace

std::string_view to_string(BodyKind k) {
    for (auto [kind, name] : kKindNames)
        if (kind == k) return name;
    return "unknown";
}

BodyKind body_kind_from_string(std::string_view s) {
    for (auto [kind, name] : kKindNames)
        if (name == s) return kind;
    return BodyKind::Unknown;
}

std::string_view chinese_label(BodyKind k) {
    switch (k) {
        case BodyKind::PartyOrgan: return "区委工作机关";
        case BodyKind::GovernmentDepartment: return "区政府工作部门";
        case BodyKind::ManagedAgency: return "部门管理机构";
        case BodyKind::StreetOffice: return "街道办事处";
        case BodyKind::PublicInstitution: return "事业单位";
        case BodyKind::Unknown: break;
    }
    return "未知类别";
}

std::string_view to_string(ArticleRole r) {
    for (auto [role, name] : kRoleNames)
        if (role == r) return name;
    return "unknown";
}

ArticleRole article_role_from_string(std::string_view s) {
    for (auto [role, name] : kRoleNames)
        if (name == s) return role;
    return ArticleRole::Unknown;
}

int Staffing::establishment(std::string_view type) const {
    for (const auto& e : establishments)
        if (e.type == type) return e.count;
    return 0;
}

const Article& Regulation::article(ArticleRole role) const {
    static const Article kEmpty;
    for (const auto& a : articles)
        if (a.role == role) return a;
    return kEmpty;
}

void clear_spans(Regulation& r) {
    r.title_span = {};
    r.staffing.span = {};
    for (auto& a : r.articles) a.heading = {};
    for (auto& d : r.duty_items) d.span = {};
    for (auto& u : r.units) u.span = {};
}

void Body::reset() {
    full_name.clear();
    short_name.clear();
    kind = BodyKind::Unknown;
    rank.clear();
    extra_names.clear();
    hosted_offices.clear();
    level.clear();
}

void Staffing::reset() {
    establishments.clear();
    leaders.clear();
    unit_level.clear();
    unit_posts = -1;
    breakdown.clear();
    span = {};
}

void Regulation::reset() {
    layout = Layout::Articles;
    title.clear();
    stage.clear();
    issued = false;
    body.reset();
    articles.clear();
    duty_items.clear();
    units.clear();
    staffing.reset();
    effective_date.clear();
    title_span = {};
}

}  // namespace sanding
