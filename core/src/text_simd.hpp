// AVX2 paths of text routines (the whole-file passes, and the per-paragraph scans of the checker),
// chosen at run time by what the CPU has. Only call them when have_avx2().
#pragma once

#include <cstddef>
#include <string_view>

#include "sanding/text.hpp"

namespace sanding::detail {

// Whether this CPU runs AVX2 (asked once); false when SANDING_NO_AVX2 is set.
bool have_avx2();
// True when s is valid UTF-8 (as is_valid_utf8 decides), counting its line breaks when breaks
// is given (and noting each \n with the UTF-16 units before it when breaks->feeds is). Says
// nothing of where an error is: the scalar validator finds that.
bool utf8_valid_avx2(std::string_view s, LineBreaks* breaks);
// utf16_lengths_at(s, at, n, out).
void utf16_lengths_at_avx2(std::string_view s, const std::size_t* at, std::size_t n,
                           std::size_t* out);
// Where the first \n or \r at or after from is, or s.size().
std::size_t line_break_avx2(std::string_view s, std::size_t from);

}  // namespace sanding::detail
