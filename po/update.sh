#!/usr/bin/env bash
# Brings the message catalogues up to date with the sources: every message marked with
# tr(), trf() or N_() under engine/ (core/i18n.h) is extracted by xgettext and merged
# into each po/<lang>.po (msgmerge: new messages come in untranslated, changed ones fuzzy).
# Then translate what `msgattrib --untranslated po/vi.po` and `--only-fuzzy` list.
#   bash po/update.sh            update every po/*.po
#   bash po/update.sh --pot OUT  only write the template (check.sh uses it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

extract() {
  # Sorted file names: the template does not depend on the directory order.
  find engine -name '*.cpp' -o -name '*.h' | LC_ALL=C sort |
    xgettext --files-from=- --language=C++ --from-code=UTF-8 --keyword= --keyword=tr --keyword=trf --keyword=N_ \
      --package-name=vanban --msgid-bugs-address=dev@vanban.invalid --no-wrap --sort-by-file -o "$1"
}

if [ "${1:-}" = --pot ]; then
  extract "$2"
  exit 0
fi
pot="$(mktemp /tmp/vanban-pot-XXXXXX)"
trap 'rm -f "$pot"' EXIT
extract "$pot"
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-wrap --sort-by-file "$po" "$pot"
  msgattrib --no-obsolete --no-wrap --sort-by-file -o "$po" "$po"
  echo "$po: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
done
