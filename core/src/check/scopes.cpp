// Where each paragraph stands in the draft (its scopes and article), for the rules that apply
// only there: from the recognised model, or guessed from a paragraph seen alone.
#include "scopes.hpp"

#include <memory>
#include <utility>

#include "hs_handles.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

ScopeSet item_scope(DutyItemRole role) {
    switch (role) {
        case DutyItemRole::Ordinary: return kScopeDutyItems;
        case DutyItemRole::Entrusted: return kScopeEntrusted;
        case DutyItemRole::Transformation: return kScopeTransformation;
        case DutyItemRole::Division: return kScopeDivision;
    }
    return kScopeDutyItems;
}

ScopeSet article_scope(ArticleRole role) {
    switch (role) {
        case ArticleRole::Basis: return kScopeBasis;
        case ArticleRole::Nature: return kScopeNature;
        case ArticleRole::Duties: return kScopeDuties;
        case ArticleRole::Units: return kScopeUnits;
        case ArticleRole::Staffing: return kScopeStaffing;
        case ArticleRole::Other: return kScopeOther;
        case ArticleRole::Interpretation: return kScopeInterpretation;
        case ArticleRole::Effective: return kScopeEffective;
        case ArticleRole::Unknown: break;
    }
    return 0;
}

// Keywords that place a paragraph seen alone, found in one Vectorscan pass (ten memmem calls
// cost more than the whole phrase scan of a 300-character paragraph).
class ScopeKeywords {
public:
    enum : unsigned {
        kEntrusted,
        kBasis,
        kDuties,
        kUnits,
        kStaffing,
        kInterpretation,
        kEffective,
        kTitle,
        kCount
    };

    ScopeKeywords() {
        const std::vector<std::pair<const char*, unsigned>> words = {{"交办的其他任务", kEntrusted},
                                                                     {"交办的其它任务", kEntrusted},
                                                                     {"制定本规定", kBasis},
                                                                     {"主要职责", kDuties},
                                                                     {"内设机构", kUnits},
                                                                     {"领导职数", kStaffing},
                                                                     {"编制", kStaffing},
                                                                     {"负责解释", kInterpretation},
                                                                     {"本规定自", kEffective},
                                                                     {"施行", kEffective},
                                                                     {"职能配置", kTitle}};
        std::vector<const char*> exprs;
        std::vector<unsigned> flags, ids;
        for (const auto& [w, id] : words)
            exprs.push_back(w), flags.push_back(HS_FLAG_UTF8 | HS_FLAG_SINGLEMATCH),
                ids.push_back(id);
        hs_database_t* db = nullptr;
        hs_compile_error_t* err = nullptr;
        // Fixed literals: they compile; if not, no paragraph is placed by keyword.
        if (hs_compile_multi(exprs.data(), flags.data(), ids.data(),
                             static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db,
                             &err) == HS_SUCCESS)
            db_.reset(db);
        const HsCompileError freed(err);  // set only on failure
    }
    // Bit k set when keyword group k occurs in p.
    unsigned find(std::string_view p) const {
        thread_local HsScratch scratch;
        unsigned found = 0;
        if (!db_) return 0;
        if (!scratch) {
            hs_scratch_t* s = nullptr;
            if (hs_alloc_scratch(db_.get(), &s) != HS_SUCCESS) return 0;
            scratch.reset(s);
        }
        hs_scan(
            db_.get(), p.data(), static_cast<unsigned>(p.size()), 0, scratch.get(),
            [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
                *static_cast<unsigned*>(ctx) |= 1u << id;
                return 0;
            },
            &found);
        return found;
    }

private:
    HsDatabase db_;
};

}  // namespace

// Each paragraph's scopes and article, from the model the recogniser read.
std::vector<ParagraphInfo> paragraph_info(ParagraphSpan ps, const Regulation& reg) {
    std::vector<ParagraphInfo> info(ps.size());
    if (reg.title_span.paragraph >= 0) info[reg.title_span.paragraph].scopes |= kScopeTitle;
    for (std::size_t k = 0; k < reg.articles.size(); ++k) {
        const int first = reg.articles[k].heading.paragraph;
        const int last = k + 1 < reg.articles.size() ? reg.articles[k + 1].heading.paragraph
                                                     : static_cast<int>(ps.size());
        for (int p = first; p < last; ++p) {
            info[p].article = static_cast<int>(k);
            info[p].scopes |= article_scope(reg.articles[k].role);
        }
    }
    // Items, and the paragraphs that continue them (1.与…的职责分工), until the next item.
    auto mark_items = [&](auto const& items, auto scope_of) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            const int p = items[i].span.paragraph;
            if (p < 0) continue;
            const int article = info[p].article;
            const int next =
                i + 1 < items.size() ? items[i + 1].span.paragraph : static_cast<int>(ps.size());
            for (int q = p; q < next && info[q].article == article; ++q)
                info[q].scopes |= scope_of(items[i]);
        }
    };
    mark_items(reg.duty_items, [](const DutyItem& d) { return item_scope(d.role); });
    mark_items(reg.units, [](const InternalUnit&) { return ScopeSet(kScopeUnitItems); });
    return info;
}

// For a paragraph seen alone (the proofreader's path): scopes guessed from its own text.
ScopeSet guess_scopes(std::string_view p) {
    static const ScopeKeywords keywords;
    const unsigned k = keywords.find(p);
    auto has = [k](unsigned bit) { return (k >> bit) & 1u; };
    ScopeSet s = kScopeText;
    if (auto m = item_marker(p)) {
        std::string_view rest = p.substr(m->offset + m->length);
        if (starts_with(rest, "职能转变"))
            s |= kScopeTransformation | kScopeDuties;
        else if (starts_with(rest, "有关职责分工"))
            s |= kScopeDivision | kScopeDuties;
        else if (has(ScopeKeywords::kEntrusted))
            s |= kScopeEntrusted | kScopeDuties;
        else
            s |= kScopeDutyItems | kScopeUnitItems | kScopeDuties | kScopeUnits;
    }
    if (has(ScopeKeywords::kBasis)) s |= kScopeBasis;
    if (has(ScopeKeywords::kDuties)) s |= kScopeDuties;
    if (has(ScopeKeywords::kUnits)) s |= kScopeUnits;
    if (has(ScopeKeywords::kStaffing)) s |= kScopeStaffing;
    if (has(ScopeKeywords::kInterpretation)) s |= kScopeInterpretation;
    if (has(ScopeKeywords::kEffective)) s |= kScopeEffective;
    if (has(ScopeKeywords::kTitle) && ends_with(trim(p), "规定")) s |= kScopeTitle;
    return s;
}

}  // namespace sanding
