// sanding check: findings for an .odt or a plain-text draft, like a compiler prints them.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string_view>

#include "build_id.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/fix.hpp"
#include "sanding/check/report.hpp"
#include "sanding/error.hpp"
#include "sanding/mapped_file.hpp"
#include "sanding/odf_fix.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/text_input.hpp"

namespace sanding::cli {
namespace {

constexpr std::size_t kMaxTextBytes = 32u
                                      << 20;  // a draft is kilobytes; a corpus of drafts, megabytes

bool looks_like_zip(std::string_view bytes) {
    return bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04") == 0;
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("io.cannot_write", "无法写入文件", path);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error("io.write_failed", "写入文件失败", path);
}

}  // namespace

int cmd_check(const std::vector<std::string>& argv) {
    Args args = parse_args(argv, {"framework", "body", "rules", "format", "output", "templates"},
                           {"fix", "help"});
    if (args.has("help")) {
        std::puts(
            "用法: sanding check FILE.odt|FILE.txt [--framework F] [--body ID] [--rules F[,F…]]\n"
            "                     [--format text|json] [--fix -o OUT]\n"
            "退出状态：0 没有错误级问题，1 有错误级问题，2 无法检查");
        return 0;
    }
    if (args.positional.size() != 1)
        throw UsageError{args.positional.empty() ? "须指定要检查的文件" : "只能检查一个文件"};
    const std::string format = args.get("format", "text");
    if (format != "text" && format != "json")
        throw UsageError{"--format 只能是 text 或 json，而不是“" + format + "”"};
    if (args.has("fix") != args.has("output")) throw UsageError{"--fix 与 -o OUT 须同时使用"};
    const std::string file = args.positional[0];

    const Framework framework = load_framework(framework_path(args));
    if (args.has("body") && !framework.find(args.get("body")))
        throw Error("check.unknown_body",
                    "编制职数框架中没有标识为“" + args.get("body") + "”的机构",
                    framework_path(args));
    // Kept to the process's end (see the end of this function).
    auto checker =
        std::make_unique<const Checker>(load_checker(rule_files(args), &framework, own_build_id()));

    const MappedFile mapped(file, kMaxTextBytes);  // errors name the file
    const std::string_view bytes = mapped.bytes();
    const bool odt = looks_like_zip(bytes) || std::filesystem::path(file).extension() == ".odt";
    // Plain text is read as views into the mapped file; an .odt's paragraphs are the document's.
    auto doc_owner = std::make_unique<Document>();
    auto views_owner = std::make_unique<ParagraphViews>();  // an .odt's paragraphs
    auto text_owner = std::make_unique<TextParagraphs>();   // a text's, in place
    ParagraphSpan paragraphs;
    std::vector<std::uint32_t> utf16_starts;  // where each line starts in UTF-16 units (text)
    try {
        if (odt) {
            *doc_owner = read_odt(std::string(bytes));
            *views_owner = views_of(*doc_owner);
            paragraphs = *views_owner;
        } else {
            *text_owner = text_paragraphs(bytes, &utf16_starts);
            paragraphs = *text_owner;
        }
    } catch (const Error& e) {
        throw Error(e.code(), e.message(), file);
    }

    auto result_owner =
        std::make_unique<CheckResult>(checker->check(paragraphs, {&framework, args.get("body")}));
    const CheckResult& result = *result_owner;
    ReportInput in{file, paragraphs, !odt, result.body ? result.body->id : std::string(),
                   odt ? std::string_view() : bytes};
    in.utf16_starts = utf16_starts;
    // A large JSON report comes in pieces, written one after another (not joined first).
    std::vector<std::string> report;
    if (format == "json")
        report = report_json_pieces(result.findings, in);
    else
        report.push_back(report_text(result.findings, in));
    for (const auto& piece : report) std::fwrite(piece.data(), 1, piece.size(), stdout);

    if (args.has("fix")) {
        const std::string out = args.get("output");
        std::size_t applied = 0;
        if (odt) {
            OdtFixResult fixed =
                apply_fixes_as_tracked_changes(std::string(bytes), result.findings);
            write_file(out, fixed.odt);
            applied = fixed.applied;
        } else {
            std::vector<Edit> edits;
            // Findings come in paragraph order: each paragraph's run of them at a time.
            for (std::size_t i = 0; i < result.findings.size();) {
                const int p = result.findings[i].paragraph;
                std::vector<Finding> mine;
                for (; i < result.findings.size() && result.findings[i].paragraph == p; ++i)
                    mine.push_back(result.findings[i]);
                for (auto& e :
                     safe_fix_edits(mine, paragraphs[static_cast<std::size_t>(p)].source_offset))
                    edits.push_back(std::move(e));
            }
            write_file(out, apply_edits(bytes, edits));
            applied = edits.size();
        }
        std::fprintf(stderr, "已自动修正 %zu 处%s，写入 %s\n", applied,
                     odt ? "（修订模式，可逐条接受或拒绝）" : "", out.c_str());
    }
    const int status = summarize(result.findings).errors > 0 ? 1 : 0;
    // Freeing the paragraphs, findings and compiled rules one by one costs ~7 ms of a 10 MB
    // corpus's check; the process ends when this returns.
    keep_until_exit(std::move(doc_owner));
    keep_until_exit(std::move(views_owner));
    keep_until_exit(std::move(text_owner));
    keep_until_exit(std::move(result_owner));
    keep_until_exit(std::move(checker));
    return status;
}

}  // namespace sanding::cli
