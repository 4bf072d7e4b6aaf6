// Loads libsanding-server.so from beside the executable for the commands that need Poco, SQLite
// and libpq, so that the others start without them.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"

namespace sanding::cli {
int run_server_command(const char* name, const std::vector<std::string>& argv) {
    const std::string module = executable_dir() + "/libsanding-server.so";
    void* handle = ::dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        std::fprintf(stderr, "sanding %s: 错误: 无法加载服务器模块 %s：%s\n", name, module.c_str(),
                     ::dlerror());
        return 2;
    }
    using Entry = int (*)(const char*, const std::vector<std::string>*);
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "sanding_server_command"));
    if (!entry) {
        std::fprintf(stderr, "sanding %s: 错误: 服务器模块 %s 没有入口 sanding_server_command\n",
                     name, module.c_str());
        return 2;
    }
    return entry(name, &argv);  // the module stays loaded until the process ends
}

}  // namespace sanding::cli
