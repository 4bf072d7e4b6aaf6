// Internal to core/src/boundaries: every duty text as a set of weighted character bigrams, and an
// inverted index of the rarer bigrams for finding candidate pairs.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sanding::boundaries_detail {

enum class SourceKind : std::uint8_t { Item, Unit, Catalogue, Division };

struct Entry {
    int draft = -1;  // -1 for catalogue duties
    SourceKind kind = SourceKind::Item;
    int index = 0;  // into the draft's duty_items / units / division clauses, or the catalogue
    std::vector<std::uint32_t> grams;  // sorted, unique
    double norm2 = 0;                  // Σ w² over grams
    double common2 = 0;                // Σ w² over the grams too common to be indexed
};

class DutyIndex {
public:
    // Bigrams in more entries than this are not indexed (their weight is low; indexing them would
    // make the candidate search quadratic). Pairs sharing only such bigrams are not found.
    static constexpr std::uint32_t kMaxPostings = 96;

    // Texts with fewer characters left after normalising have no bigrams (are never paired).
    static constexpr std::size_t kMinChars = 4;

    std::size_t add(int draft, SourceKind kind, int index, std::string_view text);
    // Weights and postings; call once after every add.
    void build();

    const Entry& entry(std::size_t i) const { return entries_[i]; }
    std::size_t size() const { return entries_.size(); }
    double dot(const Entry& a, const Entry& b) const;
    double cosine(const Entry& a, const Entry& b) const {
        return a.norm2 > 0 && b.norm2 > 0 ? dot(a, b) / std::sqrt(a.norm2 * b.norm2) : 0;
    }
    // Entries sharing an indexed bigram with e, with the Σ w² of those shared bigrams. visit(j,
    // partial). after_only: only entries added after e (each pair once).
    template <class Visit>
    void candidates(std::size_t e, Visit&& visit, bool after_only = false) const;
    // An entry for a text not added (weights of unseen bigrams as for a bigram seen once).
    Entry probe(std::string_view text) const;

private:
    std::unordered_map<std::uint64_t, std::uint32_t> ids_;
    std::vector<std::uint32_t> df_;
    std::vector<double> w2_;
    std::vector<Entry> entries_;
    std::vector<std::uint32_t> starts_,
        postings_;  // CSR: postings of gram g at [starts_[g], starts_[g+1])
    mutable std::vector<double> acc_;
    mutable std::vector<std::uint32_t> touched_;
};

template <class Visit>
void DutyIndex::candidates(std::size_t e, Visit&& visit, bool after_only) const {
    if (acc_.size() != entries_.size()) acc_.assign(entries_.size(), 0.0);
    touched_.clear();
    for (std::uint32_t g : entries_[e].grams) {
        if (df_[g] > kMaxPostings || df_[g] < 2) continue;
        // Postings are in entry order: from the end down to e when only later entries are wanted.
        for (std::uint32_t k = starts_[g + 1]; k-- > starts_[g];) {
            const std::uint32_t j = postings_[k];
            if (j <= e) {
                if (after_only) break;
                if (j == e) continue;
            }
            if (acc_[j] == 0) touched_.push_back(j);
            acc_[j] += w2_[g];
        }
    }
    for (std::uint32_t j : touched_) {
        visit(static_cast<std::size_t>(j), acc_[j]);
        acc_[j] = 0;
    }
}

}  // namespace sanding::boundaries_detail
