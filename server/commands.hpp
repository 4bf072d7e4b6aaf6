// The subcommands of `sanding`; each takes the arguments after its name and returns the exit
// status (0 done, 1 findings of error severity, 2 could not do it).
#pragma once

#include <string>
#include <vector>

namespace sanding::cli {

// In the executable.
int cmd_render(const std::vector<std::string>& argv);
int cmd_check(const std::vector<std::string>& argv);
int cmd_rules(const std::vector<std::string>& argv);
int cmd_boundaries(const std::vector<std::string>& argv);

// In libsanding-server.so (server_module.cpp loads it; module.cpp is its entry point).
int cmd_serve(const std::vector<std::string>& argv);
int cmd_admin(const std::vector<std::string>& argv);
int cmd_verify(const std::vector<std::string>& argv);
int cmd_boundaries_server(const std::vector<std::string>& argv);  // boundaries --server URL

// Runs serve, admin or verify from the server module beside the executable.
int run_server_command(const char* name, const std::vector<std::string>& argv);

struct Args;
// --rules a,b,c or every file of templates/rules/.
std::vector<std::string> rule_files(const Args& args);

}  // namespace sanding::cli
