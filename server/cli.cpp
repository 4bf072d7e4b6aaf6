#include "cli.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "sanding/error.hpp"

namespace sanding::cli {

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& value_options,
                const std::vector<std::string>& flag_options) {
    Args args;
    auto known = [](const std::vector<std::string>& list, const std::string& n) {
        return std::find(list.begin(), list.end(), n) != list.end();
    };
    for (std::size_t i = 0; i < argv.size(); ++i) {
        std::string a = argv[i];
        if (a == "-o") a = "--output";
        if (a.rfind("--", 0) != 0 || a == "--") {
            args.positional.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        bool inline_value = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1), name = name.substr(0, eq), inline_value = true;
        }
        if (known(flag_options, name)) {
            if (inline_value) throw UsageError{"选项 --" + name + " 不带参数"};
            args.options[name] = "1";
        } else if (known(value_options, name)) {
            if (!inline_value) {
                if (i + 1 >= argv.size()) throw UsageError{"选项 --" + name + " 缺少参数"};
                value = argv[++i];
            }
            args.options[name] = value;
        } else {
            throw UsageError{"未知选项 --" + name};
        }
    }
    return args;
}

std::string executable_dir() {
    std::string path(4096, '\0');
    const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size());
    if (n <= 0) return ".";
    path.resize(static_cast<std::size_t>(n));
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string templates_dir(const Args& args) {
    if (args.has("templates")) return args.get("templates");
    if (const char* env = std::getenv("SANDING_TEMPLATES"); env && *env) return env;
    // Installed: PREFIX/lib/sanding/sanding with PREFIX/share/sanding/templates; or a copy beside
    // it.
    const std::string here = executable_dir();
    for (const std::string& candidate :
         {here + "/../../share/sanding/templates", here + "/../share/sanding/templates",
          here + "/templates"}) {
        struct stat st {};
        if (::stat((candidate + "/framework").c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            return candidate;
    }
    return SANDING_TEMPLATES_DIR;  // the source tree this build came from
}

int run_command(const char* name, int (*run)(const std::vector<std::string>&),
                const std::vector<std::string>& args) {
    try {
        return run(args);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "sanding %s: %s\n（sanding %s --help 查看用法）\n", name, e.what(),
                     name);
    } catch (const Error& e) {
        std::fprintf(stderr, "sanding %s: 错误: %s\n", name, e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sanding %s: 错误: %s\n", name, e.what());
    }
    return 2;
}

std::string framework_path(const Args& args) {
    return args.has("framework") ? args.get("framework")
                                 : templates_dir(args) + "/framework/demo-district.xml";
}

namespace {
std::vector<std::shared_ptr<const void>>& kept() {
    static std::vector<std::shared_ptr<const void>> objects;
    return objects;
}
}  // namespace

void keep_until_exit(std::shared_ptr<const void> object) {
    kept().push_back(std::move(object));
}

bool anything_kept() {
    return !kept().empty();
}

}  // namespace sanding::cli
