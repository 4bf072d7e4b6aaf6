#include "sanding/diff.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "sanding/error.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

std::vector<std::string> code_points(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t start = i;
        next_code_point(s, i);
        out.push_back(s.substr(start, i - start));
    }
    return out;
}

void push(std::vector<TextOp>& ops, TextOp::Kind k, const std::string& t) {
    if (t.empty()) return;
    if (!ops.empty() && ops.back().kind == k)
        ops.back().text += t;
    else
        ops.push_back({k, t});
}

// LCS lengths of a[alo, ahi) against every prefix of b[blo, bhi) (forward), or against every
// suffix with both read backwards (backward): one row at a time, so space is linear.
template <class Seq>
std::vector<unsigned> lcs_row(const Seq& a, std::size_t alo, std::size_t ahi, const Seq& b,
                              std::size_t blo, std::size_t bhi, bool backward) {
    const std::size_t m = bhi - blo;
    std::vector<unsigned> prev(m + 1, 0), cur(m + 1, 0);
    for (std::size_t k = 0; k < ahi - alo; ++k) {
        const auto& x = backward ? a[ahi - 1 - k] : a[alo + k];
        for (std::size_t j = 1; j <= m; ++j) {
            const auto& y = backward ? b[bhi - j] : b[blo + j - 1];
            cur[j] = x == y ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
        }
        std::swap(prev, cur);
    }
    return prev;
}

// Hirschberg's divide and conquer: the same alignment quality as the full table, in O(n + m)
// space (a table of (n+1)(m+1) cells for 80,000 paragraphs is 25 GB). Emits in order.
template <class Seq, class Emit>
void lcs_split(const Seq& a, std::size_t alo, std::size_t ahi, const Seq& b, std::size_t blo,
               std::size_t bhi, Emit& emit) {
    if (alo == ahi) {
        for (std::size_t j = blo; j < bhi; ++j) emit(1, alo, j);
        return;
    }
    if (blo == bhi) {
        for (std::size_t i = alo; i < ahi; ++i) emit(-1, i, blo);
        return;
    }
    if (ahi - alo == 1) {
        std::size_t j = blo;
        while (j < bhi && !(a[alo] == b[j])) ++j;
        if (j == bhi) {
            emit(-1, alo, blo);
            for (std::size_t k = blo; k < bhi; ++k) emit(1, ahi, k);
            return;
        }
        for (std::size_t k = blo; k < j; ++k) emit(1, alo, k);
        emit(0, alo, j);
        for (std::size_t k = j + 1; k < bhi; ++k) emit(1, ahi, k);
        return;
    }
    const std::size_t mid = alo + (ahi - alo) / 2, m = bhi - blo;
    const auto front = lcs_row(a, alo, mid, b, blo, bhi, false),
               back = lcs_row(a, mid, ahi, b, blo, bhi, true);
    std::size_t best = 0;
    unsigned best_len = 0;
    for (std::size_t k = 0; k <= m; ++k)
        if (front[k] + back[m - k] > best_len || k == 0)
            best_len = front[k] + back[m - k], best = k;
    lcs_split(a, alo, mid, b, blo, blo + best, emit);
    lcs_split(a, mid, ahi, b, blo + best, bhi, emit);
}

// LCS alignment of two sequences; calls emit(kind, i, j) in order (0 same, -1 a[i] removed,
// 1 b[j] added). Error diff.too_large when n × m passes kMaxCells: the time is quadratic.
constexpr std::size_t kMaxCells = 64'000'000;
template <class Seq, class Emit>
void lcs_align(const Seq& a, const Seq& b, Emit emit) {
    std::size_t lo = 0, a_hi = a.size(), b_hi = b.size();
    while (lo < a_hi && lo < b_hi && a[lo] == b[lo]) emit(0, lo, lo), ++lo;
    std::size_t tail = 0;
    while (a_hi - tail > lo && b_hi - tail > lo && a[a_hi - 1 - tail] == b[b_hi - 1 - tail]) ++tail;
    a_hi -= tail, b_hi -= tail;
    if ((a_hi - lo) > 0 && (b_hi - lo) > kMaxCells / (a_hi - lo))
        throw Error("diff.too_large", "两个版本差别太大，无法逐段比较（" +
                                          std::to_string(a_hi - lo) + " 段对 " +
                                          std::to_string(b_hi - lo) + " 段，上限为两者之积 " +
                                          std::to_string(kMaxCells) + "）");
    lcs_split(a, lo, a_hi, b, lo, b_hi, emit);
    for (std::size_t k = 0; k < tail; ++k) emit(0, a_hi + k, b_hi + k);
}

}  // namespace

