// Loads libsanding-server.so from beside the executable for the commands that need Poco, SQLite
// and libpq, so that the others start without them.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "commands.hpp"

namespace sanding::cli {
namespace {

std::string executable_dir() {
    std::string path(4096, '\0');
    const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size());
    if (n <= 0) return ".";
    path.resize(static_cast<std::size_t>(n));
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

}  // namespace

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
