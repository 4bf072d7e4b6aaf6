// Rule files as their authors write them: what a well-formed set gives, and how a broken one is
// refused, naming the rule, the file and line, and what went wrong.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/rule.hpp"
#include "sanding/error.hpp"

using namespace sanding;

namespace {

// A rule set around the given rules; the first rule starts on line 3.
std::string rule_set(const std::string& rules, const std::string& id = "test") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<rule-set xmlns=\"urn:sanding:rules:1\" id=\"" +
           id + "\" version=\"1\" name=\"测试规则\">\n" + rules + "</rule-set>\n";
}

// W99, a copy of W01; its examples on lines 7 and 8. `extra` goes before </rule> (line 9 on).
std::string w99(
    const std::string& example =
        "<example fix=\"完成交办的其他任务。\">完成交办的<mark>其它</mark>任务。</example>",
    const std::string& extra = "") {
    return "  <rule id=\"W99\" name=\"测试规则\" severity=\"error\" category=\"wording\" "
           "scope=\"text\" "
           "safe-fix=\"true\">\n"
           "    <pattern>其它</pattern>\n"
           "    <suggest>其他</suggest>\n"
           "    <message>“其它”应写作“其他”。</message>\n" +
           ("    " + example + "\n") +
           "    <counter-example>完成交办的其他任务。</counter-example>\n" + extra + "  </rule>\n";
}

Checker checker_of(const std::string& xml, const std::string& where = "test.xml") {
    std::vector<RuleSet> sets;
    sets.push_back(parse_rule_set(xml, where));
    return Checker(std::move(sets));
}

// Where the findings of one paragraph start, in bytes.
std::vector<std::size_t> finding_starts(const Checker& c, const std::string& text) {
    std::vector<std::size_t> at;
    for (const auto& f : c.check_paragraph(text)) at.push_back(f.offset_utf8);
    return at;
}

// Runs f, expecting Error `code`; returns it for further checks.
Error expect_error(const std::function<void()>& f, const std::string& code) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        return e;
    }
    ADD_FAILURE() << "no error, expected " << code;
    return Error("none", "");
}

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

}  // namespace

TEST(RuleSet, AWellFormedSetParsesWithItsRulesAndExamples) {
    const RuleSet set = parse_rule_set(rule_set(w99()), "test.xml");
    EXPECT_EQ(set.id, "test");
    EXPECT_EQ(set.name, "测试规则");
    EXPECT_EQ(set.version, "1");
    ASSERT_EQ(set.rules.size(), 1u);
    const Rule& r = set.rules[0];
    EXPECT_EQ(r.id, "W99");
    EXPECT_EQ(r.severity, Severity::Error);
    EXPECT_EQ(r.category, Category::Wording);
    EXPECT_EQ(r.scopes, ScopeSet(kScopeText));
    EXPECT_TRUE(r.safe_fix);
    EXPECT_FALSE(r.code);
    ASSERT_EQ(r.patterns.size(), 1u);
    EXPECT_EQ(r.patterns[0].text, "其它");
    EXPECT_FALSE(r.patterns[0].regex);
    EXPECT_EQ(r.suggestions, (std::vector<std::string>{"其他"}));
    EXPECT_EQ(r.message, "“其它”应写作“其他”。");
    EXPECT_EQ(r.file, "test.xml");
    EXPECT_EQ(r.line, 3);
    ASSERT_EQ(r.examples.size(), 2u);
    const RuleExample& ex = r.examples[0];
    EXPECT_TRUE(ex.must_match);
    EXPECT_EQ(ex.paragraphs, (std::vector<std::string>{"完成交办的其它任务。"}));
    EXPECT_EQ(ex.mark_paragraph, 0);
    EXPECT_EQ(ex.mark_offset, 15u);
    EXPECT_EQ(ex.mark_length, 6u);
    EXPECT_TRUE(ex.has_fix);
    EXPECT_EQ(ex.fix, "完成交办的其他任务。");
    EXPECT_EQ(ex.line, 7);
    EXPECT_FALSE(r.examples[1].must_match);
    EXPECT_EQ(r.examples[1].line, 8);

    const Checker c = checker_of(rule_set(w99()));
    EXPECT_NO_THROW(c.verify_examples(nullptr));
    EXPECT_TRUE(c.example_failures(nullptr).empty());
    const auto fs = c.check_paragraph("完成交办的其它任务。");
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].rule, "W99");
    EXPECT_EQ(fs[0].offset_utf8, 15u);
}

