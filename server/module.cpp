// libsanding-server.so's one exported function: the executable calls it for serve, admin and
// verify (see server_module.cpp).
#include <cstring>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"

extern "C" __attribute__((visibility("default"))) int sanding_server_command(
    const char* name, const std::vector<std::string>* argv) {
    using namespace sanding::cli;
    if (!std::strcmp(name, "serve")) return run_command(name, cmd_serve, *argv);
    if (!std::strcmp(name, "admin")) return run_command(name, cmd_admin, *argv);
    if (!std::strcmp(name, "verify")) return run_command(name, cmd_verify, *argv);
    if (!std::strcmp(name, "boundaries")) return run_command(name, cmd_boundaries_server, *argv);
    return 2;
}
