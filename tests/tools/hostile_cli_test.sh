#!/usr/bin/env bash
# The command on every hostile input small enough to make on each run (issue #10):
# make_hostile_inputs.py --fuzz-seeds writes them (the regression seeds and the large ones
# of at most 1 MiB), and each goes to the command that reads its kind. Each run must end
# by itself within 60 s with the expected status (1: refused, 3: some rows failed, 0: the
# good inputs), never by a signal; a refused input leaves no output and an existing output
# as it was; no temporary file is left; peak memory stays under a bound (not measured
# under the sanitizers, whose own memory is not ours).
#   hostile_cli_test.sh VANBAN SOURCE_DIR [sanitized]
set -uo pipefail
vanban="$1"
source_dir="$2"
sanitized="${3:-}"
work="$(mktemp -d /tmp/vanban-hostile-cli-XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 "$source_dir/tests/tools/make_hostile_inputs.py" --fuzz-seeds "$work/in" || exit 1

passed=0
failed=0
# expect <status> <command words…>: runs the command with -o into a fresh directory.
check() {
  local want="$1" input="$2"
  shift 2
  local out="$work/out"
  rm -rf "$out" && mkdir -p "$out"
  printf 'previous' >"$out/x.pdf"
  local status peak
  /usr/bin/time -f '%M' -o "$work/rss" timeout -s KILL 60 "$vanban" "$@" -o "$out/x.pdf" >"$work/log" 2>&1
  status=$?
  peak=$(tail -1 "$work/rss" 2>/dev/null | tr -dc 0-9)
  local problem=""
  if [ "$status" -ne "$want" ]; then
    problem="exit status $status, expected $want"
  elif [ "$status" -eq 1 ] && [ "$(cat "$out/x.pdf")" != "previous" ]; then
    problem="refused, yet the old output was replaced"
  elif ls -A "$out" | grep -q 'vanban-tmp'; then
    problem="a temporary file was left: $(ls -A "$out")"
  elif [ "$status" -eq 1 ] && ! grep -q "$(basename "$input")" "$work/log"; then
    problem="the error does not name the file"
  elif [ -z "$sanitized" ] && [ -n "$peak" ] && [ "$peak" -gt 1048576 ]; then
    problem="peak memory ${peak} KB (over 1 GB)"
  fi
  if [ -n "$problem" ]; then
    failed=$((failed + 1))
    echo "FAIL $(basename "$input"): $problem"
    sed -n '1,5p' "$work/log" | cut -c1-300
  else
    passed=$((passed + 1))
    echo "ok   $(basename "$input"): exit $status, ${peak:-?} KB: $(grep -m1 -E 'error|rows failed|certificates' "$work/log" | cut -c1-160)"
  fi
}

for f in "$work"/in/fuzz_recipient_list/*; do
  case "$(basename "$f")" in
    list-small.csv | list-minified-2000.json) want=0 ;;
    csv-control-characters.csv) want=3 ;;
    *) want=1 ;;
  esac
  check "$want" "$f" batch giay-khen "$f" --date 2022-01-01
done
for f in "$work"/in/fuzz_model/*; do
  check 1 "$f" render ke-hoach "$f" --date 2021-03-05
done
for f in "$work"/in/fuzz_png/*; do
  check 1 "$f" batch giay-khen "$source_dir/samples/danh-sach-khen-thuong.csv" --emblem "$f"
done
for f in "$work"/in/fuzz_template/*; do
  check 1 "$f" batch "$f" "$source_dir/samples/danh-sach-khen-thuong.csv"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
