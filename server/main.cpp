// sanding: the command line and (later) the server.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"

namespace {

constexpr const char* kUsage =
    "sanding — “三定”规定起草系统\n"
    "\n"
    "用法: sanding <命令> [选项]\n"
    "  render   用范本和机构信息生成讨论稿 .odt（GB/T 9704 版式）\n"
    "  check    检查草案（.odt 或 .txt）的表述、结构和编制，输出问题清单\n"
    "  rules    规则文件：test 运行示例，list 列出规则，export --prh 导出\n"
    "  boundaries 各机构草案之间的职责交叉和空白，生成职责边界协调会议材料\n"
    "  serve    启动服务器（草案、修订、审核、签发、收集）\n"
    "  admin    初始化数据库、管理用户、核验审计日志\n"
    "  verify   离线核验收集包（哈希和签名）\n"
    "\n"
    "每个命令的选项见 sanding <命令> --help。\n";

struct Command {
    const char* name;
    int (*run)(const std::vector<std::string>&);  // nullptr: in the server module
};
constexpr Command kCommands[] = {
    {"render", sanding::cli::cmd_render},
    {"check", sanding::cli::cmd_check},
    {"rules", sanding::cli::cmd_rules},
    {"boundaries", sanding::cli::cmd_boundaries},
    {"serve", nullptr},
    {"admin", nullptr},
    {"verify", nullptr},
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& c : kCommands) {
        if (std::strcmp(argv[1], c.name) != 0) continue;
        const int status = c.run ? sanding::cli::run_command(c.name, c.run, rest)
                                 : sanding::cli::run_server_command(c.name, rest);
#ifndef SANDING_SANITIZE
        // What the command kept to the end (a checked corpus) is left to the operating system:
        // the process ends here without freeing it. A sanitizer build frees it on return, so that
        // LeakSanitizer sees every allocation freed.
        if (sanding::cli::anything_kept()) {
            std::fflush(nullptr);
            std::_Exit(status);
        }
#endif
        return status;
    }
    std::fprintf(stderr, "sanding: 未知命令“%s”\n\n%s", argv[1], kUsage);
    return 2;
}
