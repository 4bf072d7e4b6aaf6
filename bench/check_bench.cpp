// Checker speed: the proofreader's per-paragraph path (target ≤ 5 µs for 300 characters) and
// the phases of `sanding check` on a large corpus (SANDING_CORPUS=path, made by
// bench/check_bench.sh).
#include <benchmark/benchmark.h>
#include <hs.h>

#include <cstdlib>

#include "fixtures.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/report.hpp"
#include "sanding/file.hpp"
#include "sanding/framework.hpp"
#include "sanding/recognize.hpp"
#include "sanding/text.hpp"
#include "sanding/text_input.hpp"

using namespace sanding;
using namespace sanding::bench;

namespace {
// A 300-character duty item with two problems in it (拟定, an ASCII comma).
std::string paragraph300() {
    std::string p =
        "（三）负责全区自然资源调查监测评价工作,拟定自然资源调查监测评价的指标体系和统计标准，";
    while (p.size() < 900 - 60) p += "组织实施全区自然资源基础调查、专项调查和监测，";
    p += "承担相关工作。";
    return p;
}
const std::string& corpus() {
    static const std::string c = [] {
        const char* path = std::getenv("SANDING_CORPUS");
        return path ? read_file(path, 64u << 20) : std::string();
    }();
    return c;
}
}  // namespace

static void CheckParagraph300(benchmark::State& state) {
    const std::string p = paragraph300();
    state.counters["chars"] = static_cast<double>(utf16_length(p));
    for (auto _ : state) benchmark::DoNotOptimize(checker().check_paragraph(p));
}
BENCHMARK(CheckParagraph300)->Unit(benchmark::kMicrosecond);

// Baseline: one bare Vectorscan scan of the same paragraph with one literal.
static void BaselineScan300(benchmark::State& state) {
    const std::string p = paragraph300();
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    hs_compile("拟定", HS_FLAG_UTF8, HS_MODE_BLOCK, nullptr, &db, &err);
    hs_scratch_t* s = nullptr;
    hs_alloc_scratch(db, &s);
    for (auto _ : state)
        hs_scan(
            db, p.data(), static_cast<unsigned>(p.size()), 0, s,
            [](unsigned, unsigned long long, unsigned long long, unsigned, void*) { return 0; },
            nullptr);
    hs_free_scratch(s);
    hs_free_database(db);
}
BENCHMARK(BaselineScan300)->Unit(benchmark::kMicrosecond);

static void CorpusSplit(benchmark::State& state) {
    if (corpus().empty()) return state.SkipWithError("SANDING_CORPUS not set");
    for (auto _ : state) benchmark::DoNotOptimize(text_paragraphs(corpus()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(CorpusSplit)->Unit(benchmark::kMillisecond);

static void CorpusRecognize(benchmark::State& state) {
    if (corpus().empty()) return state.SkipWithError("SANDING_CORPUS not set");
    const TextParagraphs d = text_paragraphs(corpus());
    for (auto _ : state) benchmark::DoNotOptimize(recognize(d));
}
BENCHMARK(CorpusRecognize)->Unit(benchmark::kMillisecond);

static void CorpusCheck(benchmark::State& state) {
    if (corpus().empty()) return state.SkipWithError("SANDING_CORPUS not set");
    const TextParagraphs d = text_paragraphs(corpus());
    for (auto _ : state) benchmark::DoNotOptimize(checker().check(d, {&fw(), {}}));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(CorpusCheck)->Unit(benchmark::kMillisecond);

static void CorpusReportJson(benchmark::State& state) {
    if (corpus().empty()) return state.SkipWithError("SANDING_CORPUS not set");
    const TextParagraphs d = text_paragraphs(corpus());
    const CheckResult r = checker().check(d, {&fw(), {}});
    for (auto _ : state)
        benchmark::DoNotOptimize(report_json(r.findings, {"corpus.txt", d, true, {}, {}}));
}
BENCHMARK(CorpusReportJson)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
