// The GNU build id of this program, which changes whenever its code does: what identifies the
// code that ran the rule examples (load_checker remembers a pass under it).
#pragma once

#include <string>

namespace sanding::cli {

// The NT_GNU_BUILD_ID of the executable or library this code was linked into, as hex; empty if
// it has none (then nothing is remembered).
std::string own_build_id();

}  // namespace sanding::cli
