#!/usr/bin/env bash
# Runs sanding's benchmarks and prints each figure with its ratio to the baseline measured in the
# same run. Usage: bench/run.sh [BUILD_DIR]   (make bench)
set -euo pipefail
build=${1:-build}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$build/bench/bench-render" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_format=json >"$out" 2>/dev/null
python3 - "$out" <<'PY'
import json, sys
runs = {b["run_name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"] if b["aggregate_name"] == "median"}
def ms(name):
    b = runs[name]
    return b["real_time"] * {"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1e3}[b["time_unit"]]
rows = [
    ("render one body (fill + layout + .odt)", "RenderOneBody", 5.0, "BaselineDeflateOneDraft", 1),
    ("render all 37 bodies", "RenderAll37Bodies", 300.0, "BaselineDeflateOneDraft", 37),
    ("read a rendered .odt (unzip + XML + model)", "ReadRenderedOdt", 5.0, "BaselineInflateAndParse", 1),
]
print(f"{'what':45} {'median':>10} {'target':>9} {'baseline':>10} {'ratio':>7}")
for label, name, target, base, times in rows:
    t, b = ms(name), ms(base) * times
    flag = "ok" if t <= target else "OVER"
    print(f"{label:45} {t:8.3f}ms {target:7.1f}ms {b:8.3f}ms {t / b:6.1f}x  {flag}")
print("baselines: zlib deflate of the drafts' XML (render, x37 for all); inflate + pugixml parse of content.xml (read)")
PY
