#!/usr/bin/env python3
"""Shows that each rule of the check stage (engine/check, docs/check.md) has a test that fails
without it: disables one rule at a time (a condition made false), rebuilds check_tests, runs it
and prints the tests that failed; the source is restored after each. Every line must name at
least one failing test.

    python3 tests/tools/check_mutations.py [BUILD_DIR] [name filter...]
"""
import os, subprocess, sys
repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
args = sys.argv[1:]
build = os.path.abspath(args.pop(0)) if args and os.path.isdir(args[0]) else os.path.join(repo, 'build')
root = os.path.join(repo, 'engine', 'check') + '/'
M = [
 ("ND30-SO-2 leading zero", "number_rules.cpp", "} else if (value < 10 && number.size() == 1) {", "} else if (false) {"),
 ("ND30-SO-1 digits", "number_rules.cpp", "    if (value < 0) {", "    if (false) {"),
 ("ND30-SO-1 year", "number_rules.cpp", "if (!n.year.empty() && date_year > 0 && n.year != std::to_string(date_year)) {", "if (false) {"),
 ("ND30-TYPE-2 case", "number_rules.cpp", "} else if (lower(g0) == lower(kind_abbr) || bare(g0) == bare(kind_abbr)) {", "} else if (false) {"),
 ("ND30-TYPE-2 other kind", "number_rules.cpp", "} else if (other && other->abbreviation != kind_abbr) {", "} else if (false) {"),
 ("ND30-TYPE-2 cong van", "number_rules.cpp", "if (k || lower(groups[0]) == U\"cv\") {", "if (false) {"),
 ("ND30-TYPE-2 copies", "number_rules.cpp", "    if (!abbr.empty()) {", "    if (false) {"),
 ("ND30-SO-3 order", "number_rules.cpp", "      if (later) {", "      if (false) {"),
 ("ND30-SO-3 agency", "number_rules.cpp", "    if (g != expected && upper(bare(g))", "    if (false && g != expected && upper(bare(g))"),
 ("ND30-SO-3 no agency", "number_rules.cpp", "    if (groups.size() < 2) {", "    if (false) {"),
 ("ND30-SO-4 spaces", "number_rules.cpp", "      if (!spaces) {", "      if (false) {"),
 ("ND30-SO-4 lower case", "number_rules.cpp", "    } else if (lower_case) {", "    } else if (false) {"),
 ("ND30-SO-4 ampersand", "number_rules.cpp", "    if (g.find(U'&') != std::u32string::npos) {", "    if (false) {"),
 ("ND30-NN-4 semicolon", "closing_rules.cpp", "if (!last && end != U';') {", "if (false) {"),
 ("ND30-NN-4 dash", "closing_rules.cpp", "    if (is_dash(line.front())) {", "    if (false) {"),
 ("ND30-NN-5 full stop", "closing_rules.cpp", "if (last && end != U'.') {", "if (false) {"),
 ("ND30-NN-5 Luu missing", "closing_rules.cpp", "  if (archive == lines.size()) {\n    out.error", "  if (false) {\n    out.error"),
 ("ND30-NN-5 Luu colon", "closing_rules.cpp", "      if (rest.empty() || rest.front() != U':') {", "      if (false) {"),
 ("ND30-NN-5 Luu VT", "closing_rules.cpp", "      if (lower(rest.substr(0, 2)) != U\"vt\" || (rest.size() > 2 && is_letter(rest[2]))) {", "      if (false) {"),
 ("ND30-NN-5 comma", "closing_rules.cpp", "if (!after.empty() && (is_letter(after.front()) || is_digit(after.front()))) {", "if (false) {"),
 ("ND30-NN-6 nhu tren", "closing_rules.cpp", "if (starts_with(low, U\"như trên\") && !names_addressee(ctx.doc)) {", "if (false) {"),
 ("ND30-NN-2 kinh gui", "closing_rules.cpp", "if (lines.size() > 1 && (line.back() == U';'", "if (false && (line.back() == U';'"),
 ("ND30-SIG-1 form", "closing_rules.cpp", "if (line.substr(0, proper.size() + 1) != proper + U\" \") {", "if (false) {"),
 ("ND30-SIG-1 TM", "closing_rules.cpp", "if (is_title(rest) && !is_body(rest)) {", "if (false) {"),
 ("ND30-SIG-1 KT body", "closing_rules.cpp", "if (is_body(rest) && !is_title(rest)) {", "if (false) {"),
 ("ND30-SIG-1 KT deputy", "closing_rules.cpp", "} else if (prefix == U\"KT\" && !starts_with(following", "} else if (false && !starts_with(following"),
 ("ND30-SIG-2 KT last", "closing_rules.cpp", "} else if (prefix == U\"KT\" && !next) {", "} else if (false) {"),
 ("ND30-SIG-3 degrees", "closing_rules.cpp", "      out.warning(\"ND30-SIG-3\", field,\n", "      if (false) out.warning(\"ND30-SIG-3\", field,\n"),
 ("ND30-CAP-2 name", "closing_rules.cpp", "  if (wrong) {\n    out.warning(all_upper(name)", "  if (false) {\n    out.warning(all_upper(name)"),
 ("ND30-SIG-5 placeholder", "closing_rules.cpp", "    if (at == std::u32string::npos) continue;\n    out.error(\"ND30-SIG-5\"", "    continue;\n    out.error(\"ND30-SIG-5\""),
 ("ND30-QH-1", "capital_rules.cpp", "d.national_title != \"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\") {", "d.national_title != \"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\" && false) {"),
 ("ND30-QH-3", "capital_rules.cpp", "if (!d.motto.empty() && d.motto != ", "if (false && d.motto != "),
 ("ND30-DATE-1", "capital_rules.cpp", "if (place.find(U\"TP.\") != std::u32string::npos || place.find(U\"Tp.\") != std::u32string::npos) {", "if (false) {"),
 ("ND30-DATE-3", "capital_rules.cpp", "  if (wrong) {\n    out.warning(\"ND30-DATE-3\"", "  if (false) {\n    out.warning(\"ND30-DATE-3\""),
 ("ND30-CQ-1", "capital_rules.cpp", "      if (at.empty()) continue;\n      out.warning(\"ND30-CQ-1\"", "      continue;\n      out.warning(\"ND30-CQ-1\""),
 ("ND30-CAP-5", "capital_rules.cpp", "      std::u32string proper = name;", "      continue;\n      std::u32string proper = name;"),
 ("ND30-CAP-3 generic", "capital_rules.cpp", "if (capital && is_upper(name.front()) && !sentence_start(s, at) && !all_upper(name)) {", "if (false) {"),
 ("ND30-CAP-3 number", "capital_rules.cpp", "        if (!capital) {", "        if (false) {"),
 ("ND30-CAP-4", "capital_rules.cpp", "} else if (!place_low.empty() && is_lower(name.front())", "} else if (false && is_lower(name.front())"),
 ("ND30-CAP-9 capital", "capital_rules.cpp", "      out.warning(\"ND30-CAP-9\", t.field,\n                  trf(\"\\\"{0} {1}\\\" of", "      if (false) out.warning(\"ND30-CAP-9\", t.field,\n                  trf(\"\\\"{0} {1}\\\" of"),
 ("ND30-CAP-9 lower", "capital_rules.cpp", "      out.warning(\"ND30-CAP-9\", t.field,\n                  trf(\"\\\"{0}\\\" stays", "      if (false) out.warning(\"ND30-CAP-9\", t.field,\n                  trf(\"\\\"{0}\\\" stays"),
 ("ND30-CAP-1 start", "capital_rules.cpp", "if (first < s.size() && is_lower(s[first]) && first < 3) {", "if (false) {"),
 ("ND30-CAP-1 after stop", "capital_rules.cpp", "      out.warning(\"ND30-CAP-1\", t.field, tr(\"a sentence starts with a capital letter\"), {}, i + 2);", "      (void)i;"),
 ("ND30-NUM gap", "structure_rules.cpp", "    } else if (value > run.last + 1) {", "    } else if (false) {"),
 ("ND30-NUM duplicate", "structure_rules.cpp", "    if (run.seen.count(value)) {", "    if (false) {"),
 ("ND30-NUM-6 letter", "structure_rules.cpp", "if (!letter && label.size() == 1 && is_letter(label[0])) {", "if (false) {"),
 ("ND30-CC-1", "structure_rules.cpp", "if (!last && line.back() != U';') {", "if (false) {"),
 ("ND30-TL-2", "structure_rules.cpp", "} else if (subject.size() > 3 && all_upper(subject)) {", "} else if (false) {"),
 ("ND30-TL-4", "structure_rules.cpp", "if (under_number && !prefix.empty() && starts_with(lower(subject), lower(prefix))) {", "if (false) {"),
 ("ND30-BODY-6", "structure_rules.cpp", "if (!ends_with(trim(whole), U\"./.\")) {", "if (false) {"),
 ("ND30-DATE-2 text", "structure_rules.cpp", "if (utf8(day) != want_day || utf8(month) != want_month) {", "if (false) {"),
 ("ND30-PL-1 roman", "appendix_rules.cpp", "      if (labels[i].roman) continue;", "      continue;"),
 ("ND30-PL-1 missing", "appendix_rules.cpp", "      out.error(\"ND30-PL-1\", m.field,", "      if (false) out.error(\"ND30-PL-1\", m.field,"),
 ("ND30-PL-1 unannounced", "appendix_rules.cpp", "    if (announced[i] || generic) continue;", "    continue;"),
 ("ND30-PL-1 other document", "appendix_rules.cpp", "      if (other_document(t.text, p)) continue;", "      (void)p;"),
 ("ND30-PL-4 symbol", "appendix_rules.cpp", "if (!d.omit_number && symbol != u32(d.number.symbol)) {", "if (false) {"),
 ("ND30-PL-4 date", "appendix_rules.cpp", "    if (mismatch) {", "    if (false) {"),
 ("ND30-DATE-2 reference", "appendix_rules.cpp", "if (dv > 0 && dv < 10 && day.size() == 1) {", "if (false) {"),
 ("positions inside text", "findings.cpp", "  if (resolved && offset != kNoOffset) {", "  if (false) {"),
 ("findings limit", "check.cpp", "    } else if (warnings < Diagnostics::kDefaultLimit) {", "    } else if (true) {"),
]
only = args
missed = []
for name, f, a, b in M:
    if only and not any(o in name for o in only): continue
    p = root + f
    src = open(p).read()
    n = src.count(a)
    if n != 1:
        print(f"{name}: PATTERN x{n}", flush=True); continue
    try:
        open(p, 'w').write(src.replace(a, b))
        r = subprocess.run(f"nice cmake --build {build} --target check_tests -j2 2>&1 | grep -E ' error ' | head -3", shell=True, capture_output=True, text=True)
        if r.stdout.strip():
            print(f"{name}: BUILD {r.stdout.strip()}", flush=True); continue
        r = subprocess.run(f"{build}/tests/check_tests 2>&1 | grep '^\\[  FAILED  \\]' | grep -v 'listed below' | sed 's/ (.*//' | sort -u", shell=True, capture_output=True, text=True)
        failed = [l.replace('[  FAILED  ] ','') for l in r.stdout.split('\n') if l.strip()]
        print(f"{name}: {len(failed)} failing: {', '.join(failed)}", flush=True)
        if not failed: missed.append(name)
    finally:
        open(p, 'w').write(src)
subprocess.run(f"nice cmake --build {build} --target check_tests -j2 >/dev/null 2>&1", shell=True)
if missed:
    print("no test failed without: " + ", ".join(missed))
    sys.exit(1)
