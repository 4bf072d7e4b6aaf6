// Render and read speed (issue: render one body ≤ 5 ms, all 37 ≤ 0.3 s, read ≤ 5 ms).
// Each figure comes with a baseline measured in the same run — zlib compressing (for render) or
// inflating + XML-parsing (for read) the same bytes — so ratios stay meaningful on a noisy machine.
#include <benchmark/benchmark.h>
#include <zlib.h>
#include <pugixml.hpp>

#include "fixtures.hpp"
#include "sanding/framework.hpp"
#include "sanding/model_text.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/recognize.hpp"
#include "sanding/render.hpp"
#include "sanding/zip.hpp"

using namespace sanding;
using namespace sanding::bench;

namespace {
const BodyFacts& body() {
    return *fw().find("natural-resources");
}
std::string rendered() {
    return render_odt(fill_model_text(lib().for_kind(body().kind), fw(), body()));
}
}  // namespace

static void RenderOneBody(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(
            render_odt(fill_model_text(lib().for_kind(body().kind), fw(), body())));
}
BENCHMARK(RenderOneBody)->Unit(benchmark::kMicrosecond);

static void RenderAll37Bodies(benchmark::State& state) {
    for (auto _ : state)
        for (const auto& b : fw().bodies)
            benchmark::DoNotOptimize(render_odt(fill_model_text(lib().for_kind(b.kind), fw(), b)));
}
BENCHMARK(RenderAll37Bodies)->Unit(benchmark::kMillisecond);

// Baseline for render: deflating the uncompressed XML of one rendered draft, which any ODT
// writer must do.
static void BaselineDeflateOneDraft(benchmark::State& state) {
    ZipArchive z(rendered());
    std::string xml = z.read("content.xml") + z.read("styles.xml") + z.read("meta.xml");
    std::string out(compressBound(xml.size()), '\0');
    for (auto _ : state) {
        uLongf n = out.size();
        compress2(reinterpret_cast<Bytef*>(out.data()), &n,
                  reinterpret_cast<const Bytef*>(xml.data()), xml.size(), 6);
        benchmark::DoNotOptimize(n);
    }
}
BENCHMARK(BaselineDeflateOneDraft)->Unit(benchmark::kMicrosecond);

static void ReadRenderedOdt(benchmark::State& state) {
    const std::string odt = rendered();
    for (auto _ : state) benchmark::DoNotOptimize(recognize(read_odt(odt)));
}
BENCHMARK(ReadRenderedOdt)->Unit(benchmark::kMicrosecond);

// Baseline for read: inflating content.xml and parsing it with pugixml, nothing else.
static void BaselineInflateAndParse(benchmark::State& state) {
    const std::string odt = rendered();
    for (auto _ : state) {
        ZipArchive z(odt);
        std::string xml = z.read("content.xml");
        pugi::xml_document doc;
        benchmark::DoNotOptimize(doc.load_buffer(xml.data(), xml.size()));
    }
}
BENCHMARK(BaselineInflateAndParse)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
