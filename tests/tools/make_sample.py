#!/usr/bin/env python3
"""Builds samples/ke-hoach-hoa-binh-2021.json from the restored text of the plan
(../shared/reference/ke-hoach-2021-restored.txt), so the sample is the restored text
word for word. The structure (sections, clauses, points, dashes, appendices) is read
from the numbering at the start of each line.

    python3 tests/tools/make_sample.py ../shared/reference/ke-hoach-2021-restored.txt > samples/ke-hoach-hoa-binh-2021.json
"""
import json
import re
import sys

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def read_lines(path):
    text = open(path, encoding="utf-8").read()
    text = text.split("=== EDITOR'S NOTES")[0]
    return [line.rstrip("\n") for line in text.split("\n") if line.strip()]


def is_dots(line):
    return set(line.strip()) == {"…"}


class Body:
    """Nests blocks by level: section 1, clause 2, point 3, dash 4, plus 5."""

    def __init__(self):
        self.root = []
        self.stack = []  # (level, block)
        self.counts = {}

    def container(self, level):
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        return self.stack[-1][1].setdefault("content", []) if self.stack else self.root

    def add(self, level, block):
        self.container(level).append(block)
        if level < 9:
            self.stack.append((level, block))

    def top_level(self, block):
        self.stack = []
        self.root.append(block)


def classify(lines, i, body, in_form, section_count):
    line = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    m = re.match(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\. (.*)$", line)
    if m:
        section_count[0] += 1
        block = {"type": "section", "title": m.group(2)}
        if ROMAN[section_count[0] - 1] != m.group(1):
            block["label"] = m.group(1)
        body.add(1, block)
        return
    m = re.match(r"^(\d+)\. (.*)$", line)
    if m:
        rest = m.group(2)
        follows_hint = nxt.startswith("(") or is_dots(nxt)
        titled = follows_hint if in_form else (len(rest) < 80 and not rest.endswith((".", ";", ":")))
        block = {"type": "clause", ("title" if titled else "text"): rest}
        body.add(2, block)
        return
    m = re.match(r"^([a-zđ])\) (.*)$", line)
    if m:
        body.add(3, {"type": "point", "title": m.group(2)})
        return
    if line.startswith("- "):
        body.add(4, {"type": "dash", "text": line[2:]})
        return
    if line.startswith("+ "):
        body.add(5, {"type": "plus", "text": line[2:]})
        return
    if line.startswith("* "):
        body.top_level({"type": "contact", "text": line[2:]})
        return
    if in_form and line.startswith("("):
        body.add(9, {"type": "paragraph", "style": "form-hint", "text": line})
        return
    if in_form and "ngày" in line and line.startswith("…"):
        body.top_level({"type": "paragraph", "style": "form-place-date", "text": line})
        return
    if in_form and line.isupper():
        body.top_level({"type": "paragraph", "style": "form-signing-caption", "text": line})
        return
    # A free paragraph: inside the current clause, or at the top before any section and
    # after the contact line.
    if body.stack and body.stack[-1][0] >= 4:
        body.container(4).append({"type": "paragraph", "text": line})
    elif body.stack:
        body.stack[-1][1].setdefault("content", []).append({"type": "paragraph", "text": line})
    else:
        body.root.append({"type": "paragraph", "text": line})


def main(path):
    lines = read_lines(path)
    doc = {"template": "ke-hoach"}
    doc["parent_agency"] = lines[0]
    doc["issuing_agency"] = lines[1]
    m = re.match(r"^Số:(\s*)(\d*)/(.*)$", lines[2])
    doc["number"] = {"number": m.group(2), "symbol": m.group(3)}
    doc["national_title"] = lines[3]
    doc["motto"] = lines[4]
    m = re.match(r"^(.*), ngày(\s+(\d+)\s+|\s+)tháng (\d+) năm (\d+)$", lines[5])
    doc["place"] = m.group(1)
    doc["date"] = {"day": int(m.group(3)) if m.group(3) else None, "month": int(m.group(4)), "year": int(m.group(5))}
    assert lines[6] == "KẾ HOẠCH", lines[6]
    doc["subject"] = lines[7]

    i = 8
    body = Body()
    sections = [0]
    while lines[i] != "Nơi nhận:":
        classify(lines, i, body, False, sections)
        i += 1
    doc["body"] = body.root
    i += 1
    recipients = []
    while lines[i].startswith("- "):
        recipients.append(lines[i][2:])
        i += 1
    doc["recipients"] = recipients
    authority = []
    while lines[i].isupper():
        authority.append(lines[i])
        i += 1
    doc["signature"] = {"authority": authority, "signer_name": lines[i]}
    i += 1
    doc["issuer_name"] = "Sở Giáo dục và Đào tạo tỉnh Hòa Bình"
    doc["appendix_numbering"] = "arabic"

    appendices = []
    while i < len(lines):
        m = re.match(r"^Phụ lục (\d+)$", lines[i])
        assert m, lines[i]
        appendix = {"title": lines[i + 1], "reference": lines[i + 2], "body": []}
        i += 3
        body = Body()
        while i < len(lines) and not lines[i].startswith("Phụ lục "):
            if is_dots(lines[i]):
                count = 0
                while i < len(lines) and is_dots(lines[i]):
                    count += 1
                    i += 1
                body.add(9, {"type": "fill_lines", "lines": count})
                continue
            classify(lines, i, body, True, [0])
            i += 1
        appendix["body"] = body.root
        appendices.append(appendix)
    doc["appendices"] = appendices
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
