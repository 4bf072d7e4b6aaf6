// The bigram index: inverse-document-frequency weights, so that what nearly every duty says
// (监督管理, 组织实施 left after the stop phrases) weighs little and a rare term weighs much.
#include "index.hpp"

#include <algorithm>

#include "duty_text.hpp"

namespace sanding::boundaries_detail {

std::size_t DutyIndex::add(int draft, SourceKind kind, int index, std::string_view text) {
    const NormalizedText n = normalize_with_offsets(text);
    Entry e;
    e.draft = draft;
    e.kind = kind;
    e.index = index;
    // Too little left to say which duty it is (“承担本单位交办的其他事务”): not compared.
    if (n.chars.size() < kMinChars) {
        entries_.push_back(std::move(e));
        return entries_.size() - 1;
    }
    e.grams.reserve(n.chars.size());
    for (std::size_t i = 0; i + 1 < n.chars.size(); ++i) {
        auto [it, fresh] = ids_.try_emplace(bigram_key(n.chars[i], n.chars[i + 1]),
                                            static_cast<std::uint32_t>(df_.size()));
        if (fresh) df_.push_back(0);
        e.grams.push_back(it->second);
    }
    std::sort(e.grams.begin(), e.grams.end());
    e.grams.erase(std::unique(e.grams.begin(), e.grams.end()), e.grams.end());
    for (std::uint32_t g : e.grams) ++df_[g];
    entries_.push_back(std::move(e));
    return entries_.size() - 1;
}

void DutyIndex::build() {
    // Weight by how many bodies use a bigram, not how many duty texts: a phrase of the model text
    // that every body's draft repeats (宣传教育, 人员培训, 政策措施) says nothing about which duty
    // it is, however few items carry it. Catalogue duties and 职责分工 clauses do not count.
    std::vector<std::uint32_t> bodies(df_.size(), 0), last(df_.size(), UINT32_MAX);
    std::uint32_t drafts = 0;
    int previous = -1;
    for (const auto& e : entries_) {
        if (e.draft < 0 || e.kind == SourceKind::Division || e.kind == SourceKind::Catalogue)
            continue;
        if (e.draft != previous) ++drafts, previous = e.draft;
        for (std::uint32_t g : e.grams)
            if (last[g] != static_cast<std::uint32_t>(e.draft))
                last[g] = static_cast<std::uint32_t>(e.draft), ++bodies[g];
    }
    const double n = std::max<double>(drafts, 1);
    w2_.resize(df_.size());
    for (std::size_t g = 0; g < df_.size(); ++g) {
        const double w = std::log(1 + n / std::max<std::uint32_t>(bodies[g], 1));
        w2_[g] = w * w;
    }
    starts_.assign(df_.size() + 1, 0);
    for (auto& e : entries_) {
        e.norm2 = e.common2 = 0;
        for (std::uint32_t g : e.grams) {
            e.norm2 += w2_[g];
            if (df_[g] > kMaxPostings)
                e.common2 += w2_[g];
            else
                ++starts_[g + 1];
        }
    }
    for (std::size_t g = 0; g < df_.size(); ++g) starts_[g + 1] += starts_[g];
    postings_.resize(starts_.back());
    std::vector<std::uint32_t> fill(starts_.begin(), starts_.end() - 1);
    for (std::size_t i = 0; i < entries_.size(); ++i)
        for (std::uint32_t g : entries_[i].grams)
            if (df_[g] <= kMaxPostings) postings_[fill[g]++] = static_cast<std::uint32_t>(i);
    acc_.assign(entries_.size(), 0.0);
}

double DutyIndex::dot(const Entry& a, const Entry& b) const {
    double sum = 0;
    auto i = a.grams.begin(), j = b.grams.begin();
    while (i != a.grams.end() && j != b.grams.end()) {
        if (*i < *j)
            ++i;
        else if (*j < *i)
            ++j;
        else
            sum += w2_[*i], ++i, ++j;
    }
    return sum;
}

Entry DutyIndex::probe(std::string_view text) const {
    const NormalizedText n = normalize_with_offsets(text);
    Entry e;
    const double unseen = w2_.empty() ? 1 : std::sqrt(*std::max_element(w2_.begin(), w2_.end()));
    std::vector<std::uint64_t> keys;
    for (std::size_t i = 0; i + 1 < n.chars.size(); ++i)
        keys.push_back(bigram_key(n.chars[i], n.chars[i + 1]));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (std::uint64_t k : keys) {
        auto it = ids_.find(k);
        if (it == ids_.end()) {
            e.norm2 += unseen * unseen;
            continue;
        }
        e.grams.push_back(it->second);
        e.norm2 += w2_[it->second];
    }
    std::sort(e.grams.begin(), e.grams.end());
    return e;
}

}  // namespace sanding::boundaries_detail
