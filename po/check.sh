#!/usr/bin/env bash
# Fails when a message catalogue is not complete: every message the sources mark (tr,
# trf, N_) must have a translation in each po/<lang>.po, none fuzzy, and msgfmt --check
# must accept the catalogue (its {0} arguments kept, header well formed).
#   bash po/check.sh   (ctest runs it: I18n.CatalogueIsComplete)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d /tmp/vanban-po-check-XXXXXX)"
trap 'rm -rf "$work"' EXIT
bash po/update.sh --pot "$work/vanban.pot" || exit 1
failed=0
for po in po/*.po; do
  lang="$(basename "$po" .po)"
  if ! msgfmt --check -o /dev/null "$po"; then
    echo "FAIL $po: msgfmt --check refuses it"
    failed=1
    continue
  fi
  # The catalogue as it would be after po/update.sh: what is missing shows up there.
  msgmerge --quiet --no-wrap --no-fuzzy-matching -o "$work/$lang.po" "$po" "$work/vanban.pot"
  missing="$(msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid "' )"
  fuzzy="$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid "')"
  # The header entry (msgid "") counts once in each list that is not empty.
  [ "$missing" -gt 0 ] && missing=$((missing - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "FAIL $po: $missing messages untranslated, $fuzzy fuzzy (run bash po/update.sh and translate):"
    msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep '^msgid "' | grep -v '^msgid ""$' | head -20
    failed=1
  fi
  # Every {n} of a message is in its translation.
  python3 - "$work/$lang.po" <<'PY' || failed=1
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for m in re.finditer(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', text, re.M):
    unq = lambda s: "".join(re.findall(r'"(.*)"', s))
    msgid, msgstr = unq(m.group(1)), unq(m.group(2))
    if not msgid or not msgstr:
        continue
    want, got = sorted(set(re.findall(r"\{\d+\}", msgid))), sorted(set(re.findall(r"\{\d+\}", msgstr)))
    if want != got:
        print(f"FAIL {sys.argv[1]}: {msgid!r} has {want}, its translation {got}")
        bad = 1
sys.exit(bad)
PY
done
[ "$failed" -eq 0 ] && echo "every marked message is translated in $(ls po/*.po | tr '\n' ' ')"
exit "$failed"
