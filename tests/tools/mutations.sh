#!/usr/bin/env bash
# Proves that the decree tests fail when a rule is broken: applies one mutation at a
# time to templates/nd30.xml (a copy is restored after each), runs the named tests and
# reports whether they failed. Usage: bash tests/tools/mutations.sh [build-dir]
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
profile="$root/templates/nd30.xml"
backup="$(mktemp)"
cp "$profile" "$backup"
trap 'cp "$backup" "$profile"; rm -f "$backup"' EXIT
caught=0 missed=0
mutate() {  # sed-expression gtest-filter
  cp "$backup" "$profile"
  sed -i "$1" "$profile"
  if cmp -s "$profile" "$backup"; then echo "NOT APPLIED: $1"; missed=$((missed + 1)); return; fi
  if "$build/tests/engine_tests" --gtest_filter="$2" >/dev/null 2>&1; then
    echo "MISSED: $1 ($2 still passes)"; missed=$((missed + 1))
  else
    echo "caught: $1"; caught=$((caught + 1))
  fi
}
mutate 's/name="agency" thickness="0.6pt" length-ratio="0.4"/name="agency" thickness="0.6pt" length-ratio="0.6"/' 'Rendered.Agency*'
mutate 's/name="motto" thickness="0.6pt" length-ratio="1"/name="motto" thickness="0.6pt" length-ratio="0.9"/' 'Rendered.Motto*'
mutate 's/<style name="body" base="base" align="justify"/<style name="body" base="base" align="left"/' 'Rendered.BodyIs*'
mutate 's/first-indent="1.27cm" space-after="6pt"/first-indent="2cm" space-after="6pt"/' 'Rendered.BodyIs*'
mutate 's/first-indent="1.27cm" space-after="6pt"/first-indent="1.27cm" space-after="3pt"/' 'Rendered.LineSpacing*'
mutate 's/space-after="6pt" line-spacing="1.1"/space-after="6pt" line-spacing="1.6"/' 'Rendered.LineSpacing*'
mutate 's/number-first-page="false"/number-first-page="true"/' 'Rendered.PageNumbers*'
mutate 's/number-baseline="14.5mm"/number-baseline="30mm"/' 'Rendered.PageNumbers*'
mutate 's/<style name="recipients" base="base" size="11pt"/<style name="recipients" base="base" size="12pt"/' 'Rendered.Recipients*'
mutate 's/size="12pt" bold="true" italic="true"/size="12pt" bold="true" italic="false"/' 'Rendered.Recipients*'
mutate 's/signature-space="28mm"/signature-space="10mm"/' 'Rendered.Recipients*'
mutate 's/margin-left="30mm"/margin-left="25mm"/' 'Rendered.EveryPage*'
mutate 's/margin-bottom="20mm"/margin-bottom="12mm"/' 'Rendered.EveryPage*'
mutate 's/<style name="national-title" base="base" size="13pt"/<style name="national-title" base="base" size="14pt"/' 'Rendered.HeaderElements*'
mutate 's/<style name="place-date" base="base" size="14pt" italic="true"/<style name="place-date" base="base" size="14pt" italic="false"/' 'Rendered.HeaderElements*'
mutate 's/<style name="number" base="base" size="13pt"/<style name="number" base="base" size="14pt"/' 'Rendered.HeaderElements*'
mutate 's/uppercase="true" align="left" keep-with-next="true"/uppercase="true" align="left" keep-with-next="false"/' 'Rendered.Section*'
mutate 's/<rule thickness="0.6pt" length-ratio="0.4" gap="5.5pt"\/>/<rule thickness="0.6pt" length-ratio="0.25" gap="5.5pt"\/>/' 'Rendered.TypeAndSubject*'
mutate 's/<style name="appendix-reference" base="base" size="14pt" italic="true"/<style name="appendix-reference" base="base" size="14pt" italic="false"/' 'Rendered.EachAppendix*'
echo "$caught caught, $missed missed"
[ "$missed" -eq 0 ]
