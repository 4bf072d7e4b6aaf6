#include "sanding/diff.hpp"

#include <algorithm>

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

// LCS alignment of two sequences; calls emit(kind, index) in order.
template <class Seq, class Emit>
void lcs_align(const Seq& a, const Seq& b, Emit emit) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<unsigned>> L(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;) L[i][j] = a[i] == b[j] ? L[i + 1][j + 1] + 1 : std::max(L[i + 1][j], L[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) emit(0, i, j), ++i, ++j;
        else if (L[i + 1][j] >= L[i][j + 1]) emit(-1, i, j), ++i;
        else emit(1, i, j), ++j;
    }
    for (; i < n; ++i) emit(-1, i, j);
    for (; j < m; ++j) emit(1, i, j);
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
