#!/usr/bin/env bash
# One file per row (issue #14, target ≥ 2,000 files/s for 2,000 rows), whole process:
#   bash tests/bench/row_files.sh [build-dir] [rows] [runs] [out-dir]
# `vanban batch giay-khen list.csv -o <new dir>/ --date 2022-01-01`, each run into a new
# directory on the file system of <out-dir> (default: a new directory under /tmp; pass a
# directory on the disk to measure), then the same with every file already there (all
# rows refused before rendering). Prints wall, files/s, user+sys CPU, CPU per file and peak
# memory, with the 1-minute load average beside each run (other work on the machine
# shows in wall time, little in CPU time). Then the cost of the syncs alone, without
# rendering (vanban_bench_files).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
rows="${2:-2000}"
runs="${3:-3}"
base="${4:-}"
cli="$build/engine/vanban"
cmake --build "$build" --target vanban vanban_bench_files -j"$(nproc)" >/dev/null
tmp="$(mktemp -d ${base:+"$base/"}vanban-rows-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
python3 "$root/tests/bench/make_recipients.py" "$rows" "$tmp/list.csv"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); output on $(df --output=fstype "$tmp" | tail -1)"
echo
echo "| run | wall | files/s | CPU user + sys | CPU per file | peak memory | load |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row() {  # row <label> <dir>
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$cli" batch giay-khen "$tmp/list.csv" -o "$2/" \
    --date 2022-01-01 >/dev/null 2>"$tmp/err" || [ $? -eq 1 ] || { cat "$tmp/err" >&2; return 1; }
  read -r secs user sys rss < <(tail -n 1 "$tmp/time")  # after "Command exited with non-zero status 1"
  awk -v l="$1" -v n="$rows" -v s="$secs" -v u="$user" -v y="$sys" -v r="$rss" -v a="$load" \
    'BEGIN { printf "| %s | %.2f s | %.0f | %.2f + %.2f s | %.2f ms | %.0f MB | %s |\n", l, s, n / s, u, y, (u + y) * 1000 / n, r / 1024, a }'
}
for i in $(seq 1 "$runs"); do row "new directory $i" "$tmp/out-$i"; done
row "every file there (refused)" "$tmp/out-1"
echo
"$build/tests/bench/vanban_bench_files" "$tmp" "$rows"
