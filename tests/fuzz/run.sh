#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds on its committed seeds (and the project's own
# files of that kind), in a scratch corpus; fails on any crash, leak, sanitizer report or timeout.
# Usage: run.sh FUZZER NAME SECONDS
set -euo pipefail
fuzzer=$1 name=$2 seconds=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seeds=("$here/corpus/$name")
case "$name" in
    rule_set) seeds+=("$root/templates/rules") ;;
    check) seeds+=("$root/tests/data/real") ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# -rss_limit_mb: one input may not cost more than the server's per-request budget allows;
# -timeout: one input may not take longer than a request may.
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work" "${seeds[@]}" 2>&1 | tail -n 25
status=${PIPESTATUS[0]}
if compgen -G "$work/crash-*" >/dev/null || compgen -G "$work/leak-*" >/dev/null || compgen -G "$work/timeout-*" >/dev/null; then
    echo "fuzz.$name: failing inputs (base64):"
    for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do [ -f "$f" ] && base64 -w0 "$f" && echo; done
    exit 1
fi
exit "$status"
