// Safe fixes applied to an .odt as tracked changes (修订), so that the drafter sees each one in
// Writer and can accept or reject it. Everything else in the package is kept as it was.
#pragma once

#include <string>
#include <vector>

#include "sanding/check/finding.hpp"

namespace sanding {

struct OdtFixResult {
    std::string odt;
    std::size_t applied = 0;  // fixes written as tracked changes
    std::size_t skipped =
        0;  // safe fixes whose text spans several XML nodes (left for the drafter)
};

// findings: as Checker::check returned them for this very file (paragraph offsets).
OdtFixResult apply_fixes_as_tracked_changes(const std::string& odt_bytes,
                                            const std::vector<Finding>& findings,
                                            const std::string& author = "sanding");

}  // namespace sanding
