#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS
# (default 600), corpus seeded from samples/ and templates/; prints what each run did.
#   bash tests/fuzz/run.sh [seconds] [target…]
# Findings (crash-*, leak-*, timeout-*) are left in build-fuzz/findings/<target>/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_model fuzz_template fuzz_recipient_list fuzz_text_layout)
build="$root/build-fuzz"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVANBAN_FUZZ=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null

# Seeds: the project's own inputs.
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{fuzz_model,fuzz_template,fuzz_recipient_list,fuzz_text_layout}
cp "$root"/samples/*.json "$root"/samples/*.xml "$seeds/fuzz_model/"
cp "$root"/templates/*.xml "$seeds/fuzz_template/"
cp "$root"/samples/*.csv "$seeds/fuzz_recipient_list/"
iconv -f UTF-8 -t UTF-16 "$root/samples/danh-sach-khen-thuong.csv" | sed 's/,/\t/g' > "$seeds/fuzz_recipient_list/utf16.txt" || true
python3 "$root/tests/tools/make_xlsx.py" "$seeds/fuzz_recipient_list/list.xlsx"
echo '[{"Họ và tên": "Bùi Thị Lan", "Số sổ vàng": 123, "Ngày quyết định": "15/05/2022"}]' > "$seeds/fuzz_recipient_list/list.json"
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  printf '%b%s' "\\x$(printf %02x $((n * 37 % 256)))" "$line" > "$seeds/fuzz_text_layout/line-$n"
  [ $n -lt 60 ] || break
done < <(grep -v '^\s*$' "$root/../shared/reference/ke-hoach-2021-restored.txt" 2>/dev/null || cut -d, -f2 "$root/samples/phu-luc-1-200-truong.csv")

for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  findings="$build/findings/$t"
  mkdir -p "$corpus" "$findings"
  log="$build/$t.log"
  set +e
  "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$findings/" "$corpus" "$seeds/$t" >"$log" 2>&1
  status=$?
  set -e
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -E '#[0-9]+.*cov:' "$log" | tail -1 | sed -E 's/.*cov: ([0-9]+).*ft: ([0-9]+).*/cov \1, ft \2/')
  echo "$t: exit $status, ${execs:-?} executions in ${seconds} s, $cov, corpus $(ls "$corpus" | wc -l) files, findings: $(ls "$findings" | wc -l)"
done
