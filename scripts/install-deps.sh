#!/usr/bin/env bash
# Installs every Debian 12 package sanding needs that is not installed yet.
# Idempotent and quiet when nothing is missing. Usage: scripts/install-deps.sh [build|test|all|bench]
set -euo pipefail

build_pkgs=(build-essential cmake pkg-config zlib1g-dev libicu-dev libpugixml-dev libpoco-dev
            libssl-dev libsqlite3-dev libpq-dev libvectorscan-dev libgtest-dev libbenchmark-dev
            libreoffice-dev libmimalloc-dev zip)
# What the tests drive for real: LibreOffice (headless, and in a window under Xvfb for the
# screenshots, so the full libreoffice-writer with the zh-CN language pack), python3-uno, poppler
# tools, CJK fonts, xmllint for the XSDs, PostgreSQL; clang and its libFuzzer runtime for the
# sanitizer and fuzzing build of make check; clang-format and clang-tidy for the style tests.
test_pkgs=(clang clang-format clang-tidy libclang-rt-14-dev chromium libreoffice-writer libreoffice-calc libreoffice-l10n-zh-cn xvfb xauth openbox imagemagick xdotool python3-uno poppler-utils fonts-noto-cjk fonts-arphic-ukai libxml2-utils python3 postgresql sqlite3)

# Peers and load generators for `make bench` only.
bench_pkgs=(wrk nginx-light)

want=("${build_pkgs[@]}")
case "${1:-all}" in
    build) ;;
    test | all) want+=("${test_pkgs[@]}") ;;
    bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
    *) echo "usage: $0 [build|test|all|bench]" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")/.." && pwd)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# Font aliases: the 公文 font names fall back to open fonts of the same category (serif for
# 仿宋/宋体/小标宋, 楷 for 楷体, sans for 黑体) instead of fontconfig's sans default.
fontconf=/etc/fonts/conf.d/65-sanding-gongwen.conf
if ! cmp -s "$here/templates/fonts/65-sanding-gongwen.conf" "$fontconf" 2>/dev/null; then
    $sudo mkdir -p /etc/fonts/conf.d
    $sudo cp "$here/templates/fonts/65-sanding-gongwen.conf" "$fontconf"
fi

# node and npm drive the browser tests; the machine image may bring its own, else Debian's.
if [ "${1:-all}" != build ] && ! command -v node >/dev/null; then want+=(nodejs npm); fi

missing=()
for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core (the version in tests/web/package.json) drives Debian's chromium; it goes into the
# ignored tests/web/node_modules, and is fetched only when missing.
if [ "${1:-all}" != build ] && [ ! -f "$here/tests/web/node_modules/playwright-core/package.json" ]; then
    echo "installing: playwright-core (npm, into tests/web/node_modules)"
    (cd "$here/tests/web" && npm install --no-audit --no-fund --silent >/dev/null)
fi
