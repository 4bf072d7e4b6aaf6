// find_boundaries: overlaps between bodies, their resolution by 有关职责分工 items, and the gaps.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "duty_text.hpp"
#include "index.hpp"
#include "sanding/boundaries.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {
using namespace boundaries_detail;

// Share of min_score that a pair's indexed (rarer) bigrams must reach for it to be compared
// exactly.
constexpr double kMinIndexedShare = 1.0 / 3;

// One “1.与区财政局的有关职责分工。…” clause of a draft's 有关职责分工 item.
struct DivisionClause {
    int draft = -1;
    std::string text;
    std::vector<int> named;  // other drafts it names
};

bool is_digit_dot(std::string_view s, std::size_t i) {
    // “1.与” / “2．与” at i
    std::size_t k = i;
    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
    if (k == i) return false;
    std::string_view rest = s.substr(k);
    return rest.starts_with(".与") || rest.starts_with("．与");
}

std::vector<std::string> split_division(std::string_view text) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((i == 0 || text[i - 1] < '0' || text[i - 1] > '9') && is_digit_dot(text, i))
            starts.push_back(i);
    std::vector<std::string> out;
    if (starts.empty()) {
        out.emplace_back(text);
        return out;
    }
    for (std::size_t k = 0; k < starts.size(); ++k)
        out.emplace_back(text.substr(
            starts[k], (k + 1 < starts.size() ? starts[k + 1] : text.size()) - starts[k]));
    return out;
}

// 办公室。负责机关日常运转…: every body has one, in the model text's words; it is nobody's
// boundary with anybody.
bool is_housekeeping(const InternalUnit& u) {
    return u.duties.find("机关日常运转") != std::string::npos;
}

// Names of bodies → draft index; a name found in a clause is looked up at every character
// position with every length up to kMaxNameChars, so the cost does not grow with the district.
constexpr std::size_t kMaxNameChars = 20;

struct NameAt {
    int draft;
    std::size_t begin, end;  // bytes
};
std::vector<NameAt> names_in(std::string_view text,
                             const std::unordered_map<std::string, int>& names) {
    std::vector<NameAt> found;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t j = i, best_end = 0;
        int best = -1;
        for (std::size_t n = 0; n < kMaxNameChars && j < text.size(); ++n) {
            next_code_point(text, j);
            if (n == 0) continue;
            auto it = names.find(std::string(text.substr(i, j - i)));
            if (it != names.end()) best = it->second, best_end = j;
        }
        if (best >= 0) {
            found.push_back({best, i, best_end});
            i = best_end;
        } else {
            next_code_point(text, i);
        }
    }
    return found;
}

std::string where_of(const Regulation& reg, SourceKind kind, int index) {
    if (kind == SourceKind::Unit)
        return "内设机构：" + reg.units[static_cast<std::size_t>(index)].name;
    const Article& duties = reg.article(ArticleRole::Duties);
    const int n = reg.duty_items[static_cast<std::size_t>(index)].number;
    return (duties.number ? "第" + chinese_numeral(duties.number) + "条"
                          : std::string("主要职责")) +
           (n > 0 ? "（" + chinese_numeral(n) + "）" : std::string());
}

std::string text_of(const Regulation& reg, SourceKind kind, int index) {
    return kind == SourceKind::Unit ? reg.units[static_cast<std::size_t>(index)].duties
                                    : reg.duty_items[static_cast<std::size_t>(index)].text;
}

// Byte ranges of a's text made of bigrams b's text also has.
std::vector<std::pair<std::size_t, std::size_t>> shared_ranges(const NormalizedText& a,
                                                               const NormalizedText& b) {
    std::unordered_set<std::uint64_t> other;
    for (std::size_t i = 0; i + 1 < b.chars.size(); ++i)
        other.insert(bigram_key(b.chars[i], b.chars[i + 1]));
    std::vector<bool> mark(a.chars.size(), false);
    for (std::size_t i = 0; i + 1 < a.chars.size(); ++i)
        if (other.count(bigram_key(a.chars[i], a.chars[i + 1]))) mark[i] = mark[i + 1] = true;
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0; i < a.chars.size(); ++i) {
        if (!mark[i]) continue;
        const std::size_t begin = a.offsets[i], end = begin + a.lengths[i];
        if (!out.empty() && out.back().second == begin && mark[i - 1])
            out.back().second = end;
        else
            out.emplace_back(begin, end);
    }
    return out;
}

