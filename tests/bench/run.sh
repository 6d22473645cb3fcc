#!/usr/bin/env bash
# Runs the benchmarks on this machine and prints the figures for docs/performance.md.
#   bash tests/bench/run.sh [build-dir]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target benchmarks -j"$(nproc)" >/dev/null
echo "== machine"
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== in-process: the sample plan (fonts loaded once)"
"$build/tests/bench/vanban_bench_plan" "$root" 300
echo "== whole process: vanban render (hyperfine)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 50 --export-markdown "$tmp/h.md" \
    "$build/engine/vanban render ke-hoach $root/samples/ke-hoach-hoa-binh-2021.json -o $tmp/p.pdf --date 2021-03-05" >/dev/null
  cat "$tmp/h.md"
else
  echo "(install hyperfine for whole-process timing)"
fi
echo "== peak memory of one whole process"
/usr/bin/time -f "max RSS %M KB" "$build/engine/vanban" render ke-hoach "$root/samples/ke-hoach-hoa-binh-2021.json" -o "$tmp/p.pdf" --date 2021-03-05
ls -l "$tmp/p.pdf" | awk '{print "vanban PDF bytes", $5}'

echo "== peer for DOCX: LibreOffice headless converting vanban's DOCX of the plan to PDF (one process per call)"
if command -v soffice >/dev/null && command -v hyperfine >/dev/null; then
  "$build/engine/vanban" render ke-hoach "$root/samples/ke-hoach-hoa-binh-2021.json" -o "$tmp/p.docx" --date 2021-03-05
  hyperfine -N --warmup 1 --runs 5 --export-markdown "$tmp/lo.md" \
    "soffice -env:UserInstallation=file://$tmp/lo-profile --headless --convert-to pdf --outdir $tmp $tmp/p.docx" >/dev/null
  cat "$tmp/lo.md"
fi

echo "== peer: Typst (npm @myriaddreamin/typst-ts-node-compiler), the same plan, warm compiler"
peers="$root/tests/bench/peers"
if command -v npm >/dev/null; then
  [ -d "$peers/node_modules/@myriaddreamin/typst-ts-node-compiler" ] ||
    (cd "$peers" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
  python3 "$peers/plan_to_typst.py" "$root/samples/ke-hoach-hoa-binh-2021.json" > "$tmp/plan.typ"
  (cd "$peers" && node typst_bench.mjs "$tmp/plan.typ" 100 "$tmp/plan-typst.pdf")
  echo "Typst pages: $(pdfinfo "$tmp/plan-typst.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')"
  /usr/bin/time -f "Typst whole process (node, compiler start, one compile): %e s, max RSS %M KB" \
    node "$peers/typst_bench.mjs" "$tmp/plan.typ" 0 "$tmp/plan-typst.pdf" >/dev/null
else
  echo "(npm not found: peer skipped)"
fi
