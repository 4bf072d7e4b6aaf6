// Applying safe fixes: the first suggestion of every finding marked safe_fix, right to left,
// skipping a fix that overlaps one already applied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sanding/check/finding.hpp"

namespace sanding {

// A replacement of [offset, offset+length) in some text.
struct Edit {
    std::size_t offset = 0, length = 0;
    std::string replacement;
};

// The edits for the safe fixes among findings, with offsets shifted by base (e.g. the paragraph's
// position in a file); sorted by offset, overlapping ones dropped.
std::vector<Edit> safe_fix_edits(const std::vector<Finding>& findings, std::size_t base = 0);

// text with the edits applied.
std::string apply_edits(std::string_view text, const std::vector<Edit>& edits);

}  // namespace sanding