TEST(RuleSet, ScopesContextsExceptionsAndTransformsAreRead) {
    const std::string xml = rule_set(
        "  <rule id=\"D99\" name=\"测试规则\" severity=\"info\" category=\"numbering\" "
        "scope=\"duty-items  "
        "unit-items\">\n"
        "    <pattern before=\"[0-9]\" after=\"名\" suggest=\"x\">个</pattern>\n"
        "    <pattern regex=\"true\" transform=\"halfwidth\">[０-９]+</pattern>\n"
        "    <exception>一个</exception>\n"
        "    <message>测试</message>\n"
        "    <example><p>（一）共<mark>３</mark>名。</p></example>\n"
        "  </rule>\n");
    const RuleSet set = parse_rule_set(xml, "s.xml");
    const Rule& r = set.rules.at(0);
    EXPECT_EQ(r.scopes, ScopeSet(kScopeDutyItems | kScopeUnitItems));
    EXPECT_EQ(r.severity, Severity::Info);
    EXPECT_EQ(r.category, Category::Numbering);
    ASSERT_EQ(r.patterns.size(), 2u);
    EXPECT_EQ(r.patterns[0].before, "[0-9]");
    EXPECT_EQ(r.patterns[0].after, "名");
    EXPECT_TRUE(r.patterns[0].has_suggest);
    EXPECT_EQ(r.patterns[0].suggest, "x");
    EXPECT_TRUE(r.patterns[1].regex);
    EXPECT_TRUE(r.patterns[1].halfwidth);
    ASSERT_EQ(r.exceptions.size(), 1u);
    EXPECT_EQ(r.exceptions[0].text, "一个");
    EXPECT_EQ(r.examples.at(0).paragraphs, (std::vector<std::string>{"（一）共３名。"}));
}

// A literal's after-context of any length made of narrow classes is part of the one scan (as a
// filter on paragraphs); every place the literal stands before it is found, however long the
// context runs, and one that does not hold is not.
TEST(RuleSet, LongAfterContextsFindEveryMatch) {
    const Checker c =
        checker_of(rule_set("  <rule id=\"X99\" name=\"测试规则\" severity=\"warning\" "
                            "category=\"wording\" scope=\"text\">\n"
                            "    <pattern after=\"[甲乙]+丙\">甲</pattern>\n"
                            "    <message>测试</message>\n"
                            "  </rule>\n"));
    auto starts = [&](const std::string& text) { return finding_starts(c, text); };
    EXPECT_EQ(starts("甲甲乙丙"),
              (std::vector<std::size_t>{0, 3}));  // both 甲 stand before 甲乙丙 / 乙丙
    EXPECT_EQ(starts("甲乙丁丙。甲乙丙"), (std::vector<std::size_t>{15}));
    std::string long_context = "前甲";
    for (int k = 0; k < 200; ++k) long_context += "乙";  // 600 bytes of context
    EXPECT_EQ(starts(long_context + "丙"), (std::vector<std::size_t>{3}));
    EXPECT_TRUE(starts(long_context + "丁").empty());
    // Many matches in one paragraph: each found once, at its place.
    std::string many;
    std::vector<std::size_t> expected;
    for (int k = 0; k < 40; ++k) {
        expected.push_back(many.size());
        many += "甲乙丙，";
    }
    EXPECT_EQ(starts(many), expected);
}

