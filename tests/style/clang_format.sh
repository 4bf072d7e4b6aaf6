#!/usr/bin/env bash
# Every C++ source and header is as clang-format (with the repository's .clang-format) would write it.
# Fails naming each file and line that differs; `clang-format -i FILE` mends it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
else
  mapfile -t files < <(find core server plugin bench tests -name '*.cpp' -o -name '*.hpp')
fi
[ "${#files[@]}" -gt 0 ] || { echo "no C++ files found" >&2; exit 1; }
clang-format --dry-run -Werror "${files[@]}"
echo "${#files[@]} files formatted as .clang-format says"
