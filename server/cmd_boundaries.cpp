// sanding boundaries: duty overlaps (交叉) and gaps (空白) across the drafts given.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli.hpp"
#include "commands.hpp"
#include "sanding/boundaries.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "sanding/framework.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text_input.hpp"

namespace sanding::cli {
namespace {

constexpr std::size_t kMaxDraftBytes = 16u << 20;

BoundaryDraft read_draft(const std::string& file, const Framework& framework) {
    const std::string bytes = read_file(file, kMaxDraftBytes);
    BoundaryDraft d;
    try {
        if (bytes.starts_with("PK\x03\x04") || std::filesystem::path(file).extension() == ".odt") {
            const Document doc = read_odt(bytes);
            d.regulation = recognize(doc);
        } else {
            const TextParagraphs paragraphs = text_paragraphs(bytes);
            d.regulation = recognize(paragraphs);
        }
    } catch (const Error& e) {
        throw Error(e.code(), e.message(), file);
    }
    const Body& b = d.regulation.body;
    for (const auto& facts : framework.bodies)
        if ((!b.full_name.empty() && facts.full_name == b.full_name) ||
            (!b.short_name.empty() && facts.short_name == b.short_name)) {
            d.body = facts.id;
            d.name = facts.name;
            d.aliases = {facts.full_name, facts.short_name};
        }
    if (d.body.empty()) d.body = std::filesystem::path(file).stem().string();
    if (d.name.empty())
        d.name = !b.short_name.empty() ? b.short_name : !b.full_name.empty() ? b.full_name : d.body;
    d.aliases.push_back(b.full_name);
    d.aliases.push_back(b.short_name);
    return d;
}

double parse_score(const std::string& s) {
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        if (used == s.size() && v >= 0 && v <= 1) return v;
    } catch (const std::exception&) {  // not a number (std::stod)
    }
    throw UsageError{"--min-score 须是 0 到 1 之间的数，而不是“" + s + "”"};
}

}  // namespace

int cmd_boundaries(const std::vector<std::string>& argv) {
    Args args = parse_args(argv,
                           {"framework", "catalogue", "format", "min-score", "templates", "server",
                            "paper", "user", "token"},
                           {"no-catalogue", "help"});
    if (args.has("help")) {
        std::puts(
            "用法: sanding boundaries FILE… [--format text|json] [--min-score S]\n"
            "                          [--framework F] [--catalogue F | --no-catalogue] [--paper "
            "OUT.odt]\n"
            "      sanding boundaries --server URL [--user NAME | --token T] [--format text|json] "
            "[--min-score S] [--paper OUT.odt]\n"
            "      （登录名也可用环境变量 SANDING_USER，密码用 "
            "SANDING_PASSWORD，否则在终端询问；令牌用 SANDING_TOKEN）\n"
            "职责目录默认为 templates/catalogue/ 下与编制职数框架同名的文件。\n"
            "找出各机构草案之间描述同一职责的条目（交叉）和无人承担的职责（空白）；\n"
            "--paper 另生成职责边界协调会议材料（.odt，GB/T 9704 版式）。\n"
            "退出状态：0 没有未解决的交叉，1 有未解决的交叉，2 无法分析");
        return 0;
    }
    // Over the server: its HTTP client lives in the server module, with the other networked
    // commands.
    if (args.has("server")) return run_server_command("boundaries", argv);
    if (args.has("user") || args.has("token"))
        throw UsageError{"--user 和 --token 只与 --server 一起使用"};
    if (args.positional.empty()) throw UsageError{"须指定至少一个草案文件"};
    const std::string format = args.get("format", "text");
    if (format != "text" && format != "json")
        throw UsageError{"--format 只能是 text 或 json，而不是“" + format + "”"};
    BoundaryOptions options;
    if (args.has("min-score")) options.min_score = parse_score(args.get("min-score"));

    const Framework framework = load_framework(framework_path(args));
    std::vector<BoundaryDraft> drafts;
    drafts.reserve(args.positional.size());
    for (const auto& file : args.positional) drafts.push_back(read_draft(file, framework));

    DutyCatalogue catalogue;
    bool have_catalogue = false;
    if (!args.has("no-catalogue")) {
        std::string path = args.get("catalogue");
        if (path.empty()) {
            // The catalogue beside the framework's file name: catalogue/demo-district.xml for
            // framework/demo-district.xml.
            const std::string fallback =
                templates_dir(args) + "/catalogue/" +
                std::filesystem::path(framework_path(args)).filename().string();
            if (std::filesystem::exists(fallback)) path = fallback;
        }
        if (!path.empty()) {
            catalogue = load_catalogue(path);
            have_catalogue = true;
        }
    }
    BoundaryReport report = find_boundaries(drafts, have_catalogue ? &catalogue : nullptr, options);
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& b : framework.bodies) names.emplace_back(b.id, b.name);
    fill_gap_names(report, names);
    if (args.has("paper")) {
        const std::string path = args.get("paper");
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        const std::string odt = meeting_paper_odt(report, "（" + framework.round.name + "）");
        out.write(odt.data(), static_cast<std::streamsize>(odt.size()));
        if (!out) throw Error("io.write_failed", "写入会议材料失败", path);
        std::fprintf(stderr, "已生成职责边界协调会议材料：%s\n", path.c_str());
    }
    const std::string out = format == "json" ? boundaries_json(report) : boundaries_text(report);
    std::fwrite(out.data(), 1, out.size(), stdout);
    for (const auto& o : report.overlaps)
        if (!o.resolved) return 1;
    return 0;
}

}  // namespace sanding::cli
