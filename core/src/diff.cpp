#include "sanding/diff.hpp"

#include <algorithm>

#include "sanding/error.hpp"
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
    if (!ops.empty() && ops.back().kind == k) ops.back().text += t;
    else ops.push_back({k, t});
}

// LCS lengths of a[alo, ahi) against every prefix of b[blo, bhi) (forward), or against every
// suffix with both read backwards (backward): one row at a time, so space is linear.
template <class Seq>
std::vector<unsigned> lcs_row(const Seq& a, std::size_t alo, std::size_t ahi, const Seq& b, std::size_t blo,
                              std::size_t bhi, bool backward) {
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
void lcs_split(const Seq& a, std::size_t alo, std::size_t ahi, const Seq& b, std::size_t blo, std::size_t bhi,
               Emit& emit) {
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
    const auto front = lcs_row(a, alo, mid, b, blo, bhi, false), back = lcs_row(a, mid, ahi, b, blo, bhi, true);
    std::size_t best = 0;
    unsigned best_len = 0;
    for (std::size_t k = 0; k <= m; ++k)
        if (front[k] + back[m - k] > best_len || k == 0) best_len = front[k] + back[m - k], best = k;
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
        throw Error("diff.too_large", "两个版本差别太大，无法逐段比较（" + std::to_string(a_hi - lo) + " 段对 " +
                                          std::to_string(b_hi - lo) + " 段，上限为两者之积 " + std::to_string(kMaxCells) + "）");
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
    while (s < before.size() - p && s < after.size() - p && before[before.size() - 1 - s] == after[after.size() - 1 - s]) ++s;
    while (s > 0 && (static_cast<unsigned char>(before[before.size() - s]) & 0xC0) == 0x80) --s;
    push(ops, TextOp::Same, before.substr(0, p));
    const auto a = code_points(before.substr(p, before.size() - p - s)), b = code_points(after.substr(p, after.size() - p - s));
    if (a.size() * b.size() > 4'000'000) {
        std::string da, db;
        for (auto& c : a) da += c;
        for (auto& c : b) db += c;
        push(ops, TextOp::Delete, da), push(ops, TextOp::Insert, db);
    } else {
        lcs_align(a, b, [&](int k, std::size_t i, std::size_t j) {
            if (k == 0) push(ops, TextOp::Same, a[i]);
            else if (k < 0) push(ops, TextOp::Delete, a[i]);
            else push(ops, TextOp::Insert, b[j]);
        });
    }
    push(ops, TextOp::Same, before.substr(before.size() - s));
    return ops;
}

int RegulationDiff::changed_articles() const {
    return static_cast<int>(std::count_if(articles.begin(), articles.end(), [](const ArticleDiff& a) { return a.kind != ArticleDiff::Same; }));
}

RegulationDiff diff_regulations(const Regulation& before, const Regulation& after) {
    RegulationDiff d;
    d.title_before = before.title, d.title_after = after.title, d.title_changed = before.title != after.title;
    auto find = [](const Regulation& r, int n) -> const Article* {
        for (const auto& a : r.articles)
            if (a.number == n) return &a;
        return nullptr;
    };
    int last = 0;
    for (const auto& a : before.articles) last = std::max(last, a.number);
    for (const auto& a : after.articles) last = std::max(last, a.number);
    for (int n = 1; n <= last; ++n) {
        const Article* x = find(before, n);
        const Article* y = find(after, n);
        if (!x && !y) continue;
        ArticleDiff ad;
        ad.number = n;
        ad.label = "第" + chinese_numeral(n) + "条";
        if (!x || !y) {
            ad.kind = x ? ArticleDiff::Removed : ArticleDiff::Added;
            for (const auto& p : (x ? x : y)->paragraphs)
                ad.paragraphs.push_back({x ? ParagraphDiff::Removed : ParagraphDiff::Added, x ? p : "", x ? "" : p, {}});
        } else {
            std::vector<ParagraphDiff> ps;
            lcs_align(x->paragraphs, y->paragraphs, [&](int k, std::size_t i, std::size_t j) {
                if (k == 0) ps.push_back({ParagraphDiff::Same, x->paragraphs[i], y->paragraphs[j], {}});
                else if (k < 0) ps.push_back({ParagraphDiff::Removed, x->paragraphs[i], "", {}});
                else ps.push_back({ParagraphDiff::Added, "", y->paragraphs[j], {}});
            });
            // A removal followed by an addition is one changed paragraph.
            for (std::size_t i = 0; i < ps.size(); ++i) {
                if (i + 1 < ps.size() && ps[i].kind == ParagraphDiff::Removed && ps[i + 1].kind == ParagraphDiff::Added) {
                    ParagraphDiff c{ParagraphDiff::Changed, ps[i].before, ps[i + 1].after, diff_text(ps[i].before, ps[i + 1].after)};
                    ad.paragraphs.push_back(std::move(c));
                    ++i;
                } else {
                    ad.paragraphs.push_back(std::move(ps[i]));
                }
            }
            ad.kind = std::all_of(ad.paragraphs.begin(), ad.paragraphs.end(), [](const ParagraphDiff& p) { return p.kind == ParagraphDiff::Same; })
                          ? ArticleDiff::Same
                          : ArticleDiff::Changed;
        }
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