// A regex with a prefilter runs only on paragraphs where the prefilter is found, and there finds
// every match at its own place; ^ still means the paragraph's start. A prefilter that some
// match lacks loses that match, which the rule's examples then show.
TEST(RuleSet, APrefilteredRegexIsFoundWhereverItsPrefilterIs) {
    const Checker c = checker_of(
        rule_set("  <rule id=\"X98\" name=\"测试规则\" severity=\"warning\" category=\"numbering\" "
                 "scope=\"text\">\n"
                 "    <pattern regex=\"true\" prefilter=\"号\">[0-9]+号</pattern>\n"
                 "    <pattern regex=\"true\" prefilter=\"[0-9]\\)\">^[0-9]+\\)</pattern>\n"
                 "    <pattern prefilter=\"及其他\">及其他相关工作</pattern>\n"
                 "    <message>测试</message>\n"
                 "  </rule>\n"));
    auto starts = [&](const std::string& text) { return finding_starts(c, text); };
    EXPECT_EQ(starts("第12号和第3号"), (std::vector<std::size_t>{3, 14}));
    EXPECT_TRUE(starts("编号和号码").empty());  // the prefilter alone
    EXPECT_EQ(starts("12)条目"), (std::vector<std::size_t>{0}));
    EXPECT_TRUE(starts("条目12)").empty());
    EXPECT_EQ(starts("负责登记及其他相关工作，及其他相关工作。"),
              (std::vector<std::size_t>{12, 36}));
    EXPECT_TRUE(starts("负责相关工作及其他事项。").empty());
    const auto findings = c.check_paragraph("第12号");
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].length_utf8, 5u);  // 12号, not the prefilter's 号

    const Checker wrong =
        checker_of(rule_set("  <rule id=\"X97\" name=\"测试规则\" severity=\"warning\" "
                            "category=\"numbering\" scope=\"text\">\n"
                            "    <pattern regex=\"true\" prefilter=\"甲\">[0-9]+号</pattern>\n"
                            "    <message>测试</message>\n"
                            "    <example>第<mark>12号</mark></example>\n"
                            "  </rule>\n"));
    const auto failures = wrong.example_failures(nullptr);
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_TRUE(has(failures[0], "未被检出")) << failures[0];
}

// An exception covers a match when it starts before it and ends at or after its end: a bounded
// one is looked for as far back as its longest match reaches, an unbounded one up to 256 bytes.
TEST(RuleSet, ExceptionsStartingBeforeTheMatchCoverIt) {
    const Checker c =
        checker_of(rule_set("  <rule id=\"X98\" name=\"测试规则\" severity=\"warning\" "
                            "category=\"wording\" scope=\"text\">\n"
                            "    <pattern>丙</pattern>\n"
                            "    <exception>甲乙乙乙乙乙丙</exception>\n"
                            "    <message>测试</message>\n"
                            "  </rule>\n"
                            "  <rule id=\"X97\" name=\"测试规则\" severity=\"warning\" "
                            "category=\"wording\" scope=\"text\">\n"
                            "    <pattern>丁</pattern>\n"
                            "    <exception regex=\"true\">《[^》]*丁[^》]*》</exception>\n"
                            "    <message>测试</message>\n"
                            "  </rule>\n"));
    auto starts = [&](const std::string& text) { return finding_starts(c, text); };
    EXPECT_TRUE(starts("前甲乙乙乙乙乙丙后").empty());  // the bounded exception, 18 bytes back
    EXPECT_EQ(starts("前甲乙乙乙乙丙后"), (std::vector<std::size_t>{18}));  // four 乙: not it
    // The exception ends before the second 丙: that one is reported.
    EXPECT_EQ(starts("甲乙乙乙乙乙丙丙"), (std::vector<std::size_t>{21}));
    std::string title = "见《";
    for (int k = 0; k < 60; ++k) title += "乙";   // 180 bytes back
    EXPECT_TRUE(starts(title + "丁》").empty());  // the unbounded one
    // 《丁》 covers its own 丁 only; the first 丁 stands before it.
    EXPECT_EQ(starts("见丁《丁》"), (std::vector<std::size_t>{3}));
    // An unbounded exception is looked for up to 256 bytes back: one starting 300 bytes back is not
    // seen.
    std::string far = "见《";
    for (int k = 0; k < 100; ++k) far += "乙";
    EXPECT_EQ(starts(far + "丁》"), (std::vector<std::size_t>{far.size()}));
}

