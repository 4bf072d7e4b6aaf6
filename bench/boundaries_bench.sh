#!/usr/bin/env bash
# The boundary analysis (职责交叉和空白) over 37, 1,000, 3,000 and 10,000 generated drafts, one size
# per process (so the peak memory is that size's), and the 37 demo-district drafts through the
# command line. Prints time, peak memory and the growth against 1,000 drafts, next to the growth
# of the baseline (normalising every duty text once, which is linear) measured in the same runs.
#     bench/boundaries_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp)
tmp=$(mktemp -d)
trap 'rm -f "$out"; rm -rf "$tmp"' EXIT
for n in 37 1000 3000 10000; do "$build/bench/bench-boundaries" "$n" >>"$out"; done
python3 "$root/tests/integration/boundaries_corpus.py" "$build/server/sanding" "$tmp" >/dev/null
cli=$( { /usr/bin/time -f "%e" "$build/server/sanding" boundaries "$tmp"/drafts/*.txt >/dev/null; } 2>&1 | tail -1 || true)
python3 - "$out" "$cli" <<'PY'
import json, sys
runs = {r["drafts"]: r for r in map(json.loads, open(sys.argv[1]))}
base = runs[1000]
print(f"{'drafts':>7} {'duties':>8} {'pairs':>6} {'time':>9} {'target':>7} {'peak':>9} {'growth':>7} {'baseline growth':>16}")
for n, r in sorted(runs.items()):
    target = 0.1 if n == 37 else 30.0
    flag = "ok" if r["seconds"] <= target else "OVER"
    print(f"{n:7} {r['duties']:8} {r['overlaps']:6} {r['seconds']:8.3f}s {target:6.1f}s {r['peak_rss_mb']:7.1f}MB "
          f"{r['seconds'] / base['seconds']:6.1f}x {r['baseline_seconds'] / base['baseline_seconds']:15.1f}x  {flag}")
print(f"sanding boundaries on the 37 demo drafts (read, recognise, analyse, print): {sys.argv[2]} s (target 0.1 s)")
print("growth: time / time at 1,000 drafts; linear growth is 3x at 3,000 and 10x at 10,000")
PY
