#include "sanding/quota.hpp"

namespace sanding {
namespace {

QuotaLine line(std::string label, int framework, int draft) {
    QuotaLine l{std::move(label), framework, draft, QuotaLine::Verdict::Match};
    if (framework < 0)
        l.verdict = QuotaLine::Verdict::NotInFramework;
    else if (draft < 0)
        l.verdict = QuotaLine::Verdict::NotStated;
    else if (draft > framework)
        l.verdict = QuotaLine::Verdict::Over;
    else if (draft < framework)
        l.verdict = QuotaLine::Verdict::Under;
    return l;
}

}  // namespace

std::string_view chinese_label(QuotaLine::Verdict v) {
    switch (v) {
        case QuotaLine::Verdict::Match: return "一致";
        case QuotaLine::Verdict::Over: return "超出核定";
        case QuotaLine::Verdict::Under: return "少于核定";
        case QuotaLine::Verdict::NotStated: return "草案未写明";
        case QuotaLine::Verdict::NotInFramework: return "框架未核定";
    }
    return "";
}

std::vector<QuotaLine> compare_quota(const BodyFacts& body, const Regulation& draft) {
    std::vector<QuotaLine> out;
    const Staffing& s = draft.staffing;
    for (const auto& e : body.quota.establishments) {
        int stated = -1;
        for (const auto& d : s.establishments)
            if (d.type == e.type) stated = d.count;
        out.push_back(line(e.type, e.count, stated));
    }
    for (const auto& d : s.establishments) {
        bool known = false;
        for (const auto& e : body.quota.establishments) known = known || e.type == d.type;
        if (!known) out.push_back(line(d.type, -1, d.count));
    }
    // Leader posts by title; a deputy title the framework does not name is its own line.
    for (const auto& q : body.quota.leaders) {
        int stated = -1;
        for (const auto& d : s.leaders)
            if (d.title == q.title) stated = d.count;
        out.push_back(line(q.title, q.count, stated));
    }
    for (const auto& d : s.leaders) {
        bool known = false;
        for (const auto& q : body.quota.leaders) known = known || q.title == d.title;
        if (!known) out.push_back(line(d.title, -1, d.count));
    }
    const std::string level = body.quota.unit_level.empty() ? s.unit_level : body.quota.unit_level;
    out.push_back(line(level + "领导职数", body.quota.unit_posts, s.unit_posts));
    const bool listed = draft.article(ArticleRole::Units).number != 0 || !draft.units.empty();
    out.push_back(line("内设机构", body.internal_unit_count,
                       listed ? static_cast<int>(draft.units.size()) : -1));
    return out;
}

}  // namespace sanding