DutySource source_of(const std::vector<BoundaryDraft>& drafts, const Entry& e) {
    const BoundaryDraft& d = drafts[static_cast<std::size_t>(e.draft)];
    DutySource s;
    s.draft = e.draft;
    s.body = d.body;
    s.name = d.name;
    s.where = where_of(d.regulation, e.kind, e.index);
    s.text = text_of(d.regulation, e.kind, e.index);
    s.paragraph = e.kind == SourceKind::Unit
                      ? d.regulation.units[static_cast<std::size_t>(e.index)].span.paragraph
                      : d.regulation.duty_items[static_cast<std::size_t>(e.index)].span.paragraph;
    return s;
}

double overlap_coefficient(const DutyIndex& idx, const Entry& a, const Entry& b) {
    const double m = std::min(a.norm2, b.norm2);
    return m > 0 ? idx.dot(a, b) / m : 0;
}

std::string uncovered_message(const Gap& g) {
    return "职责目录中的“" + g.text + "”没有任何机构的草案载明" +
           (g.body_name.empty() ? std::string() : "（目录列明由" + g.body_name + "承担）");
}

}  // namespace

void fill_gap_names(BoundaryReport& report,
                    const std::vector<std::pair<std::string, std::string>>& names) {
    for (Gap& g : report.gaps) {
        if (!g.body_name.empty()) continue;
        for (const auto& [id, name] : names)
            if (id == g.body) g.body_name = name;
        if (g.kind == GapKind::Uncovered) g.message = uncovered_message(g);
    }
}

