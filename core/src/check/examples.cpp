// Loading rule sets: every rule's examples run as tests at load (a set whose example fails is
// refused whole), skipped when the same rules, framework and build passed before.
#include <algorithm>
#include <filesystem>

#include "code_rules.hpp"
#include "examples_cache.hpp"
#include "findings.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/fix.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "scopes.hpp"

namespace sanding {

std::string Checker::example_failure(const Rule& rule, const RuleExample& ex,
                                     const Framework* fw) const {
    std::vector<Finding> found;
    Document doc;
    for (const auto& p : ex.paragraphs) doc.paragraphs.push_back({p});
    // A phrasing rule's example of several paragraphs is a draft: checked whole, so the rule sees
    // the scopes and the body the draft gives it (local-only rules, a central body's draft).
    if (rule.code || ex.paragraphs.size() > 1) {
        bool paragraph_level = false;
        for (const auto& pr : paragraph_rules()) paragraph_level |= rule.id == pr.id;
        if (paragraph_level && ex.paragraphs.size() == 1) {
            paragraph_rule_findings(enabled_paragraph_rules([&](std::string_view id) {
                                        return id == rule.id ? &rule : nullptr;
                                    }),
                                    ex.paragraphs[0], 0,
                                    rule.scopes | guess_scopes(ex.paragraphs[0]), found);
        } else {
            if (!ex.body.empty() && !fw) return {};  // needs the framework, which is not loaded
            CheckOptions opt{fw, ex.body};
            for (auto& f : check(doc, opt).findings)
                if (f.rule == rule.id) found.push_back(std::move(f));
        }
    } else {
        const int index = static_cast<int>(&rule - rules_.data());
        for (std::size_t p = 0; p < ex.paragraphs.size(); ++p) {
            std::vector<RawMatch> raw;
            matcher_->scan(ex.paragraphs[p], raw);
            phrase_findings(raw, rules_, ex.paragraphs[p], static_cast<int>(p),
                            rule.scopes | kScopeText, nullptr, index, found);
        }
        fit_scope_words(
            fw ? fw->district.level : std::string("区"),
            [&](int p) { return std::string_view(ex.paragraphs[p]); }, found);
    }
    auto quote = [&] {
        std::string all;
        for (const auto& p : ex.paragraphs) all += (all.empty() ? "" : "⏎") + p;
        return "“" + all + "”";
    };
    if (!ex.must_match) {
        if (found.empty()) return {};
        const auto& f = found.front();
        return "反例 " + quote() + " 被误报：第 " + std::to_string(f.paragraph + 1) + " 段“" +
               ex.paragraphs[f.paragraph].substr(f.offset_utf8, f.length_utf8) + "”";
    }
    if (found.empty()) return "示例 " + quote() + " 未被检出";
    if (ex.mark_paragraph >= 0) {
        bool hit = std::any_of(found.begin(), found.end(), [&](const Finding& f) {
            return f.paragraph == ex.mark_paragraph && f.offset_utf8 == ex.mark_offset &&
                   f.length_utf8 == ex.mark_length;
        });
        if (!hit) {
            const auto& f = found.front();
            return "示例 " + quote() + " 标记的是“" +
                   ex.paragraphs[ex.mark_paragraph].substr(ex.mark_offset, ex.mark_length) +
                   "”，实际检出“" +
                   ex.paragraphs[f.paragraph].substr(f.offset_utf8, f.length_utf8) + "”";
        }
    }
    if (ex.has_fix) {
        const int p = ex.mark_paragraph >= 0 ? ex.mark_paragraph : 0;
        std::vector<Finding> mine;
        for (const auto& f : found)
            if (f.paragraph == p) mine.push_back(f);
        std::string fixed = apply_edits(ex.paragraphs[p], safe_fix_edits(mine));
        if (fixed != ex.fix)
            return "示例 " + quote() + " 自动修正后为“" + fixed + "”，应为“" + ex.fix + "”";
    }
    return {};
}

std::vector<std::string> Checker::example_failures(const Framework* fw) const {
    std::vector<std::string> out;
    for (const auto& r : rules_)
        for (const auto& ex : r.examples)
            if (std::string why = example_failure(r, ex, fw); !why.empty())
                out.push_back(r.file + ":" + std::to_string(ex.line) + ": 规则 " + r.id + ": " +
                              why);
    return out;
}

void Checker::verify_examples(const Framework* fw) const {
    for (const auto& r : rules_)
        for (const auto& ex : r.examples)
            if (std::string why = example_failure(r, ex, fw); !why.empty())
                throw Error("rules.example_failed",
                            "规则 " + r.id + " 的示例未通过，整个规则集被拒绝：" + why,
                            r.file + ":" + std::to_string(ex.line));
}

std::vector<std::string> rule_files_in(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error("rules.no_dir", "规则目录不存在", dir);
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".xml") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

Checker load_checker(const std::vector<std::string>& rule_files, const Framework* framework,
                     std::string_view code_id) {
    std::vector<std::string> files_bytes;
    files_bytes.reserve(rule_files.size());
    for (const auto& f : rule_files) files_bytes.push_back(read_file(f, 8u << 20));
    // The same rules, framework and build passed before: the examples would pass again, and
    // are not even read (they are a third of what parsing the rules costs).
    const std::string key = examples_key(files_bytes, framework, code_id);
    const bool passed = examples_passed_before(key);
    std::vector<RuleSet> sets;
    for (std::size_t k = 0; k < rule_files.size(); ++k)
        sets.push_back(parse_rule_set(files_bytes[k], rule_files[k], !passed));
    Checker checker(std::move(sets));
    if (!passed) {
        checker.verify_examples(framework);
        remember_examples_passed(key);
    }
    return checker;
}

}  // namespace sanding