TEST(RuleSetRefused, UnknownElementInARule) {
    const std::string xml = rule_set(
        w99("<example>完成交办的<mark>其它</mark>任务。</example>", "    <frobnicate/>\n"));
    const Error e = expect_error([&] { parse_rule_set(xml, "test.xml"); }, "rules.invalid");
    EXPECT_TRUE(has(e.message(), "<frobnicate>")) << e.message();
    EXPECT_TRUE(has(e.message(), "W99")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:9");
    EXPECT_TRUE(has(e.what(), "test.xml:9: ")) << e.what();
}

TEST(RuleSetRefused, UnknownElementInTheSet) {
    const std::string xml = rule_set(w99() + "  <rules/>\n");
    const Error e = expect_error([&] { parse_rule_set(xml, "test.xml"); }, "rules.invalid");
    EXPECT_TRUE(has(e.message(), "<rules>")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:10");
}

TEST(RuleSetRefused, BrokenRegexNamesTheRule) {
    const std::string xml = rule_set(
        "  <rule id=\"W98\" name=\"测试规则\" severity=\"warning\" category=\"wording\">\n"
        "    <pattern regex=\"true\">(unclosed</pattern>\n"
        "    <message>测试</message>\n"
        "  </rule>\n");
    EXPECT_NO_THROW(parse_rule_set(xml, "test.xml"));  // the pattern is compiled by the checker
    const Error e = expect_error([&] { checker_of(xml); }, "rules.bad_pattern");
    EXPECT_TRUE(has(e.message(), "W98")) << e.message();
    EXPECT_TRUE(has(e.message(), "(unclosed")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:3");
}

TEST(RuleSetRefused, BrokenContextRegexNamesTheRule) {
    const std::string xml = rule_set(
        "  <rule id=\"W97\" name=\"测试规则\" severity=\"warning\" category=\"wording\">\n"
        "    <pattern after=\"[0-9\">截止</pattern>\n"
        "    <message>测试</message>\n"
        "  </rule>\n");
    const Error e = expect_error([&] { checker_of(xml); }, "rules.bad_pattern");
    EXPECT_TRUE(has(e.message(), "W97")) << e.message();
    EXPECT_TRUE(has(e.message(), "[0-9")) << e.message();  // the broken context
    EXPECT_EQ(e.where(), "test.xml:3");
}

TEST(RuleSetRefused, ExampleThatIsNotFlagged) {
    const Checker c = checker_of(rule_set(w99("<example>完成交办的其他任务。</example>")));
    const Error e = expect_error([&] { c.verify_examples(nullptr); }, "rules.example_failed");
    EXPECT_TRUE(has(e.message(), "规则 W99")) << e.message();
    EXPECT_TRUE(has(e.message(), "示例 “完成交办的其他任务。” 未被检出")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:7");
    EXPECT_TRUE(has(e.what(), "test.xml:7: ")) << e.what();
}

TEST(RuleSetRefused, CounterExampleThatIsFlagged) {
    const std::string rules = w99("<example>完成交办的<mark>其它</mark>任务。</example>",
                                  "    <counter-example>负责其它工作。</counter-example>\n");
    const Checker c = checker_of(rule_set(rules));
    const Error e = expect_error([&] { c.verify_examples(nullptr); }, "rules.example_failed");
    EXPECT_TRUE(has(e.message(), "W99")) << e.message();
    EXPECT_TRUE(has(e.message(), "反例 “负责其它工作。” 被误报：第 1 段“其它”")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:9");
}

TEST(RuleSetRefused, ExampleWhoseMarkDiffersFromTheFoundSpan) {
    const Checker c =
        checker_of(rule_set(w99("<example>完成交办的<mark>其它任</mark>务。</example>")));
    const Error e = expect_error([&] { c.verify_examples(nullptr); }, "rules.example_failed");
    EXPECT_TRUE(has(e.message(), "W99")) << e.message();
    EXPECT_TRUE(has(e.message(), "标记的是“其它任”，实际检出“其它”")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:7");
}

TEST(RuleSetRefused, ExampleWhoseFixDiffers) {
    const Checker c = checker_of(rule_set(
        w99("<example fix=\"完成交办的其余任务。\">完成交办的<mark>其它</mark>任务。</example>")));
    const Error e = expect_error([&] { c.verify_examples(nullptr); }, "rules.example_failed");
    EXPECT_TRUE(has(e.message(), "W99")) << e.message();
    EXPECT_TRUE(has(e.message(), "自动修正后为“完成交办的其他任务。”，应为“完成交办的其余任务。”"))
        << e.message();
    EXPECT_EQ(e.where(), "test.xml:7");
}

TEST(RuleSetRefused, LoadingAFileWithAFailingExampleRefusesTheWholeSet) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("sanding-rule-set-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    const std::string file = (dir / "bad.xml").string();
    std::ofstream(file, std::ios::binary)
        << rule_set(w99("<example>完成交办的其他任务。</example>"));
    EXPECT_EQ(rule_files_in(dir.string()), std::vector<std::string>{file});
    const Error e = expect_error([&] { load_checker({file}, nullptr); }, "rules.example_failed");
    EXPECT_EQ(e.where(), file + ":7");
    EXPECT_TRUE(has(e.message(), "整个规则集被拒绝")) << e.message();
    fs::remove_all(dir);
    expect_error([&] { rule_files_in(dir.string()); }, "rules.no_dir");
}

// A command-line check loads the rules every time; examples that passed for the same rule files,
// framework and build are not read or run again. An edit that breaks an example is refused all
// the same.
TEST(RuleSetLoaded, PassingExamplesAreRememberedAndAFailingEditIsStillRefused) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("sanding-examples-test-" + std::to_string(std::random_device{}()));
    const fs::path cache = dir / "cache";
    fs::create_directories(dir);
    const char* old_cache = std::getenv("SANDING_CACHE_DIR");
    const std::string saved = old_cache ? old_cache : "";
    setenv("SANDING_CACHE_DIR", cache.c_str(), 1);
    auto remembered = [&] {
        std::vector<std::string> found;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(cache, ec))
            if (e.path().filename().string().rfind("examples-", 0) == 0)
                found.push_back(e.path().string());
        return found;
    };
    const std::string file = (dir / "rules.xml").string();
    std::ofstream(file, std::ios::binary) << rule_set(w99());
    const std::string kCodeId = "test-build-1";  // as the program's build id

    EXPECT_FALSE(load_checker({file}, nullptr, kCodeId).rules()[0].examples.empty());
    ASSERT_EQ(remembered().size(), 1u);
    std::ifstream in(remembered()[0], std::ios::binary);
    const std::string stored((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    EXPECT_TRUE(has(stored, rule_set(w99()))) << "the key holds the rule file's bytes";
    // Found: the examples are not even read again.
    EXPECT_TRUE(load_checker({file}, nullptr, kCodeId).rules()[0].examples.empty());
    EXPECT_EQ(remembered().size(), 1u) << "a second load with the same rules finds the pass";

    // The same rules against a framework are another key.
    const Framework& fw = test::demo();
    EXPECT_NO_THROW(load_checker({file}, &fw, kCodeId));
    EXPECT_EQ(remembered().size(), 2u);
    // Another build of the code is another key; without a code id nothing is remembered.
    EXPECT_FALSE(load_checker({file}, nullptr, "test-build-2").rules()[0].examples.empty());
    EXPECT_EQ(remembered().size(), 3u);
    EXPECT_FALSE(load_checker({file}, nullptr).rules()[0].examples.empty());
    EXPECT_EQ(remembered().size(), 3u);

    // The file edited so that its example fails: refused, and nothing more remembered.
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        << rule_set(w99("<example>完成交办的其他任务。</example>"));
    const Error e =
        expect_error([&] { load_checker({file}, nullptr, kCodeId); }, "rules.example_failed");
    EXPECT_EQ(e.where(), file + ":7");
    EXPECT_EQ(remembered().size(), 3u);

    if (old_cache)
        setenv("SANDING_CACHE_DIR", saved.c_str(), 1);
    else
        unsetenv("SANDING_CACHE_DIR");
    fs::remove_all(dir);
}

TEST(RuleSetRefused, CodeRuleTheProgramDoesNotImplement) {
    const std::string xml = rule_set(
        "  <rule id=\"Z99\" name=\"测试规则\" severity=\"error\" category=\"structure\" "
        "check=\"code\">\n"
        "    <message>不存在的规则：{detail}</message>\n"
        "  </rule>\n");
    const Error e = expect_error([&] { checker_of(xml); }, "rules.unknown_code_rule");
    EXPECT_TRUE(has(e.message(), "Z99")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:3");
}

TEST(RuleSetRefused, CodeRuleWithAPattern) {
    const std::string xml = rule_set(
        "  <rule id=\"S03\" name=\"测试规则\" severity=\"error\" category=\"structure\" "
        "check=\"code\">\n"
        "    <pattern>第</pattern>\n"
        "    <message>测试</message>\n"
        "  </rule>\n");
    const Error e = expect_error([&] { parse_rule_set(xml, "test.xml"); }, "rules.invalid");
    EXPECT_TRUE(has(e.message(), "S03")) << e.message();
}

TEST(RuleSetRefused, SameIdInTwoSets) {
    std::vector<RuleSet> sets;
    sets.push_back(parse_rule_set(rule_set(w99(), "one"), "one.xml"));
    sets.push_back(parse_rule_set(rule_set(w99(), "two"), "two.xml"));
    const Error e = expect_error([&] { Checker c(std::move(sets)); }, "rules.duplicate");
    EXPECT_TRUE(has(e.message(), "W99")) << e.message();
    EXPECT_EQ(e.where(), "two.xml:3");
}

TEST(RuleSetRefused, SameIdTwiceInOneSet) {
    const Error e =
        expect_error([] { parse_rule_set(rule_set(w99() + w99()), "test.xml"); }, "rules.invalid");
    EXPECT_TRUE(has(e.message(), "W99")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:10");
}

TEST(RuleSetRefused, Doctype) {
    const std::string xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rule-set [<!ENTITY x \"其它\">]>\n" +
        rule_set(w99()).substr(std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").size());
    const Error e = expect_error([&] { parse_rule_set(xml, "test.xml"); }, "rules.doctype");
    EXPECT_EQ(e.where(), "test.xml:2");
}

TEST(RuleSetRefused, UnknownScopeNamesTheToken) {
    std::string rules = w99();
    rules.replace(rules.find("scope=\"text\""), 12, "scope=\"duty-items everywhere\"");
    const Error e =
        expect_error([&] { parse_rule_set(rule_set(rules), "test.xml"); }, "rules.invalid");
    EXPECT_TRUE(has(e.message(), "W99")) << e.message();
    EXPECT_TRUE(has(e.message(), "“everywhere”")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:3");

    ScopeSet s = 0;
    std::string bad;
    EXPECT_FALSE(parse_scopes("units  nowhere", s, &bad));
    EXPECT_EQ(bad, "nowhere");
    EXPECT_TRUE(parse_scopes("", s, &bad));
    EXPECT_EQ(s, ScopeSet(kScopeText));
}

TEST(RuleSetRefused, SafeFixWithoutSuggestion) {
    const std::string xml = rule_set(
        "  <rule id=\"W96\" name=\"测试规则\" severity=\"warning\" category=\"wording\" "
        "safe-fix=\"true\">\n"
        "    <pattern>其它</pattern>\n"
        "    <message>测试</message>\n"
        "  </rule>\n");
    const Error e = expect_error([&] { parse_rule_set(xml, "test.xml"); }, "rules.invalid");
    EXPECT_TRUE(has(e.message(), "W96")) << e.message();
    EXPECT_TRUE(has(e.message(), "<suggest>")) << e.message();
    EXPECT_EQ(e.where(), "test.xml:3");

    // A suggestion on the pattern, or one computed from the match, is enough.
    std::string ok = xml;
    ok.replace(ok.find("<pattern>"), 9, "<pattern suggest=\"其他\">");
    EXPECT_NO_THROW(parse_rule_set(ok, "test.xml"));
}

TEST(RuleSetRefused, OtherMistakesNameTheRule) {
    struct Case {
        std::string rule_xml, code, part;
    };
    const std::vector<Case> cases = {
        {"  <rule id=\"W95\" name=\"测试规则\" severity=\"fatal\" "
         "category=\"wording\"><pattern>a</pattern><message>m</message></rule>\n",
         "rules.invalid", "severity 无效：“fatal”"},
        {"  <rule id=\"W95\" name=\"测试规则\" severity=\"error\" "
         "category=\"style\"><pattern>a</pattern><message>m</message></rule>\n",
         "rules.invalid", "category 无效：“style”"},
        {"  <rule id=\"W95\" name=\"测试规则\" severity=\"error\" "
         "category=\"wording\"><pattern>a</pattern></rule>\n",
         "rules.invalid", "W95 缺少 <message>"},
        {"  <rule id=\"W95\" name=\"测试规则\" severity=\"error\" "
         "category=\"wording\"><message>m</message></rule>\n",
         "rules.invalid", "W95 没有 <pattern>"},
        {"  <rule id=\"W95\" name=\"测试规则\" severity=\"error\" category=\"wording\"><pattern "
         "transform=\"upper\">a</pattern><message>m</message></rule>\n",
         "rules.invalid", "transform 无效：“upper”"},
        {"  <rule id=\"w1\" name=\"测试规则\" severity=\"error\" "
         "category=\"wording\"><pattern>a</pattern><message>m</message></rule>\n",
         "rules.invalid", "规则编号无效：“w1”"},
        {"  <rule id=\"W95\" name=\"测试规则\" severity=\"error\" "
         "category=\"wording\"><pattern>a</pattern><message>m</message>"
         "<counter-example><mark>a</mark></counter-example></rule>\n",
         "rules.invalid", "反例（counter-example）中不能有 <mark>"},
        {"  <rule id=\"W95\" name=\"测试规则\" severity=\"error\" "
         "category=\"wording\"><pattern>a</pattern><message>m</message>"
         "<example><mark>a</mark><mark>a</mark></example></rule>\n",
         "rules.invalid", "只能有一个 <mark>"},
        {"  <rule id=\"W95\" name=\"测试规则\" severity=\"error\" category=\"wording\"><pattern "
         "prefilter=\"a\" "
         "after=\"c\">ab</pattern><message>m</message></rule>\n",
         "rules.invalid", "W95 的字面模式有 after 语境时不能用 prefilter"},
        {"  <rule id=\"W95\" severity=\"error\" "
         "category=\"wording\"><pattern>a</pattern><message>m</message></rule>\n",
         "rules.invalid", "W95 缺少属性 name"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.part);
        const Error e =
            expect_error([&] { parse_rule_set(rule_set(c.rule_xml), "test.xml"); }, c.code);
        EXPECT_TRUE(has(e.message(), c.part)) << e.message();
        EXPECT_EQ(e.where(), "test.xml:3");
    }
    expect_error([] { parse_rule_set("<rule-set id=\"x\"><rule/></rule-set>", "test.xml"); },
                 "rules.invalid");
    expect_error([] { parse_rule_set(rule_set(""), "test.xml"); }, "rules.invalid");
    expect_error([] { parse_rule_set("<rule-set", "test.xml"); }, "rules.bad_xml");
}

// Examples written as changes to one draft of the set: paragraphs replaced (by one or more),
// deleted and inserted (also before the first) give the whole example, its mark counted in the
// paragraphs it ends up with; the draft's examples run as any other. A change naming a paragraph
// the draft lacks, changing one twice, an unknown draft or another element is refused naming the
// rule.
TEST(RuleSet, ExamplesWrittenAsChangesToADraft) {
    const std::string draft = "  <draft id=\"d\"><p>一</p><p>二</p><p>三</p></draft>\n";
    auto with = [&](const std::string& examples) {
        return rule_set(draft +
                        "  <rule id=\"W99\" name=\"测试规则\" severity=\"error\" "
                        "category=\"wording\"><pattern>其它</pattern><message>m</message>" +
                        examples + "</rule>\n");
    };
    const std::string good = with(
        "<example draft=\"d\"><replace p=\"2\"><p>完成<mark>其它</mark>任务</p><p>新</p>"
        "</replace><delete p=\"3\"/><insert after=\"0\"><p>头</p></insert></example>"
        "<counter-example draft=\"d\"><insert after=\"3\"><p>尾</p></insert>"
        "</counter-example>");
    const RuleSet set = parse_rule_set(good, "test.xml");
    ASSERT_EQ(set.rules.size(), 1u);
    const auto& ex = set.rules[0].examples;
    ASSERT_EQ(ex.size(), 2u);
    EXPECT_EQ(ex[0].paragraphs, (std::vector<std::string>{"头", "一", "完成其它任务", "新"}));
    EXPECT_EQ(ex[0].mark_paragraph, 2);
    EXPECT_EQ(ex[0].mark_offset, 6u);
    EXPECT_EQ(ex[0].mark_length, 6u);
    EXPECT_EQ(ex[1].paragraphs, (std::vector<std::string>{"一", "二", "三", "尾"}));
    EXPECT_TRUE(checker_of(good).example_failures(nullptr).empty());

    const std::vector<std::pair<std::string, std::string>> refused = {
        {"<example draft=\"x\"><delete p=\"1\"/></example>", "不存在的草稿“x”"},
        {"<example draft=\"d\"><delete p=\"4\"/></example>", "p=\"4\" 不在草稿“d”的 1–3 段之内"},
        {"<example draft=\"d\"><delete p=\"0\"/></example>", "p=\"0\" 不在草稿“d”的 1–3 段之内"},
        {"<example draft=\"d\"><insert after=\"-1\"><p>x</p></insert></example>",
         "after=\"-1\" 不在草稿“d”的 0–3 段之内"},
        {"<example draft=\"d\"><delete p=\"2\"/><replace p=\"2\"><p>x</p></replace></example>",
         "对草稿第 2 段改了两次"},
        {"<example draft=\"d\"><p>x</p></example>", "只允许 <replace>、<delete>、<insert>"},
    };
    for (const auto& one : refused) {
        const std::string& example = one.first;  // not a structured binding: clang 14 cannot
        const std::string& part = one.second;    // capture one in the lambda below
        SCOPED_TRACE(example);
        const Error e =
            expect_error([&] { parse_rule_set(with(example), "test.xml"); }, "rules.invalid");
        EXPECT_TRUE(has(e.message(), part)) << e.message();
        EXPECT_TRUE(has(e.message(), "W99")) << e.message();
    }
}

TEST(RuleSet, ExampleFailuresGivesOneLinePerFailingExample) {
    const std::string rules =
        w99("<example>完成交办的其他任务。</example>",                    // line 7: not flagged
            "    <example>完成交办的<mark>其它</mark>任务。</example>\n"  // line 9: passes
            "    <counter-example>负责其它工作。</counter-example>\n") +  // line 10: flagged
        "  <rule id=\"W94\" name=\"测试规则\" severity=\"warning\" category=\"wording\">\n"  // line
                                                                                             // 12
        "    <pattern>等等</pattern>\n"
        "    <message>测试</message>\n"
        "    <example>承担文电<mark>、会务</mark>等等工作。</example>\n"  // line 15: wrong mark
        "  </rule>\n";
    const Checker c = checker_of(rule_set(rules));
    const std::vector<std::string> lines = c.example_failures(nullptr);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "test.xml:7: 规则 W99: 示例 “完成交办的其他任务。” 未被检出");
    EXPECT_EQ(lines[1], "test.xml:10: 规则 W99: 反例 “负责其它工作。” 被误报：第 1 段“其它”");
    EXPECT_EQ(
        lines[2],
        "test.xml:15: 规则 W94: 示例 “承担文电、会务等等工作。” 标记的是“、会务”，实际检出“等等”");
    // verify_examples stops at the first.
    const Error e = expect_error([&] { c.verify_examples(nullptr); }, "rules.example_failed");
    EXPECT_EQ(e.where(), "test.xml:7");
}

// Every code rule of the rule files is found in one step: code_rule_source names a file of the
// repository and a function defined in it; a pattern rule has none.
TEST(RuleSetLoaded, EveryCodeRuleNamesItsSourceFileAndFunction) {
    std::size_t code = 0;
    for (const auto& r : test::checker().rules()) {
        const auto src = code_rule_source(r.id);
        if (!r.code) {
            EXPECT_FALSE(src) << r.id;
            continue;
        }
        ++code;
        ASSERT_TRUE(src) << r.id;
        EXPECT_EQ(src->file.rfind("core/src/check/", 0), 0u) << src->file;
        std::ifstream in(test::kTemplates + "/../" + src->file, std::ios::binary);
        ASSERT_TRUE(in) << src->file;
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        EXPECT_NE(text.find("void " + src->function + "("), std::string::npos)
            << r.id << " " << src->file << " " << src->function;
    }
    EXPECT_GE(code, 30u);
    EXPECT_FALSE(code_rule_source("W01"));
}