std::vector<TextOp> diff_text(const std::string& before, const std::string& after) {
    std::vector<TextOp> ops;
    // Common prefix and suffix first: most edits are small.
    std::size_t p = 0;
    while (p < before.size() && p < after.size() && before[p] == after[p]) ++p;
    while (p > 0 && (static_cast<unsigned char>(before[p]) & 0xC0) == 0x80) --p;
    std::size_t s = 0;
    while (s < before.size() - p && s < after.size() - p &&
           before[before.size() - 1 - s] == after[after.size() - 1 - s])
        ++s;
    while (s > 0 && (static_cast<unsigned char>(before[before.size() - s]) & 0xC0) == 0x80) --s;
    push(ops, TextOp::Same, before.substr(0, p));
    const auto a = code_points(before.substr(p, before.size() - p - s)),
               b = code_points(after.substr(p, after.size() - p - s));
    if (a.size() * b.size() > 4'000'000) {
        std::string da, db;
        for (auto& c : a) da += c;
        for (auto& c : b) db += c;
        push(ops, TextOp::Delete, da), push(ops, TextOp::Insert, db);
    } else {
        lcs_align(a, b, [&](int k, std::size_t i, std::size_t j) {
            if (k == 0)
                push(ops, TextOp::Same, a[i]);
            else if (k < 0)
                push(ops, TextOp::Delete, a[i]);
            else
                push(ops, TextOp::Insert, b[j]);
        });
    }
    push(ops, TextOp::Same, before.substr(before.size() - s));
    return ops;
}

int RegulationDiff::changed_articles() const {
    return static_cast<int>(
        std::count_if(articles.begin(), articles.end(),
                      [](const ArticleDiff& a) { return a.kind != ArticleDiff::Same; }));
}

namespace {

// What an item says without its number: inserting an item renumbers every item after it, and
// those must still match themselves.
std::string_view item_content(std::string_view p) {
    if (auto m = item_marker(p)) return p.substr(m->offset + m->length);
    return p;
}

// Sorted code-point bigrams: the similarity of two texts is their Dice coefficient.
std::vector<std::uint64_t> bigrams(std::string_view s) {
    std::vector<std::uint64_t> out;
    std::uint64_t prev = 0;
    std::size_t i = 0;
    bool first = true;
    while (i < s.size()) {
        const std::size_t start = i;
        next_code_point(s, i);
        std::uint64_t cp = 0;
        for (std::size_t k = start; k < i; ++k) cp = cp << 8 | static_cast<unsigned char>(s[k]);
        if (!first) out.push_back(prev << 32 | cp);
        prev = cp, first = false;
    }
    std::sort(out.begin(), out.end());
    return out;
}

double similarity(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty() && b.empty()) return 1;
    std::size_t i = 0, j = 0, shared = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j])
            ++shared, ++i, ++j;
        else if (a[i] < b[j])
            ++i;
        else
            ++j;
    }
    return 2.0 * static_cast<double>(shared) / static_cast<double>(a.size() + b.size());
}

// The name an internal unit's item starts with (“林业股。负责……” → 林业股), empty for other items.
std::string_view unit_name(std::string_view content) {
    const std::size_t stop = content.find("。");
    if (stop == std::string_view::npos || stop > 60) return {};
    const std::string_view name = content.substr(0, stop);
    for (std::string_view suffix : {"股", "科", "室", "处", "中心", "大队", "所", "站", "局", "组"})
        if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix)
            return name;
    return {};
}

