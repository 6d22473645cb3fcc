#!/usr/bin/env bash
# Instructions (callgrind: repeatable on a busy machine, unlike wall time) of one PDF of
# certificates on one thread, whole and by stage, and the same with another build for a
# before/after (issue #14, layout and shaping):
#   bash tests/bench/layout_instructions.sh [build-dir] [rows] [other-build-dir]
# Prints: total instructions, the layout's (certificate_page), shaping (text::shape),
# ICU line breaking, and the PDF writer's (PdfBuilder::add_pages), per certificate.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
rows="${2:-2000}"
other="${3:-}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)"; exit 1; }
python3 "$root/tests/bench/make_recipients.py" "$rows" "$tmp/list.csv"

measure() {  # measure <label> <vanban>
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$2" batch giay-khen "$tmp/list.csv" \
    -o "$tmp/$1.pdf" --date 2022-01-01 --jobs 1 >/dev/null 2>&1
  callgrind_annotate --inclusive=yes --threshold=100 "$tmp/cg.out" 2>/dev/null | python3 -c '
import re, sys
label, rows = sys.argv[1], int(sys.argv[2])
want = {"total": "PROGRAM TOTALS", "layout (certificate_page)": "layout::certificate_page(",
        "shaping (text::shape)": "text::shape(", "ICU breaking": "text::line_break_opportunities(",
        "PDF writer (add_pages)": "PdfBuilder::add_pages("}
got = {}
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) ", line)
    if not m:
        continue
    for name, needle in want.items():
        if name not in got and needle in line:
            got[name] = int(m.group(1).replace(",", ""))
for name in want:
    n = got.get(name, 0)
    print(f"| {label} | {name} | {n / 1e6:,.0f} M | {n / rows / 1e3:,.0f} k |")
' "$1" "$rows"
}

echo "rows: $rows, --jobs 1"
echo "| build | part | instructions | per certificate |"
echo "|---|---|---:|---:|"
measure this "$build/engine/vanban"
if [ -n "$other" ]; then
  measure other "$other/engine/vanban"
  cmp -s "$tmp/this.pdf" "$tmp/other.pdf" && echo "(the two PDFs are byte-identical)" || echo "(the two PDFs differ)"
fi
