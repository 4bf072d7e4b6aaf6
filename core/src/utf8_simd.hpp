// Vector paths of the UTF-8 routines in text.cpp, chosen at run time by what the CPU has.
#pragma once

#include <string_view>

namespace sanding::detail {

// Whether this CPU runs AVX2 (asked once).
bool have_avx2();
// True when s is valid UTF-8 (as is_valid_utf8 decides); only call when have_avx2(). Says
// nothing of where an error is: the scalar validator finds that.
bool utf8_valid_avx2(std::string_view s);

}  // namespace sanding::detail
