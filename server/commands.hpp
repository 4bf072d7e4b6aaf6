// The subcommands of `sanding`; each takes the arguments after its name and returns the exit
// status (0 done, 1 findings of error severity, 2 could not do it).
#pragma once

#include <string>
#include <vector>

namespace sanding::cli {

int cmd_render(const std::vector<std::string>& argv);

}  // namespace sanding::cli
