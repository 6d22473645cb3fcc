#!/usr/bin/env bash
# PDF/A-2 through the command (ISO 19005-2, docs/pdfa.md): `render --pdfa` (tagged by
# default: 2a; --no-tags: 2u), a blank form, a certificate
# batch in one file and one file per row, and `vanban sign` of a PDF/A-2u file twice (the
# signer, then the body) and of a 2a file: every file passes tests/tools/pdfa_check.py, the signed one
# pdfsig too ("a signed PDF/A stays PDF/A").
#   pdfa_cli_test.sh VANBAN SOURCE_DIR
set -euo pipefail
vanban="$1"
src="$2"
tmp="$(mktemp -d /tmp/vanban-pdfa-cli-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
check=(/usr/bin/python3 "$src/tests/tools/pdfa_check.py")
date=(--date 2024-12-01T08:00:00+07:00 --template-dir "$src/templates")
fail() { echo "FAIL: $*" >&2; exit 1; }

"$vanban" render ke-hoach "$src/samples/ke-hoach-hoa-binh-2021.json" -o "$tmp/plan-2u.pdf" --pdfa --no-tags "${date[@]}"
"$vanban" render ke-hoach "$src/samples/ke-hoach-hoa-binh-2021.json" -o "$tmp/plan.pdf" --pdfa "${date[@]}"
"$vanban" render ke-hoach "$src/samples/ke-hoach-hoa-binh-2021.json" -o "$tmp/plain.pdf" "${date[@]}"
"$vanban" render phu-luc-1 --blank -o "$tmp/form.pdf" --pdfa "${date[@]}"
# The sample list's first six rows (later rows are wrong on purpose, for the batch tests).
head -n 7 "$src/samples/danh-sach-khen-thuong.csv" > "$tmp/list.csv"
"$vanban" batch giay-khen "$tmp/list.csv" -o "$tmp/khen.pdf" --pdfa "${date[@]}"
"$vanban" batch giay-khen "$tmp/list.csv" -o "$tmp/rows/" --pdfa "${date[@]}"
[ "$(ls "$tmp"/rows/*.pdf | wc -l)" = 6 ] || fail "not one file per row"
"${check[@]}" "$tmp/plan-2u.pdf" "$tmp/plan.pdf" "$tmp/form.pdf" "$tmp/khen.pdf" "$tmp"/rows/*.pdf
grep -aq '<pdfaid:conformance>U</pdfaid:conformance>' "$tmp/plan-2u.pdf" || fail "--no-tags --pdfa is not 2u"
grep -aq '/StructTreeRoot' "$tmp/plan.pdf" || fail "a --pdfa file (tagged by default) has no structure tree"
grep -aq '<pdfaid:conformance>A</pdfaid:conformance>' "$tmp/plan.pdf" || fail "a tagged --pdfa file is not 2a"
# Without --pdfa: no PDF/A claim, no output intent, but XMP and /Lang all the same.
! grep -aq 'pdfaid:part' "$tmp/plain.pdf" || fail "a file without --pdfa claims PDF/A"
! grep -aq '/OutputIntents' "$tmp/plain.pdf" || fail "a file without --pdfa has an output intent"
grep -aq '/Lang' "$tmp/plain.pdf" && grep -aq '<vanban:Number>' "$tmp/plain.pdf" || fail "a plain file lacks /Lang or XMP"

# Signed twice, as the decree orders: still PDF/A, both signatures valid, the last whole.
bash "$src/tests/sign/make_keys.sh" "$tmp/keys" >/dev/null
/usr/bin/python3 "$src/tests/tools/make_png.py" signature "$tmp/signature.png"
/usr/bin/python3 "$src/tests/tools/make_png.py" seal "$tmp/seal.png"
printf 'secret' > "$tmp/pw.txt"
"$vanban" sign "$tmp/plan-2u.pdf" -o "$tmp/signed1.pdf" --p12 "$tmp/keys/signer.p12" --password-file "$tmp/pw.txt" \
  --role signer --image "$tmp/signature.png" --time 2024-12-01T09:00:00+07:00
"$vanban" sign "$tmp/signed1.pdf" -o "$tmp/signed2.pdf" --p12 "$tmp/keys/body.p12" --password-file "$tmp/pw.txt" \
  --role body --image "$tmp/seal.png" --time 2024-12-01T09:05:00+07:00
"$vanban" sign "$tmp/plan.pdf" -o "$tmp/signed-2a.pdf" --p12 "$tmp/keys/signer.p12" --password-file "$tmp/pw.txt" \
  --role signer --image "$tmp/signature.png" --time 2024-12-01T09:00:00+07:00
"${check[@]}" "$tmp/signed1.pdf" "$tmp/signed2.pdf" "$tmp/signed-2a.pdf"
grep -aq '<pdfaid:conformance>A</pdfaid:conformance>' "$tmp/signed-2a.pdf" || fail "signing changed the 2a claim"
out="$(pdfsig "$tmp/signed2.pdf" 2>&1)" || fail "pdfsig: $out"
[ "$(grep -c 'Signature is Valid' <<<"$out")" = 2 ] || fail "not two valid signatures: $out"
grep -q 'Total document signed' <<<"$out" || fail "the last signature does not cover the whole file: $out"
echo "PDF/A through the command: all pass"