// One item rewritten where it stood (the same number, nothing else removed or added around it)
// is that item changed — unless it names a different internal unit: that unit went, another came.
bool replaced_in_place(std::string_view before, std::string_view after) {
    const auto x = item_marker(before), y = item_marker(after);
    if (x.has_value() != y.has_value() || (x && x->number != y->number)) return false;
    const std::string_view nx = unit_name(x ? before.substr(x->offset + x->length) : before),
                           ny = unit_name(y ? after.substr(y->offset + y->length) : after);
    return nx.empty() || ny.empty() || nx == ny;
}

struct Step {
    enum Kind { Match, Edit, Removed, Added } kind;
    std::size_t i = 0, j = 0;
};

// Aligns two sequences by their keys: equal keys by longest common subsequence; between two
// matches, the removed and added ones are paired in order when similar enough (an edited item is
// one changed item, not a deletion and an insertion), the rest stay removals and insertions.
constexpr double kPairAt = 0.4;
constexpr std::size_t kMaxPairings = 40'000;
// a and b are the keys; a_full and b_full the whole texts (with their item numbers).
std::vector<Step> align(const std::vector<std::string_view>& a,
                        const std::vector<std::string_view>& b,
                        const std::vector<std::string_view>& a_full,
                        const std::vector<std::string_view>& b_full) {
    std::vector<Step> out;
    std::vector<std::size_t> removed, added;
    auto flush = [&] {
        std::vector<std::pair<std::size_t, std::size_t>> pairs;  // indexes into removed, added
        if (removed.size() == 1 && added.size() == 1 &&
            replaced_in_place(a_full[removed[0]], b_full[added[0]])) {
            pairs.push_back({0, 0});
        } else if (!removed.empty() && !added.empty()) {
            if (removed.size() * added.size() > kMaxPairings) {
                for (std::size_t k = 0; k < std::min(removed.size(), added.size()); ++k)
                    pairs.push_back({k, k});
            } else {
                std::vector<std::vector<std::uint64_t>> ga, gb;
                for (auto i : removed) ga.push_back(bigrams(a[i]));
                for (auto j : added) gb.push_back(bigrams(b[j]));
                std::size_t from = 0;
                for (std::size_t r = 0; r < removed.size() && from < added.size(); ++r) {
                    double best = kPairAt;
                    std::size_t at = added.size();
                    for (std::size_t k = from; k < added.size(); ++k)
                        if (const double s = similarity(ga[r], gb[k]); s >= best) best = s, at = k;
                    if (at == added.size()) continue;
                    pairs.push_back({r, at});
                    from = at + 1;
                }
            }
        }
        std::size_t r = 0, k = 0;
        for (const auto& [pr, pk] : pairs) {
            for (; r < pr; ++r) out.push_back({Step::Removed, removed[r], 0});
            for (; k < pk; ++k) out.push_back({Step::Added, 0, added[k]});
            out.push_back({Step::Edit, removed[r++], added[k++]});
        }
        for (; r < removed.size(); ++r) out.push_back({Step::Removed, removed[r], 0});
        for (; k < added.size(); ++k) out.push_back({Step::Added, 0, added[k]});
        removed.clear(), added.clear();
    };
    lcs_align(a, b, [&](int kind, std::size_t i, std::size_t j) {
        if (kind < 0) return removed.push_back(i);
        if (kind > 0) return added.push_back(j);
        flush();
        out.push_back({Step::Match, i, j});
    });
    flush();
    return out;
}

