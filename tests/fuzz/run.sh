#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS
# (default 600), one per core at a time; corpus seeded from samples/, templates/, the saved
# regressions and the hostile inputs (tests/tools/make_hostile_inputs.py); prints what each run did.
#   bash tests/fuzz/run.sh [seconds] [target…]
# Findings (crash-*, leak-*, timeout-*) are left in build-fuzz/findings/<target>/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_model fuzz_template fuzz_recipient_list fuzz_text_layout fuzz_png)
build="$root/build-fuzz"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVANBAN_FUZZ=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null

# Seeds: the project's own inputs.
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{fuzz_model,fuzz_template,fuzz_recipient_list,fuzz_text_layout,fuzz_png}
cp "$root"/samples/*.json "$root"/samples/*.xml "$seeds/fuzz_model/"
cp "$root"/templates/*.xml "$seeds/fuzz_template/"
cp "$root"/samples/*.csv "$seeds/fuzz_recipient_list/"
iconv -f UTF-8 -t UTF-16 "$root/samples/danh-sach-khen-thuong.csv" | sed 's/,/\t/g' > "$seeds/fuzz_recipient_list/utf16.txt" || true
python3 "$root/tests/tools/make_xlsx.py" "$seeds/fuzz_recipient_list/list.xlsx"
echo '[{"Họ và tên": "Bùi Thị Lan", "Số sổ vàng": 123, "Ngày quyết định": "15/05/2022"}]' > "$seeds/fuzz_recipient_list/list.json"
for kind in seal signature emblem opaque; do
  python3 "$root/tests/tools/make_png.py" "$kind" "$seeds/fuzz_png/$kind.png"
done
# Every saved finding and hostile regression input is a seed too.
for t in fuzz_model fuzz_template fuzz_recipient_list fuzz_text_layout fuzz_png; do
  [ -d "$root/tests/fuzz/regressions/$t" ] && cp "$root/tests/fuzz/regressions/$t"/* "$seeds/$t/"
done
# The large hostile inputs (tests/tools/make_hostile_inputs.py), those up to max_len.
hostile="$build/hostile"
rm -rf "$hostile"
python3 "$root/tests/tools/make_hostile_inputs.py" --fuzz-seeds "$hostile"
for t in fuzz_model fuzz_template fuzz_recipient_list fuzz_text_layout fuzz_png; do
  [ -d "$hostile/$t" ] && find "$hostile/$t" -type f -size -1025k -exec cp {} "$seeds/$t/" \;
done
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  printf '%b%s' "\\x$(printf %02x $((n * 37 % 256)))" "$line" > "$seeds/fuzz_text_layout/line-$n"
  [ $n -lt 60 ] || break
done < <(grep -v '^\s*$' "$root/../shared/reference/ke-hoach-2021-restored.txt" 2>/dev/null || cut -d, -f2 "$root/samples/phu-luc-1-200-truong.csv")

# One target per core at a time (VANBAN_FUZZ_PARALLEL overrides), each with its own log.
fuzz_one() {
  local t="$1" corpus="$build/corpus/$1" findings="$build/findings/$1" log="$build/$1.log" max_len status
  mkdir -p "$corpus" "$findings"
  # Inputs up to 1 MiB for the readers of outside files, so that the hostile seeds
  # (deep nesting, wide headers, long minified lines) are reached whole.
  case "$t" in
    fuzz_model | fuzz_recipient_list) max_len=1048576 ;;
    *) max_len=65536 ;;
  esac
  set +e
  /usr/bin/time -f "peak RSS %M KB" -o "$build/$t.rss" \
    "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -max_len="$max_len" -artifact_prefix="$findings/" "$corpus" "$seeds/$t" >"$log" 2>&1
  status=$?
  set -e
  local execs cov
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -E '#[0-9]+.*cov:' "$log" | tail -1 | sed -E 's/.*cov: ([0-9]+).*ft: ([0-9]+).*/cov \1, ft \2/')
  echo "$t: exit $status, ${execs:-?} executions in ${seconds} s, $cov, corpus $(ls "$corpus" | wc -l) files, $(cat "$build/$t.rss" 2>/dev/null | tail -1), max_len $max_len, findings: $(ls "$findings" | wc -l)"
}
parallel="${VANBAN_FUZZ_PARALLEL:-$(nproc)}"
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  fuzz_one "$t" &
done
wait
