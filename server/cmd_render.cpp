// sanding render: fill a body's model text with its facts and write the GB/T 9704 .odt.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli.hpp"
#include "commands.hpp"
#include "sanding/error.hpp"
#include "sanding/model_text.hpp"
#include "sanding/render.hpp"

namespace sanding::cli {
namespace {

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    // Write beside the target, then rename: a reader never sees half a document.
    auto tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error("io.cannot_write", "无法写入文件", tmp.string());
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw Error("io.write_failed", "写入文件失败", tmp.string());
    }
    std::filesystem::rename(tmp, path);
}

// The draft as .odt, or as plain text (one paragraph a line) when the name ends in .txt.
std::string rendered(const Regulation& reg, const std::filesystem::path& out) {
    if (out.extension() != ".txt") return render_odt(reg);
    std::string text;
    for (const auto& p : layout_document(reg).paragraphs) {
        for (char c : p.text) text += c == '\n' ? "" : std::string(1, c);  // the title's line break
        text += '\n';
    }
    return text;
}

}  // namespace

int cmd_render(const std::vector<std::string>& argv) {
    Args args =
        parse_args(argv, {"body", "framework", "templates", "output"}, {"all", "text", "help"});
    if (args.has("help")) {
        std::puts(
            "用法: sanding render --body ID [--framework FILE] [--templates DIR] -o "
            "FILE.odt|FILE.txt\n"
            "      sanding render --all [--text] [--framework FILE] [--templates DIR] -o DIR");
        return 0;
    }
    if (args.has("all") == args.has("body")) throw UsageError{"须指定 --body ID 或 --all 之一"};
    if (!args.has("output"))
        throw UsageError{"须用 -o 指定输出" + std::string(args.has("all") ? "目录" : "文件")};
    if (!args.positional.empty()) throw UsageError{"多余的参数：" + args.positional[0]};

    const Framework fw = load_framework(framework_path(args));
    const ModelTextLibrary lib = ModelTextLibrary::load_dir(templates_dir(args) + "/model-texts");
    const std::filesystem::path out = args.get("output");

    if (args.has("body")) {
        const BodyFacts* body = fw.find(args.get("body"));
        if (!body)
            throw Error("render.unknown_body", "框架中没有标识为“" + args.get("body") + "”的机构",
                        framework_path(args));
        write_bytes(out, rendered(fill_model_text(lib.for_kind(body->kind), fw, *body), out));
        std::printf("已生成 %s 草案：%s\n", body->name.c_str(), out.c_str());
        return 0;
    }
    std::filesystem::create_directories(out);
    const std::string ext = args.has("text") ? ".txt" : ".odt";
    for (const auto& body : fw.bodies) {
        const auto file = out / (body.id + ext);
        write_bytes(file, rendered(fill_model_text(lib.for_kind(body.kind), fw, body), file));
    }
    std::printf("已生成 %zu 份草案（%s%s%s）：%s/\n", fw.bodies.size(), fw.district.city.c_str(),
                fw.district.name.c_str(),
                fw.round.name.empty() ? "" : ("，" + fw.round.name).c_str(), out.c_str());
    return 0;
}

}  // namespace sanding::cli
