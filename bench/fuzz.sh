#!/usr/bin/env bash
# Runs every libFuzzer target of a SANDING_FUZZ build for SECONDS each (make fuzz SECONDS=N) and
# prints each one's executions, so a longer campaign than make check's 30 s is one command.
# Usage: bench/fuzz.sh BUILD_DIR SECONDS
set -euo pipefail
build=${1:-build-san} seconds=${2:-300}
here=$(cd "$(dirname "$0")/.." && pwd)
status=0
for name in odt zip rule_set check json bundle; do
    echo "== fuzz_$name, ${seconds} s"
    "$here/tests/fuzz/run.sh" "$build/tests/fuzz/fuzz_$name" "$name" "$seconds" | grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|ERROR|failing' || status=1
done
exit $status
