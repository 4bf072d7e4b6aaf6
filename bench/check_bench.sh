#!/usr/bin/env bash
# sanding check against peers on the same generated corpora (10 KB, 1 MB, 10 MB of 三定 drafts
# with planted errors): grep -c -F -f counting the literal phrase rules, and textlint with
# textlint-rule-prh on the same literals (sanding rules export --prh). Prints medians and ratios
# measured in this run, and sanding's peak RSS; then the per-paragraph Google Benchmark.
# Usage: bench/check_bench.sh [BUILD_DIR]      (make bench)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
sanding="$build/server/sanding"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Peers: textlint + prh from npm into bench/node_modules (git-ignored), only once.
if [ ! -x "$root/bench/node_modules/.bin/textlint" ]; then
    echo "installing textlint and textlint-rule-prh with npm into bench/node_modules …" >&2
    (cd "$root/bench" && npm install --silent --no-audit --no-fund --no-package-lock >/dev/null)
fi

for size in 10000 1000000 10000000; do
    mkdir -p "$work/$size"
    python3 "$root/tests/integration/corpus.py" "$sanding" "$work/$size" --size "$size" >/dev/null
done
"$sanding" rules export --prh -o "$work/prh.yml"
sed -n 's/^    pattern: "\(.*\)"$/\1/p' "$work/prh.yml" >"$work/literals.txt"
printf '{"rules":{"prh":{"rulePaths":["%s"]}}}\n' "$work/prh.yml" >"$work/textlintrc.json"
"$sanding" check "$work/10000/corpus.txt" >/dev/null 2>&1 || true  # warm the compiled-rule cache

python3 - "$work" "$sanding" "$root/bench/node_modules/.bin/textlint" <<'PY'
import os, statistics, subprocess, sys, time
work, sanding, textlint = sys.argv[1:4]
literals = os.path.join(work, "literals.txt")

def findings_in_textlint_output():
    import json
    with open(os.path.join(work, "out"), encoding="utf-8") as f:
        return sum(len(r["messages"]) for r in json.load(f))  # fails loudly if textlint crashed

def run_once(cmd):
    """Wall time in ms and peak RSS in MiB of one run."""
    t0 = time.perf_counter()
    # Output to a real file: GNU grep stops at the first match when stdout is /dev/null.
    with open(os.path.join(work, "out"), "wb") as out:
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{cmd[0]} failed with {code}")
    return (time.perf_counter() - t0) * 1000, usage.ru_maxrss / 1024

def run(cmd, repeat):
    """Median wall time in ms and the largest peak RSS in MiB over `repeat` runs."""
    runs = [run_once(cmd) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(r for _, r in runs)

def run_alternately(a, b, repeat):
    """run() of two commands, one run of each in turn: a neighbour's load on this shared machine
    then weighs on both alike instead of on whichever ran while it lasted."""
    runs_a, runs_b = [], []
    for _ in range(repeat):
        runs_a.append(run_once(a))
        runs_b.append(run_once(b))
    return [(statistics.median(t for t, _ in rs), max(r for _, r in rs)) for rs in (runs_a, runs_b)]

print(f"{len(open(literals, encoding='utf-8').read().splitlines())} literal phrase rules exported for grep and prh\n")
print(f"{'corpus':>8} {'sanding check --format json':>28} {'grep -c -F -f':>14} {'textlint+prh':>13} {'sanding/grep':>13} {'textlint/sanding':>17} {'sanding RSS':>12}")
for size in ("10000", "1000000", "10000000"):
    corpus = os.path.join(work, size, "corpus.txt")
    (s, s_rss), (g, _) = run_alternately([sanding, "check", "--format", "json", corpus],
                                         ["grep", "-c", "-F", "-f", literals, corpus], 11)
    t, _ = run([textlint, "--config", os.path.join(work, "textlintrc.json"), "--format", "json", corpus], 1 if size == "10000000" else 3)
    assert findings_in_textlint_output() > 0, "textlint reported nothing"
    label = {"10000": "10 KB", "1000000": "1 MB", "10000000": "10 MB"}[size]
    print(f"{label:>8} {s:25.1f} ms {g:11.1f} ms {t:10.0f} ms {s / g:12.2f}x {t / s:16.1f}x {s_rss:9.1f} MiB")
PY
echo
"$build/bench/bench-check" --benchmark_filter='CheckParagraph300|BaselineScan300' --benchmark_repetitions=5 \
    --benchmark_report_aggregates_only=true 2>/dev/null | grep -E '_median'
