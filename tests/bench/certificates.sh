#!/usr/bin/env bash
# Certificates side by side, same data, same run (figures for docs/performance.md):
#   bash tests/bench/certificates.sh [build-dir] [rows] [rows-for-libreoffice]
# vanban batch (one PDF; one file per row; one DOCX), Typst (npm
# @myriaddreamin/typst-ts-node-compiler, warm compiler: one multi-page PDF, and one PDF
# per row) and LibreOffice headless converting per-person DOCX files (one soffice call).
# Pages per second, peak memory (max RSS of the whole process), bytes per page.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
rows="${2:-2000}"
lo_rows="${3:-100}"
cli="$build/engine/vanban"
peers="$root/tests/bench/peers"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cmake --build "$build" --target vanban -j"$(nproc)" >/dev/null

python3 "$root/tests/bench/make_recipients.py" "$rows" "$tmp/list.csv" "$tmp/list.json"
python3 "$root/tests/bench/make_recipients.py" 10000 "$tmp/list10k.csv"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "rows: $rows (LibreOffice: $lo_rows)"
echo
echo "| tool | output | pages | seconds | pages/s | peak memory | bytes/page |"
echo "|---|---|---:|---:|---:|---:|---:|"

# timed <label> <output> <pages> <bytes-path> <command…>: wall time and max RSS of the process.
timed() {
  local label="$1" output="$2" pages="$3" bytes_path="$4"
  shift 4
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
  read -r secs rss <"$tmp/time"
  local bytes
  bytes=$(du -sb "$bytes_path" | cut -f1)
  awk -v l="$label" -v o="$output" -v p="$pages" -v s="$secs" -v r="$rss" -v b="$bytes" \
    'BEGIN { printf "| %s | %s | %d | %.2f | %.0f | %.0f MB | %.0f |\n", l, o, p, s, p / s, r / 1024, b / p }'
}

timed "vanban batch (2 threads)" "one PDF" "$rows" "$tmp/v.pdf" \
  "$cli" batch giay-khen "$tmp/list.csv" -o "$tmp/v.pdf" --date 2022-05-15
timed "vanban batch (1 thread)" "one PDF" "$rows" "$tmp/v1.pdf" \
  "$cli" batch giay-khen "$tmp/list.csv" -o "$tmp/v1.pdf" --date 2022-05-15 --jobs 1
timed "vanban batch (2 threads)" "one PDF, 10,000 rows" 10000 "$tmp/v10k.pdf" \
  "$cli" batch giay-khen "$tmp/list10k.csv" -o "$tmp/v10k.pdf" --date 2022-05-15
mkdir -p "$tmp/vdir"
timed "vanban batch" "a PDF per row" "$rows" "$tmp/vdir" \
  "$cli" batch giay-khen "$tmp/list.csv" -o "$tmp/vdir/" --date 2022-05-15
timed "vanban batch" "one DOCX" "$rows" "$tmp/v.docx" \
  "$cli" batch giay-khen "$tmp/list.csv" -o "$tmp/v.docx" --date 2022-05-15

if command -v node >/dev/null && command -v npm >/dev/null; then
  [ -d "$peers/node_modules/@myriaddreamin/typst-ts-node-compiler" ] ||
    (cd "$peers" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
  python3 "$peers/certificates_to_typst.py" "$tmp/list.json" > "$tmp/all.typ"
  mkdir -p "$tmp/typ" "$tmp/typ-out"
  python3 "$peers/certificates_to_typst.py" "$tmp/list.json" "$rows" --each "$tmp/typ"
  # Whole process (node start, compiler start, fonts) for memory; the compile alone for speed.
  typst_row() {  # typst_row <mode> <input> <output> <label>
    (cd "$peers" && /usr/bin/time -f "%e %M" -o "$tmp/time" node typst_certificates.mjs "$1" "$2" "$3" >"$tmp/t.json")
    read -r _ rss <"$tmp/time"
    python3 - "$tmp/t.json" "$rss" "$4" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"| Typst 0.7.0 (warm compiler) | {sys.argv[3]} | {d['pages']} | {d['seconds']:.2f} | {d['pages_per_second']:.0f} | "
      f"{int(sys.argv[2]) / 1024:.0f} MB | {d['bytes'] / d['pages']:.0f} |")
PY
  }
  typst_row one "$tmp/all.typ" "$tmp/t.pdf" "one PDF"
  typst_row each "$tmp/typ" "$tmp/typ-out" "a PDF per row"
else
  echo "| Typst | (node/npm not found: skipped) | | | | | |"
fi

if command -v soffice >/dev/null; then
  head -n $((lo_rows + 1)) "$tmp/list.csv" > "$tmp/lo.csv"
  mkdir -p "$tmp/lo-docx" "$tmp/lo-pdf"
  "$cli" batch giay-khen "$tmp/lo.csv" -o "$tmp/lo-docx/" --format docx --date 2022-05-15 2>/dev/null
  timed "LibreOffice $(soffice --version | awk '{print $2}') headless" "a PDF per DOCX (one call)" "$lo_rows" "$tmp/lo-pdf" \
    soffice -env:UserInstallation=file://"$tmp/lo-profile" --headless --convert-to pdf --outdir "$tmp/lo-pdf" "$tmp"/lo-docx/*.docx
else
  echo "| LibreOffice | (soffice not found: skipped) | | | | | |"
fi
# Typst's compile time excludes node and compiler start (warm); vanban's and LibreOffice's
# include the whole process.
