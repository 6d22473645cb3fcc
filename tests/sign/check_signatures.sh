#!/usr/bin/env bash
# Checks a signed PDF as a user's tools see it, for the tests of every surface that signs
# (the CLI, the C API, batches):
#   check_signatures.sh FILE COUNT
# passes (exit 0) when poppler's pdfsig reports exactly COUNT signatures, every one
# "Signature is Valid.", the last one covering the whole file ("Total document signed")
# and no other, and `qpdf --check` finds the file sound; else prints why and exits 1.
set -euo pipefail
file="$1"
want="$2"
report="$(TZ=UTC pdfsig "$file" 2>&1 || true)"
fail() { printf 'check_signatures: %s: %s\n%s\n' "$file" "$1" "$report" >&2; exit 1; }
count="$(grep -c '^Signature #' <<<"$report" || true)"
[ "$count" = "$want" ] || fail "$count signatures, expected $want"
valid="$(grep -c 'Signature Validation: Signature is Valid\.' <<<"$report" || true)"
[ "$valid" = "$want" ] || fail "$valid of $want signatures valid"
whole="$(grep -c -- '- Total document signed' <<<"$report" || true)"
[ "$whole" = 1 ] || fail "$whole signatures cover the whole file, expected 1 (the last)"
last="$(awk '/^Signature #/{n=$0} /Total document signed/{print n}' <<<"$report")"
[ "$last" = "Signature #$want:" ] || fail "the signature covering the whole file is not the last"
qpdf --check "$file" >/dev/null 2>&1 || fail "qpdf --check fails"
echo "check_signatures: $file: $want valid signatures, the last covering the whole file"
