#!/usr/bin/env python3
"""Writes a Typst document equivalent to a vanban model (the peer in the benchmark):
A4 with the Decree 30 margins, Liberation Serif (Times New Roman metrics), the two-column
header with its rules, type and subject, the justified body with the same numbering,
Nơi nhận beside the signature, page numbers from page 2, each appendix on a new page
with its own numbering. Typst has no Decree 30 package: this is written by hand, as a
user of Typst would have to.

    python3 plan_to_typst.py model.json > plan.typ
"""
import json
import sys

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def esc(s):
    out = []
    for ch in s:
        if ch in "\\#*_`$<>@[]~/\"'=-+.":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def rich(value):
    if isinstance(value, str):
        return esc(value)
    out = ""
    for span in value:
        if isinstance(span, str):
            out += esc(span)
        else:
            (key, text), = span.items()
            out += {"b": "#strong[%s]", "i": "#emph[%s]", "bi": "#strong[#emph[%s]]"}[key] % esc(text)
    return out


def blocks(items, out):
    counts = {}
    for b in items:
        kind = b["type"]
        counts[kind] = counts.get(kind, 0) + 1
        n = counts[kind]
        if kind == "section":
            label = b.get("label") or ROMAN[n - 1]
            out.append("#par(first-line-indent: 1.27cm)[#strong[%s. %s]]" % (esc(label), rich(b["title"]).upper()))
        elif kind in ("clause", "point"):
            label = b.get("label") or (str(n) if kind == "clause" else LETTERS[n - 1])
            mark = "." if kind == "clause" else ")"
            if "title" in b:
                text = rich(b["title"])
                out.append("#par[#strong[%s%s %s]]" % (esc(label), esc(mark), text) if kind == "clause"
                           else "#par[%s%s %s]" % (esc(label), esc(mark), text))
            else:
                out.append("#par[%s%s %s]" % (esc(label), esc(mark), rich(b["text"])))
        elif kind in ("dash", "plus", "contact"):
            mark = {"dash": "-", "plus": "+", "contact": "*"}[kind]
            out.append("#par[%s %s]" % (esc(mark), rich(b["text"])))
        elif kind == "paragraph":
            style = b.get("style", "")
            text = rich(b["text"])
            if style == "form-hint":
                out.append("#par[#emph[%s]]" % text)
            elif style == "form-place-date":
                out.append("#pad(left: 50mm)[#align(center)[#emph[%s]]]" % text)
            elif style == "form-signing-caption":
                out.append("#pad(left: 50mm)[#align(center)[#text(13pt)[#strong[%s]]]]" % text)
            else:
                out.append("#par[%s]" % text)
        elif kind == "fill_lines":
            for _ in range(b["lines"]):
                out.append("#block(width: 100%, spacing: 6pt)[#repeat[…]]")
        blocks(b.get("content", []), out)


def main(path):
    d = json.load(open(path, encoding="utf-8"))
    out = [
        '#set document(title: "%s")' % esc(d["subject"]),
        '#set text(font: "Liberation Serif", size: 14pt, lang: "vi")',
        '#set page(paper: "a4", margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 15mm),',
        '  header: context { let n = counter(page).get().first(); if n > 1 { align(center, text(14pt, str(n))) } })',
        "#set par(justify: true, first-line-indent: (amount: 1.27cm, all: true), spacing: 0.9em + 6pt, leading: 0.6em)",
    ]
    date = d["date"]
    day = "%02d" % date["day"] if date.get("day") else "      "
    month = str(date["month"]) if date.get("month") else "      "
    number = d.get("number", {})
    num = ("Số: " + number["number"] if number.get("number") else "Số:      ") + "/" + number.get("symbol", "")
    parent = d.get("parent_agency", "")
    out.append("#grid(columns: (65mm, 100mm), row-gutter: 4pt,")
    out.append("  align(center)[#text(13pt)[%s] \\ #text(13pt)[#strong[%s]] #v(-8pt) #line(length: 24mm, stroke: 0.6pt)],"
               % (esc(parent if isinstance(parent, str) else " ".join(parent)), esc(d["issuing_agency"])))
    out.append("  align(center)[#text(13pt)[#strong[%s]] \\ #strong[%s] #v(-8pt) #line(length: 60.4mm, stroke: 0.6pt)],"
               % (esc(d.get("national_title", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
                  esc(d.get("motto", "Độc lập - Tự do - Hạnh phúc"))))
    out.append("  align(center)[#text(13pt)[%s]], align(center)[#emph[%s, ngày%stháng %s năm %s]])"
               % (esc(num), esc(d["place"]), esc(" " + day + " " if day.strip() else day), month, date["year"]))
    out.append("#v(18pt)")
    out.append("#align(center)[#strong[KẾ HOẠCH] \\ #strong[%s] #v(-8pt) #line(length: 60mm, stroke: 0.6pt)]" % esc(d["subject"]))
    body = []
    blocks(d["body"], body)
    out.extend(body)
    signature = d["signature"]
    authority = signature["authority"] if isinstance(signature["authority"], list) else [signature["authority"]]
    recipients = " \\ ".join("- " + esc(r) for r in d.get("recipients", []))
    out.append("#block(breakable: false)[#grid(columns: (60mm, 105mm),")
    out.append("  [#text(12pt)[#strong[#emph[Nơi nhận:]]] \\ #text(11pt)[%s]]," % recipients)
    out.append("  align(center)[#strong[%s] #v(28mm) #strong[%s]])]"
               % (" \\ ".join(esc(a) for a in authority), esc(signature["signer_name"])))
    for i, a in enumerate(d.get("appendices", [])):
        out.append("#pagebreak()")
        out.append("#counter(page).update(1)")
        out.append("#align(center)[#strong[Phụ lục %d] \\ #strong[%s] \\ #emph[%s] #v(-8pt) #line(length: 50mm, stroke: 0.6pt)]"
                   % (i + 1, esc(a.get("title", "")), esc(a.get("reference", ""))))
        body = []
        blocks(a["body"], body)
        out.extend(body)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