ArticleDiff diff_article(const Article& x, const Article& y) {
    ArticleDiff ad;
    ad.number = y.number, ad.before_number = x.number;
    std::vector<std::string_view> a, b;
    for (const auto& p : x.paragraphs) a.push_back(item_content(p));
    for (const auto& p : y.paragraphs) b.push_back(item_content(p));
    const std::vector<std::string_view> fa(x.paragraphs.begin(), x.paragraphs.end()),
        fb(y.paragraphs.begin(), y.paragraphs.end());
    for (const Step& st : align(a, b, fa, fb)) {
        switch (st.kind) {
            case Step::Match:
                ad.paragraphs.push_back(
                    {ParagraphDiff::Same, x.paragraphs[st.i], y.paragraphs[st.j], {}});
                break;
            case Step::Edit:
                ad.paragraphs.push_back({ParagraphDiff::Changed, x.paragraphs[st.i],
                                         y.paragraphs[st.j],
                                         diff_text(x.paragraphs[st.i], y.paragraphs[st.j])});
                break;
            case Step::Removed:
                ad.paragraphs.push_back({ParagraphDiff::Removed, x.paragraphs[st.i], "", {}});
                break;
            case Step::Added:
                ad.paragraphs.push_back({ParagraphDiff::Added, "", y.paragraphs[st.j], {}});
                break;
        }
    }
    const bool same =
        std::all_of(ad.paragraphs.begin(), ad.paragraphs.end(),
                    [](const ParagraphDiff& p) { return p.kind == ParagraphDiff::Same; });
    ad.kind = same ? ArticleDiff::Same : ArticleDiff::Changed;
    return ad;
}

ArticleDiff whole_article(const Article& a, bool removed) {
    ArticleDiff ad;
    ad.kind = removed ? ArticleDiff::Removed : ArticleDiff::Added;
    ad.number = removed ? 0 : a.number;
    ad.before_number = removed ? a.number : 0;
    for (const auto& p : a.paragraphs)
        ad.paragraphs.push_back({removed ? ParagraphDiff::Removed : ParagraphDiff::Added,
                                 removed ? p : "",
                                 removed ? "" : p,
                                 {}});
    return ad;
}

std::string article_label(const ArticleDiff& a) {
    if (a.kind == ArticleDiff::Removed) return "原第" + chinese_numeral(a.before_number) + "条";
    std::string label = "第" + chinese_numeral(a.number) + "条";
    if (a.before_number != 0 && a.before_number != a.number)
        label += "（原第" + chinese_numeral(a.before_number) + "条）";
    return label;
}

}  // namespace

RegulationDiff diff_regulations(const Regulation& before, const Regulation& after) {
    RegulationDiff d;
    d.title_before = before.title, d.title_after = after.title,
    d.title_changed = before.title != after.title;
    // Articles are matched by what they say, not by number, so an inserted article shows as one
    // insertion and the articles after it as renumbered, not as every one changed.
    std::vector<std::string> ka, kb;
    auto key = [](const Article& a) {
        std::string k;
        for (const auto& p : a.paragraphs) k += item_content(p), k += '\n';
        return k;
    };
    for (const auto& a : before.articles) ka.push_back(key(a));
    for (const auto& a : after.articles) kb.push_back(key(a));
    const std::vector<std::string_view> va(ka.begin(), ka.end()), vb(kb.begin(), kb.end());
    for (const Step& st : align(va, vb, va, vb)) {
        ArticleDiff ad = st.kind == Step::Removed ? whole_article(before.articles[st.i], true)
                         : st.kind == Step::Added
                             ? whole_article(after.articles[st.j], false)
                             : diff_article(before.articles[st.i], after.articles[st.j]);
        ad.label = article_label(ad);
        d.articles.push_back(std::move(ad));
    }
    return d;
}

}  // namespace sanding

#include "sanding/document.hpp"

namespace sanding {
bool same_text(const Document& a, const Document& b) {
    std::vector<std::string_view> x, y;
    for (const auto& p : a.paragraphs)
        if (!trim(p.text).empty()) x.push_back(trim(p.text));
    for (const auto& p : b.paragraphs)
        if (!trim(p.text).empty()) y.push_back(trim(p.text));
    return x == y;
}
}  // namespace sanding
