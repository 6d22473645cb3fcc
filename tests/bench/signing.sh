#!/usr/bin/env bash
# What signing and PDF/A cost (issue #13): tests/bench/bench_signing.cpp with test keys made
# now (tests/sign/make_keys.sh) and a list of 1,000 people (make_recipients.py).
#   bash tests/bench/signing.sh [build-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target vanban_bench_signing >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bash "$root/tests/sign/make_keys.sh" "$tmp/keys"
python3 "$root/tests/bench/make_recipients.py" 1000 "$tmp/list.csv"
"$build/tests/bench/vanban_bench_signing" "$root" "$tmp/keys" "$tmp/list.csv" "${ITERATIONS:-100}"
