#!/usr/bin/env python3
"""The Typst peer of vanban's giay-khen certificate: the same page (A4 landscape, a red
and gold border, Quốc hiệu and Tiêu ngữ with its rule, red issuer and title, the name,
position and unit, achievement, decision and golden-book number bottom left, place,
date and signer bottom right), one page per row of a JSON list.

    certificates_to_typst.py list.json [first N rows] > certificates.typ
    certificates_to_typst.py list.json N --each DIR     one file per row: DIR/00001.typ …

The data is written into the source (Typst reads no files here). Typst does not shrink
long names to fit (vanban does): the peer does less work per page, not more.
"""
import json
import sys


def typst_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    rows = json.load(open(sys.argv[1], encoding="utf-8"))
    if len(sys.argv) > 2:
        rows = rows[: int(sys.argv[2])]
    each = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--each" else None
    out = [
        '#set page(paper: "a4", flipped: true, margin: (top: 24mm, bottom: 20mm, left: 28mm, right: 28mm),',
        '  background: {',
        '    let red = rgb("#b22222"); let gold = rgb("#c89b1a")',
        '    place(top + left, dx: 10mm, dy: 10mm, rect(width: 277mm, height: 190mm, stroke: 3pt + red))',
        '    place(top + left, dx: 10mm + 5pt, dy: 10mm + 5pt, rect(width: 277mm - 10pt, height: 190mm - 10pt, stroke: 0.8pt + gold))',
        '    place(top + left, dx: 10mm + 8pt, dy: 10mm + 8pt, rect(width: 277mm - 16pt, height: 190mm - 16pt, stroke: 0.5pt + red))',
        '    for (x, y) in ((10mm + 4pt, 10mm + 4pt), (287mm - 4pt, 10mm + 4pt), (10mm + 4pt, 200mm - 4pt), (287mm - 4pt, 200mm - 4pt)) {',
        '      for r in (14pt, 9pt) {',
        '        place(top + left, dx: x - r, dy: y - r, polygon(stroke: 1.2pt + gold, (r, 0pt), (2 * r, r), (r, 2 * r), (0pt, r)))',
        '      }',
        '      place(top + left, dx: x - 3pt, dy: y - 3pt, rect(width: 6pt, height: 6pt, fill: red))',
        '    }',
        '    for i in range(30) {',
        '      for y in (10mm + 2.5pt, 200mm - 2.5pt) {',
        '        let x = 10mm + 40pt + i * 24pt',
        '        place(top + left, dx: x - 4pt, dy: y - 2.5pt, polygon(stroke: 0.6pt + gold, (4pt, 0pt), (8pt, 2.5pt), (4pt, 5pt), (0pt, 2.5pt)))',
        '      }',
        '    }',
        '  })',
        '#set text(font: "Liberation Serif", lang: "vi", size: 14pt, top-edge: "ascender", bottom-edge: "descender")',
        '#set par(leading: 0.4em)',
        '#let cert(name, info, deed, decision, book, date) = {',
        '  set align(center)',
        '  let motto = text(16pt, weight: "bold")[Độc lập - Tự do - Hạnh phúc]',
        '  stack(dir: ttb, spacing: 5pt,',
        '    text(15pt, weight: "bold")[CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM],',
        '    context { let w = measure(motto).width; stack(spacing: 3pt, motto, line(length: w, stroke: 0.8pt)) },',
        '    v(6pt),',
        '    text(20pt, weight: "bold", fill: rgb("#c00000"))[GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HÒA BÌNH],',
        '    text(16pt, weight: "bold")[TẶNG],',
        '    text(40pt, weight: "bold", fill: rgb("#c00000"))[GIẤY KHEN],',
        '    text(28pt, weight: "bold", name),',
        '    text(16pt, info),',
        '    pad(x: 30pt, text(16pt, style: "italic", deed)))',
        '  place(bottom + left, align(left, text(13pt)[#decision \\ #book]))',
        '  place(bottom + right, box(width: 50%, align(center, stack(spacing: 4pt,',
        '    text(14pt, style: "italic", date), text(14pt, weight: "bold")[GIÁM ĐỐC], v(26mm),',
        '    text(14pt, weight: "bold")[Bùi Thị Kim Tuyến]))))',
        '}',
    ]
    preamble = list(out)
    for i, r in enumerate(rows):
        salutation = "Bà" if r["Giới tính"] == "Nữ" else "Ông"
        d, m, y = r["Ngày quyết định"].split("/")
        month = m if int(m) <= 2 else str(int(m))
        args = [
            typst_string(f"{salutation} {r['Họ và tên']}"),
            typst_string(f"{r['Chức vụ']} - {r['Đơn vị']}"),
            typst_string(r["Thành tích"]),
            typst_string(f"Quyết định số {r['Số quyết định']}, ngày {d}/{m}/{y}"),
            typst_string(f"Số sổ vàng: {r['Số sổ vàng']}"),
            typst_string(f"Hòa Bình, ngày {d} tháng {month} năm {y}"),
        ]
        call = "#cert(" + ", ".join(args) + ")"
        if each:
            with open(f"{each}/{i + 1:05d}.typ", "w", encoding="utf-8") as f:
                f.write("\n".join(preamble + [call]) + "\n")
            continue
        if i:
            out.append("#pagebreak()")
        out.append(call)
    if not each:
        sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