BoundaryReport find_boundaries(const std::vector<BoundaryDraft>& drafts,
                               const DutyCatalogue* catalogue, const BoundaryOptions& options) {
    BoundaryReport report;
    DutyIndex idx;
    std::unordered_map<std::string, int> names;
    for (std::size_t d = 0; d < drafts.size(); ++d) {
        for (const std::string* n : {&drafts[d].name, &drafts[d].body})
            if (!n->empty()) names.emplace(*n, static_cast<int>(d));
        for (const auto& n : drafts[d].aliases)
            if (!n.empty()) names.emplace(n, static_cast<int>(d));
    }
    // A model text's 【待填写：…】 says nothing yet about a duty: every fresh draft has the same
    // ones, and they would pair every body with every other.
    auto unwritten = [](const std::string& text) {
        return text.find("【待填写") != std::string::npos;
    };
    std::vector<DivisionClause> clauses;
    std::vector<std::size_t> clause_entry;
    for (std::size_t d = 0; d < drafts.size(); ++d) {
        const Regulation& reg = drafts[d].regulation;
        const int di = static_cast<int>(d);
        for (std::size_t i = 0; i < reg.duty_items.size(); ++i) {
            const DutyItem& item = reg.duty_items[i];
            if (unwritten(item.text)) continue;
            if (item.role == DutyItemRole::Ordinary)
                idx.add(di, SourceKind::Item, static_cast<int>(i), item.text);
            if (item.role != DutyItemRole::Division) continue;
            for (std::string& text : split_division(item.text)) {
                DivisionClause c;
                c.draft = di;
                // What the clause says about the duty, without the bodies' names (which would
                // outweigh it) and without its heading “1.与区X局的有关职责分工。”.
                std::string content;
                std::size_t at = text.find("有关职责分工");
                at = at == std::string::npos ? 0 : at + std::string_view("有关职责分工").size();
                for (const NameAt& n : names_in(text, names)) {
                    if (n.draft != di &&
                        std::find(c.named.begin(), c.named.end(), n.draft) == c.named.end())
                        c.named.push_back(n.draft);
                    if (n.begin >= at) content.append(text, at, n.begin - at), at = n.end;
                }
                content.append(text, std::min(at, text.size()), std::string::npos);
                c.text = std::move(text);
                clause_entry.push_back(
                    idx.add(di, SourceKind::Division, static_cast<int>(clauses.size()), content));
                clauses.push_back(std::move(c));
            }
        }
        for (std::size_t u = 0; u < reg.units.size(); ++u)
            if (!reg.units[u].duties.empty() && !is_housekeeping(reg.units[u]) &&
                !unwritten(reg.units[u].duties))
                idx.add(di, SourceKind::Unit, static_cast<int>(u), reg.units[u].duties);
    }
    if (catalogue)
        for (std::size_t c = 0; c < catalogue->duties.size(); ++c)
            idx.add(-1, SourceKind::Catalogue, static_cast<int>(c), catalogue->duties[c].text);
    idx.build();
    report.duties = idx.size();

    // Candidate pairs across bodies, ranked exactly.
    struct Pair {
        std::uint32_t a, b;
        double score;
        bool units;
    };
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < idx.size(); ++i) {
        const Entry& ei = idx.entry(i);
        if (ei.draft < 0 || ei.kind == SourceKind::Division ||
            (!options.units && ei.kind == SourceKind::Unit))
            continue;
        idx.candidates(
            i,
            [&](std::size_t j, double partial) {
                const Entry& ej = idx.entry(j);
                if (ej.draft < 0 || ej.draft == ei.draft || ej.kind == SourceKind::Division ||
                    (!options.units && ej.kind == SourceKind::Unit))
                    return;
                // The rarer (indexed) bigrams must carry a share of the likeness: a pair alike only
                // in bigrams found in hundreds of duties is not worth an exact comparison. Then the
                // common bigrams can add at most what the smaller side has of them.
                const double norm = std::sqrt(ei.norm2 * ej.norm2);
                if (partial < kMinIndexedShare * options.min_score * norm) return;
                if (partial + std::min(ei.common2, ej.common2) < options.min_score * norm) return;
                const double score = idx.cosine(ei, ej);
                if (score >= options.min_score)
                    pairs.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j),
                                     score,
                                     ei.kind == SourceKind::Unit || ej.kind == SourceKind::Unit});
            },
            /*after_only=*/true);
    }
    // One pair per duty and other body: the best; units' duties only where the two bodies' duty
    // items were not paired already (a unit restates its body's items).
    std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
        return x.units != y.units ? !x.units : x.score > y.score;
    });
    std::unordered_set<std::uint64_t> used, item_paired;
    auto key = [](std::uint64_t a, std::uint64_t b) { return (a << 32) | b; };
    for (const Pair& p : pairs) {
        const Entry& a = idx.entry(p.a);
        const Entry& b = idx.entry(p.b);
        const auto da = static_cast<std::uint32_t>(a.draft),
                   db = static_cast<std::uint32_t>(b.draft);
        if (used.count(key(p.a, db)) || used.count(key(p.b, da))) continue;
        if (p.units && item_paired.count(key(std::min(da, db), std::max(da, db)))) continue;
        used.insert(key(p.a, db));
        used.insert(key(p.b, da));
        if (!p.units) item_paired.insert(key(std::min(da, db), std::max(da, db)));
        Overlap o;
        const bool swap = a.draft > b.draft;
        o.a = source_of(drafts, swap ? b : a);
        o.b = source_of(drafts, swap ? a : b);
        o.score = p.score;
        const DutyVerb va = duty_verb(o.a.text), vb = duty_verb(o.b.text);
        o.verbs = va == DutyVerb::Lead && vb == DutyVerb::Lead ? VerbRelation::Conflict
                  : (va == DutyVerb::Lead && vb == DutyVerb::Support) ||
                          (va == DutyVerb::Support && vb == DutyVerb::Lead)
                      ? VerbRelation::Division
                      : VerbRelation::Unclear;
        // Resolved by a 职责分工 clause of either body naming the other and the duty.
        for (std::size_t c = 0; c < clauses.size() && !o.resolved; ++c) {
            const DivisionClause& cl = clauses[c];
            const int other = cl.draft == a.draft ? b.draft : cl.draft == b.draft ? a.draft : -2;
            if (other == -2 || std::find(cl.named.begin(), cl.named.end(), other) == cl.named.end())
                continue;
            const Entry& ce = idx.entry(clause_entry[c]);
            if (std::max(overlap_coefficient(idx, ce, a), overlap_coefficient(idx, ce, b)) >=
                options.cover_score) {
                o.resolved = true;
                o.resolved_by = cl.text;
            }
        }
        const NormalizedText na = normalize_with_offsets(o.a.text),
                             nb = normalize_with_offsets(o.b.text);
        o.a.shared = shared_ranges(na, nb);
        o.b.shared = shared_ranges(nb, na);
        report.overlaps.push_back(std::move(o));
    }
    std::stable_sort(report.overlaps.begin(), report.overlaps.end(),
                     [](const Overlap& x, const Overlap& y) {
                         return x.resolved != y.resolved ? !x.resolved : x.score > y.score;
                     });

    // Gaps: catalogue duties no draft covers.
    for (std::size_t i = 0; i < idx.size(); ++i) {
        const Entry& e = idx.entry(i);
        if (e.kind != SourceKind::Catalogue) continue;
        bool covered = false;
        idx.candidates(i, [&](std::size_t j, double) {
            const Entry& d = idx.entry(j);
            if (!covered && d.draft >= 0 && d.kind != SourceKind::Division && e.norm2 > 0 &&
                idx.dot(e, d) / e.norm2 >= options.cover_score)
                covered = true;
        });
        if (covered) continue;
        const CatalogueDuty& c = catalogue->duties[static_cast<std::size_t>(e.index)];
        Gap g;
        g.kind = GapKind::Uncovered;
        g.body = c.body;
        g.catalogue_id = c.id;
        g.text = c.text;
        for (const auto& d : drafts)
            if (d.body == c.body) g.body_name = d.name;
        g.message = uncovered_message(g);
        report.gaps.push_back(std::move(g));
    }
    // D12: a duty item of a body none of its units carries.
    {
        std::vector<std::vector<std::size_t>> units_of(drafts.size());
        for (std::size_t i = 0; i < idx.size(); ++i)
            if (idx.entry(i).kind == SourceKind::Unit)
                units_of[static_cast<std::size_t>(idx.entry(i).draft)].push_back(i);
        for (std::size_t i = 0; i < idx.size(); ++i) {
            const Entry& e = idx.entry(i);
            if (e.kind != SourceKind::Item || e.norm2 <= 0) continue;
            const auto& units = units_of[static_cast<std::size_t>(e.draft)];
            if (units.empty()) continue;
            double best = 0;
            for (std::size_t u : units)
                best = std::max(best, overlap_coefficient(idx, e, idx.entry(u)));
            if (best >= options.cover_score) continue;
            const DutySource s = source_of(drafts, e);
            Gap g;
            g.kind = GapKind::NoUnit;
            g.body = s.body;
            g.body_name = s.name;
            g.text = s.text;
            g.where = s.where;
            g.message = s.name + s.where + "的职责没有内设机构承担";
            report.gaps.push_back(std::move(g));
        }
    }
    // A 职责分工 clause giving a duty to a body whose draft does not claim it.
    for (const DivisionClause& cl : clauses) {
        for (const NameAt& n : names_in(cl.text, names)) {
            const int named = n.draft;
            const std::size_t end = n.end;
            if (named == cl.draft) continue;
            std::string_view rest = std::string_view(cl.text).substr(end);
            std::size_t stop = std::min({rest.find("，"), rest.find("；"), rest.find("。")});
            const std::string_view clause = rest.substr(0, stop);
            if (duty_verb(clause) == DutyVerb::None) continue;
            const Entry probe = idx.probe(clause);
            if (probe.norm2 <= 0) continue;
            const Regulation& reg = drafts[static_cast<std::size_t>(named)].regulation;
            double best = 0;
            for (const DutyItem& item : reg.duty_items)
                if (item.role == DutyItemRole::Ordinary)
                    best = std::max(best, idx.dot(probe, idx.probe(item.text)) / probe.norm2);
            for (const InternalUnit& u : reg.units)
                best = std::max(best, idx.dot(probe, idx.probe(u.duties)) / probe.norm2);
            if (best >= options.cover_score) continue;
            Gap g;
            g.kind = GapKind::DivisionUnclaimed;
            g.body = drafts[static_cast<std::size_t>(named)].body;
            g.body_name = drafts[static_cast<std::size_t>(named)].name;
            g.text = std::string(clause);
            g.where = drafts[static_cast<std::size_t>(cl.draft)].name + "的有关职责分工";
            g.message = drafts[static_cast<std::size_t>(cl.draft)].name + "的有关职责分工写明" +
                        drafts[static_cast<std::size_t>(named)].name + std::string(clause) +
                        "，但" + drafts[static_cast<std::size_t>(named)].name +
                        "的草案没有载明这项职责";
            report.gaps.push_back(std::move(g));
        }
    }
    return report;
}

}  // namespace sanding
