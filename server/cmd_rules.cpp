// sanding rules test|list|export: looking after the rule files.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "cli.hpp"
#include "commands.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"

namespace sanding::cli {
namespace {

std::vector<RuleSet> parse_files(const std::vector<std::string>& files) {
    std::vector<RuleSet> sets;
    sets.reserve(files.size());
    for (const auto& f : files) sets.push_back(parse_rule_set(read_file(f, 8u << 20), f));
    return sets;
}

// prh.yml for textlint-rule-prh: the literal phrase rules only (what prh can express).
std::string prh_yaml(const std::vector<RuleSet>& sets) {
    std::string out = "version: 1\nrules:\n";
    auto quote = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
        return q + "\"";
    };
    for (const auto& set : sets)
        for (const auto& r : set.rules)
            for (const auto& p : r.patterns) {
                if (p.regex || !p.before.empty() || !p.after.empty() || p.halfwidth) continue;
                const std::string expected = p.has_suggest           ? p.suggest
                                             : r.suggestions.empty() ? std::string()
                                                                     : r.suggestions[0];
                // prh escapes '-' as "\-", which its own /u regular expressions then refuse.
                if (expected.empty() || p.text.find_first_of(" \t-") != std::string::npos) continue;
                out += "  - expected: " + quote(expected) + "\n    pattern: " + quote(p.text) +
                       "\n    prh: " + quote(r.id) + "\n";
            }
    return out;
}

}  // namespace

std::vector<std::string> rule_files(const Args& args) {
    if (!args.has("rules")) return rule_files_in(templates_dir(args) + "/rules");
    std::vector<std::string> files;
    std::string list = args.get("rules");
    for (std::size_t start = 0; start <= list.size();) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        if (comma > start) files.push_back(list.substr(start, comma - start));
        start = comma + 1;
    }
    return files;
}

int cmd_rules(const std::vector<std::string>& argv) {
    Args args = parse_args(argv, {"rules", "framework", "templates", "output"},
                           {"untested", "prh", "help"});
    if (args.has("help") || args.positional.empty()) {
        std::puts(
            "用法: sanding rules test [FILE…]        运行规则文件中的全部示例\n"
            "      sanding rules list [ID…] [--untested]  "
            "列出规则（或所给编号的规则、没有示例的规则）\n"
            "                                         "
            "及其所在：规则文件和行，代码规则的源文件和函数\n"
            "      sanding rules export --prh [-o prh.yml]  导出字面规则供 textlint-rule-prh 使用");
        return args.has("help") ? 0 : 2;
    }
    const std::string verb = args.positional[0];
    std::vector<std::string> files, ids;
    for (auto it = args.positional.begin() + 1; it != args.positional.end(); ++it)
        // `rules list S06 N11` names rules; anything ending in .xml is a rule file.
        (verb == "list" && !it->ends_with(".xml") ? ids : files).push_back(*it);
    if (files.empty()) files = rule_files(args);

    if (verb == "test") {
        const Framework fw = load_framework(framework_path(args));
        Checker checker(parse_files(files));
        std::size_t examples = 0;
        for (const auto& r : checker.rules()) examples += r.examples.size();
        const auto failures = checker.example_failures(&fw);
        for (const auto& f : failures) std::printf("FAIL %s\n", f.c_str());
        std::printf("%zu 个规则文件，%zu 条规则，%zu 个示例：%zu 个通过，%zu 个未通过\n",
                    files.size(), checker.rules().size(), examples, examples - failures.size(),
                    failures.size());
        std::printf("%zu passed, %zu failed\n", examples - failures.size(), failures.size());
        return failures.empty() ? 0 : 1;
    }
    if (verb == "list") {
        const auto sets = parse_files(files);
        int shown = 0;
        std::set<std::string> unknown(ids.begin(), ids.end());
        for (const auto& set : sets)
            for (const auto& r : set.rules) {
                if (args.has("untested") && !r.examples.empty()) continue;
                if (!ids.empty() && std::find(ids.begin(), ids.end(), r.id) == ids.end()) continue;
                unknown.erase(r.id);
                // Where to change it: the rule file's line, and for a code rule its function.
                std::string where = r.file + ":" + std::to_string(r.line);
                if (auto src = code_rule_source(r.id))
                    where += "；代码 " + src->file + " " + src->function + "()";
                std::printf("%-4s %-7s %-11s %-4s %s｜%s\n     %s\n", r.id.c_str(),
                            std::string(to_string(r.severity)).c_str(),
                            std::string(to_string(r.category)).c_str(), r.code ? "code" : "text",
                            r.name.c_str(), r.message.c_str(), where.c_str());
                ++shown;
            }
        if (!unknown.empty()) throw UsageError{"没有编号为“" + *unknown.begin() + "”的规则"};
        if (!ids.empty()) return 0;
        if (args.has("untested")) {
            std::printf("没有示例的规则：%d 条\n", shown);
            return 0;
        }
        // How many rules each set holds (异形词 and 别字 lists are long: the count says so).
        for (const auto& set : sets) {
            std::size_t examples = 0;
            for (const auto& r : set.rules) examples += r.examples.size();
            std::printf("规则集 %s（%s）：%zu 条规则，%zu 个示例\n", set.name.c_str(),
                        set.id.c_str(), set.rules.size(), examples);
        }
        return 0;
    }
    if (verb == "export") {
        if (!args.has("prh")) throw UsageError{"export 目前只支持 --prh"};
        const std::string yaml = prh_yaml(parse_files(files));
        if (args.has("output")) {
            FILE* f = std::fopen(args.get("output").c_str(), "wb");
            if (!f) throw Error("io.cannot_write", "无法写入文件", args.get("output"));
            std::fwrite(yaml.data(), 1, yaml.size(), f);
            std::fclose(f);
        } else {
            std::fwrite(yaml.data(), 1, yaml.size(), stdout);
        }
        return 0;
    }
    throw UsageError{"未知的子命令“" + verb + "”（test、list 或 export）"};
}

}  // namespace sanding::cli
