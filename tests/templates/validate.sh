#!/usr/bin/env bash
# Every data file in templates/ is valid against its XSD in schemas/, and the schemas refuse a
# broken file (so the check can fail).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fail=0
check() {  # schema file expected(0 valid / 1 invalid)
    if xmllint --noout --nonet --schema "$1" "$2" 2>/tmp/xsd.$$; then got=0; else got=1; fi
    if [ "$got" != "$3" ]; then
        echo "FAIL: $2 against $(basename "$1"): expected $([ "$3" = 0 ] && echo valid || echo invalid)"
        cat /tmp/xsd.$$
        fail=1
    fi
    rm -f /tmp/xsd.$$
}
n=0
for f in "$root"/templates/model-texts/*.xml; do check "$root/schemas/model-text.xsd" "$f" 0; n=$((n+1)); done
for f in "$root"/templates/framework/*.xml; do check "$root/schemas/framework.xsd" "$f" 0; n=$((n+1)); done
for f in "$root"/templates/catalogue/*.xml; do check "$root/schemas/catalogue.xsd" "$f" 0; n=$((n+1)); done
for f in "$root"/templates/rules/*.xml; do check "$root/schemas/rules.xsd" "$f" 0; n=$((n+1)); done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/kind="government-department"/kind="ministry"/' "$root/templates/model-texts/government-department.xml" > "$tmp/bad-kind.xml"
check "$root/schemas/model-text.xsd" "$tmp/bad-kind.xml" 1
sed '0,/id="natural-resources"/s//id="party-office"/' "$root/templates/framework/demo-district.xml" > "$tmp/dup-id.xml"
check "$root/schemas/framework.xsd" "$tmp/dup-id.xml" 1
sed '0,/<establishment type="行政编制" count="/s//<establishment type="行政编制" count="-/' "$root/templates/framework/demo-district.xml" > "$tmp/neg.xml"
check "$root/schemas/framework.xsd" "$tmp/neg.xml" 1
sed '0,/id="party-office-02"/s//id="party-office-01"/' "$root/templates/catalogue/demo-district.xml" > "$tmp/dup-duty.xml"
check "$root/schemas/catalogue.xsd" "$tmp/dup-duty.xml" 1
[ "$n" -ge 6 ] || { echo "FAIL: expected at least 6 data files, found $n"; fail=1; }
[ $fail = 0 ] && echo "validated $n template files; 4 broken variants refused"
exit $fail
