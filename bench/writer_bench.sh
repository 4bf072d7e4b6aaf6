#!/usr/bin/env bash
# Writer's own proofreading of a 37-article draft with the real sanding.oxt in headless soffice.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
SANDING_OXT="$build/plugin/sanding.oxt" /usr/bin/python3 "$root/bench/writer_proofreading.py"
