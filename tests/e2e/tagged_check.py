#!/usr/bin/python3
"""Tagged PDF end to end (issue #13): the structure of what `vanban` writes, read back
with tests/tools/structure_check.py (pikepdf + pdfminer), and the order plain `pdftotext`
(no -layout: poppler's reading-order text) gives.

    tagged_check.py --vanban BIN --samples DIR --templates DIR --out DIR

Renders and checks
  - the plan (samples/ke-hoach-hoa-binh-2021.json): the header block, headings H1-H4, the
    Kính gửi list, Nơi nhận and the signature, its three appendix forms as sections, page
    numbers as pagination artifacts; plain pdftotext gives "Số:      /KH-SGD&ĐT" and the
    place and date line whole, the header's left column in order and its right column in
    order, then the title, the body, Nơi nhận and the signer's name in that order;
  - every form (phu-luc-1..3) blank and filled: one section with its H1 heading;
  - every document kind (samples/*.json with a template): a header block (a Công điện, a
    Thư công have their own), a tên loại H1 when the kind prints one, a signature block,
    the tables of the samples that have them (Table, TR, TH, TD);
  - a certificate batch (giay-khen): one section per certificate, each with its H1 and
    its Signature;
  - --no-tags: no structure tree, no marked content.
Prints one line per check; exit 1 when one fails.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from structure_check import check  # noqa: E402

DATE = "2021-03-05T08:00:00+07:00"
failed = 0


def report(ok, what, detail=""):
    global failed
    if not ok:
        failed += 1
    print(("ok    " if ok else "FAIL  ") + what + (": " + detail if detail and not ok else ""))


def vanban(opts, *args):
    r = subprocess.run([opts["--vanban"], *args, "--date", DATE, "--template-dir", opts["--templates"]],
                       capture_output=True, text=True, timeout=300)
    return r


def structure(path, expect, what):
    failures, counts = check(path, expect)
    report(not failures, f"structure of {what}", "; ".join(failures[:5]))
    return counts


def plain_text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True).stdout


def in_order(text, parts):
    """The index of the first of `parts` not found after the previous one, or -1."""
    at = 0
    for i, p in enumerate(parts):
        k = text.find(p, at)
        if k < 0:
            return i
        at = k + len(p)
    return -1


def check_plan(opts, out):
    pdf = os.path.join(out, "plan.pdf")
    r = vanban(opts, "render", "ke-hoach", os.path.join(opts["--samples"], "ke-hoach-hoa-binh-2021.json"), "-o", pdf)
    report(r.returncode == 0, "render the plan", r.stderr)
    if r.returncode:
        return
    counts = structure(pdf, ["HeaderBlock", "H1:4", "H2:4", "H3", "H4", "P:50", "Sect:3", "SignatureBlock",
                             "Recipients", "Signature", "L", "LI:7", "LBody:7"], "the plan")
    report(counts.get("(over pages)", 0) >= 1, "a paragraph broken by a page break is one element",
           str(counts.get("(over pages)")))
    text = plain_text(pdf)
    lines = [line.strip() for line in text.splitlines()]
    report("Số:      /KH-SGD&ĐT" in lines, "pdftotext: Số with its symbol on one line", repr(lines[:8]))
    report("Hòa Bình, ngày      tháng 3 năm 2021" in lines, "pdftotext: the place and date on one line", repr(lines[:8]))
    left = ["UBND TỈNH HOÀ BÌNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số:      /KH-SGD&ĐT"]
    right = ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hòa Bình, ngày      tháng 3 năm 2021"]
    # Each column's lines in their order. Not left column then right: poppler's
    # TextOutputDev pulls a line within 1 em (font size) right of a block into it, and the
    # plan's columns are 12.97 pt apart at 13 pt, so the two columns make one block read
    # row by row (docs/tagged-pdf.md). The structure tree has them in order (below).
    report(in_order(text, left) < 0, "pdftotext: the header's left column in order")
    report(in_order(text, right) < 0, "pdftotext: the header's right column in order")
    flow = ["Hòa Bình, ngày      tháng 3 năm 2021", "KẾ HOẠCH", "Căn cứ Kế hoạch số 1374", "I. MỤC ĐÍCH, YÊU CẦU",
            "Nơi nhận:", "Bùi Thị Kim Tuyến", "Phụ lục 1"]
    i = in_order(text, flow)
    report(i < 0, "pdftotext: header, title, body, Nơi nhận, signer, appendices in order", f"{flow[i]!r} out of order")
    # The content stream in reading order: -raw follows it.
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout
    i = in_order(raw, left + right + flow[1:])
    report(i < 0, "pdftotext -raw (the stream's order): left column, right column, title, body, Nơi nhận, signer",
           f"{(left + right + flow[1:])[i]!r} out of order")
    # The structure in reading order: the header's elements left column first.
    failures, _ = check(pdf)
    from structure_check import read_content  # noqa: E402
    pages = read_content(pdf)
    first = " | ".join(pages[0][0][m] for m in pages[0][1][:6])
    want = " | ".join(left + right)
    report(" ".join(first.split()) == " ".join(want.split()), "the header block's elements: left column, then right",
           first)
    # Page numbers: pagination artifacts, not content.
    numbers = [p[3].get("Pagination", "") for p in pages]
    report(numbers[0] == "" and numbers[1] == "2", "page numbers are pagination artifacts", repr(numbers[:3]))
    report(all("2" != p[0].get(m, "").strip() for p in pages for m in p[1]), "no page number in the content")


def check_forms(opts, out):
    for name, data in (("phu-luc-1", "phu-luc-1-dang-ky.json"), ("phu-luc-2", "phu-luc-2-gioi-thieu.json"),
                       ("phu-luc-3", None)):
        blank = os.path.join(out, f"{name}-blank.pdf")
        r = vanban(opts, "render", name, "--blank", "-o", blank)
        report(r.returncode == 0, f"render {name} blank", r.stderr)
        if r.returncode == 0:
            structure(blank, ["Sect", "H1", "P:3"], f"{name} blank")
        if data:
            filled = os.path.join(out, f"{name}-filled.pdf")
            r = vanban(opts, "render", name, os.path.join(opts["--samples"], data), "-o", filled)
            report(r.returncode == 0, f"render {name} filled", r.stderr)
            if r.returncode == 0:
                structure(filled, ["Sect", "H1", "P:3"], f"{name} filled")
    many = os.path.join(out, "phu-luc-1-200.pdf")
    r = vanban(opts, "render", "phu-luc-1", os.path.join(opts["--samples"], "phu-luc-1-200-truong.csv"), "-o", many)
    report(r.returncode == 0, "render phu-luc-1 for 200 schools", r.stderr)
    if r.returncode == 0:
        counts = structure(many, ["Sect:200", "H1:200"], "phu-luc-1 for 200 schools")
        report(counts.get("Sect") == 200, "one section per form", str(counts.get("Sect")))


def check_kinds(opts, out):
    for fn in sorted(os.listdir(opts["--samples"])):
        if not fn.endswith(".json"):
            continue
        with open(os.path.join(opts["--samples"], fn), encoding="utf-8") as f:
            try:
                model = json.load(f)
            except ValueError:
                continue
        kind = model.get("template") if isinstance(model, dict) else None
        if not kind or not os.path.exists(os.path.join(opts["--templates"], kind + ".xml")):
            continue
        pdf = os.path.join(out, fn[:-5] + ".pdf")
        r = vanban(opts, "render", kind, os.path.join(opts["--samples"], fn), "-o", pdf)
        report(r.returncode == 0, f"render {fn}", r.stderr)
        if r.returncode:
            continue
        expect = ["HeaderBlock", "SignatureBlock", "Signature"]
        if kind not in ("cong-van", "thu-cong"):
            expect.append("H1")
        if "table" in json.dumps(model.get("body", [])):
            expect += ["Table", "TR", "TH", "TD"]
        structure(pdf, expect, fn)


def check_certificates(opts, out):
    pdf = os.path.join(out, "giay-khen.pdf")
    r = vanban(opts, "batch", "giay-khen", os.path.join(opts["--samples"], "danh-sach-khen-thuong.csv"), "-o", pdf)
    made = re.search(r"(\d+) certificates", r.stdout + r.stderr)
    report(made is not None, "a certificate batch", r.stderr)
    if not made:
        return
    n = int(made.group(1))
    counts = structure(pdf, [f"Sect:{n}", f"H1:{n}", f"Signature:{n}", f"HeaderBlock:{n}"], "the certificate batch")
    report(counts.get("Sect") == n, "one section per certificate", f"{counts.get('Sect')} for {n}")


def check_untagged(opts, out):
    pdf = os.path.join(out, "untagged.pdf")
    r = vanban(opts, "render", "ke-hoach", os.path.join(opts["--samples"], "ke-hoach-hoa-binh-2021.json"), "-o", pdf,
               "--no-tags")
    if r.returncode == 2:  # the option is plumbed by the CLI (helper A); nothing to check before
        print("skip  --no-tags: not a vanban option yet")
        return
    report(r.returncode == 0, "render --no-tags", r.stderr)
    with open(pdf, "rb") as f:
        data = f.read()
    report(b"/StructTreeRoot" not in data and b"/MarkInfo" not in data, "--no-tags: no structure tree")


def main(argv):
    opts = {}
    for i in range(1, len(argv) - 1, 2):
        opts[argv[i]] = argv[i + 1]
    for key in ("--vanban", "--samples", "--templates", "--out"):
        if key not in opts:
            print(__doc__)
            return 2
    os.makedirs(opts["--out"], exist_ok=True)
    check_plan(opts, opts["--out"])
    check_forms(opts, opts["--out"])
    check_kinds(opts, opts["--out"])
    check_certificates(opts, opts["--out"])
    check_untagged(opts, opts["--out"])
    print(f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
