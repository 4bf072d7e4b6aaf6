#!/usr/bin/env bash
# Regenerates docs/draft-page1.png: page 1 of the demo 区自然资源局 draft, as LibreOffice prints it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/build/server/sanding" render --body natural-resources -o "$tmp/draft.odt" >/dev/null
soffice --headless --norestore -env:UserInstallation="file://$tmp/profile" --convert-to pdf --outdir "$tmp" "$tmp/draft.odt" >/dev/null 2>&1
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$tmp/draft.pdf" "$root/docs/draft-page1"
echo "wrote docs/draft-page1.png"
