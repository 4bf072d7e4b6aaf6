// Internal to core/src/boundaries: a duty text normalised for comparison, keeping for each kept
// character where it was in the original (to mark the shared part).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sanding::boundaries_detail {

struct NormalizedText {
    std::vector<char32_t> chars;
    std::vector<std::uint32_t> offsets;  // byte offset of chars[i] in the original
    std::vector<std::uint32_t> lengths;  // its byte length there
};

// As normalize_duty, keeping the offsets.
NormalizedText normalize_with_offsets(std::string_view text);

// Bigram keys of consecutive kept characters, in order (with repeats).
inline std::uint64_t bigram_key(char32_t a, char32_t b) {
    return (static_cast<std::uint64_t>(a) << 21) | static_cast<std::uint64_t>(b);
}

}  // namespace sanding::boundaries_detail
