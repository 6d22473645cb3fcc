#!/usr/bin/python3
"""Checks the logical structure of a tagged PDF (ISO 32000-1 §14.7-14.8) read back with
pikepdf (the tree, the ParentTree) and pdfminer (the marked content of each page), two
readers independent of vanban's writer:

  - the catalog says /MarkInfo <</Marked true>> and has a /StructTreeRoot whose /K is one
    Document element; every element's /S is a standard structure type or role-mapped to
    one (/RoleMap), its /P is its parent;
  - every marked-content sequence with an MCID on a page is reached from exactly one
    element of the tree, and every MCID the tree names is on its page (both ways);
  - the ParentTree maps (page /StructParents, MCID) to that same element;
  - nothing is drawn outside marked content: each glyph, path and image is in an element's
    marked content or in an /Artifact (page numbers: /Pagination artifacts, digits only).

    structure_check.py FILE.pdf [--expect TYPE[:N]]… [--outline] [--text-of TYPE]
        --expect H1      at least one element of that type (after role mapping: give the
                         type as written, e.g. HeaderBlock); H1:2 at least two
        --outline        prints the tree in order with each element's text
        --text-of TYPE   prints the text of each element of TYPE, one per line
exit 1 when a check fails. Run with Debian's /usr/bin/python3 (python3-pikepdf,
python3-pdfminer).
"""
import collections
import sys

import pikepdf
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH",
    "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot",
    "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}


class MarkedContent(PDFTextDevice):
    """Per page: the text of each MCID, and what is drawn outside any marked content."""

    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr)
        self.stack = []
        self.text = collections.defaultdict(str)   # mcid -> text
        self.artifact_text = collections.defaultdict(str)  # artifact type -> text
        self.mcids = []
        self.unmarked = collections.Counter()
        self.last = {}  # owner -> the baseline of its last glyph

    def begin_tag(self, tag, props=None):
        mcid = props.get("MCID") if isinstance(props, dict) else None
        kind = None
        if tag.name == "Artifact":
            t = props.get("Type") if isinstance(props, dict) else None
            kind = ("artifact", getattr(t, "name", "") if t is not None else "")
        elif mcid is not None:
            kind = ("mcid", mcid)
            self.mcids.append(mcid)
        self.stack.append(kind)

    def end_tag(self):
        if self.stack:
            self.stack.pop()

    def do_tag(self, tag, props=None):
        pass

    def _owner(self):
        for kind in reversed(self.stack):
            if kind is not None:
                return kind
        return None

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        try:
            ch = font.to_unichr(cid)
        except Exception:  # noqa: BLE001 - a glyph without a Unicode value
            ch = "?"
        owner = self._owner()
        y = round(matrix[5], 1)
        if owner is not None and self.last.get(owner, y) != y:
            ch = " " + ch  # a new line: the words either side are apart
        if owner is not None:
            self.last[owner] = y
        if owner is None:
            self.unmarked["glyph"] += 1
        elif owner[0] == "mcid":
            self.text[owner[1]] += ch
        else:
            self.artifact_text[owner[1]] += ch
        return font.char_width(cid) * fontsize * scaling

    def paint_path(self, graphicstate, stroke, fill, evenodd, path):
        if self._owner() is None:
            self.unmarked["path"] += 1

    def render_image(self, name, stream):
        if self._owner() is None:
            self.unmarked["image"] += 1

    def begin_figure(self, name, bbox, matrix):
        # A Form XObject: its content is in the marked content around its Do.
        self.stack.append(self._owner() or ("form", name))

    def end_figure(self, name):
        self.stack.pop()


def read_content(path):
    """[(page objgen, {mcid: text}, [mcid in order], unmarked Counter, {artifact type: text})]"""
    pages = []
    rsrc = PDFResourceManager()
    with open(path, "rb") as f:
        for page in PDFPage.get_pages(f):
            dev = MarkedContent(rsrc)
            PDFPageInterpreter(rsrc, dev).process_page(page)
            pages.append((dict(dev.text), dev.mcids, dev.unmarked, dict(dev.artifact_text)))
    return pages


def check(path, expect=(), outline=False, text_of=None):
    failures = []
    pdf = pikepdf.open(path)
    root = pdf.Root
    if "/MarkInfo" not in root or not bool(root.MarkInfo.get("/Marked", False)):
        failures.append("the catalog has no /MarkInfo <</Marked true>>")
    if "/StructTreeRoot" not in root:
        return ["the catalog has no /StructTreeRoot"], {}
    tree = root.StructTreeRoot
    rolemap = {str(k)[1:]: str(v)[1:] for k, v in tree.get("/RoleMap", pikepdf.Dictionary()).items()}
    page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    content = read_content(path)

    owner = {}        # (page index, mcid) -> element objgen
    elements = []     # (depth, type, objgen, [(page, mcid)]) in tree order
    counts = collections.Counter()

    def visit(elem, parent, depth, inherited_page):
        s = str(elem.get("/S", ""))[1:]
        if elem.get("/Type") is not None and str(elem.Type) != "/StructElem":
            failures.append(f"an element of type {elem.Type}")
        std = s
        seen = set()
        while std in rolemap and std not in seen:
            seen.add(std)
            std = rolemap[std]
        if std not in STANDARD:
            failures.append(f"/S /{s} is neither standard nor role-mapped to a standard type")
        if parent is not None and elem.get("/P") is not None and elem.P.objgen != parent.objgen:
            failures.append(f"/{s} {elem.objgen}: its /P is not its parent")
        counts[s] += 1
        pg = elem.get("/Pg")
        page = page_index.get(pg.objgen) if pg is not None else inherited_page
        kids = elem.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, pikepdf.Array):
            kids = [kids]
        marks = []
        entry = [depth, s, elem.objgen, marks]
        elements.append(entry)
        for k in kids:
            if isinstance(k, int):
                if page is None:
                    failures.append(f"/{s}: MCID {k} without a page")
                    continue
                marks.append((page, int(k)))
            elif isinstance(k, pikepdf.Dictionary) and str(k.get("/Type", "")) == "/MCR":
                p = page_index.get(k.Pg.objgen) if "/Pg" in k else page
                marks.append((p, int(k.MCID)))
            elif isinstance(k, pikepdf.Dictionary) and str(k.get("/Type", "")) == "/OBJR":
                pass
            elif isinstance(k, pikepdf.Dictionary):
                visit(k, elem, depth + 1, page)
        for m in marks:
            if m in owner:
                failures.append(f"page {m[0] + 1} MCID {m[1]} is named by two elements")
            owner[m] = elem.objgen

    top = tree.get("/K")
    tops = list(top) if isinstance(top, pikepdf.Array) else [top] if top is not None else []
    if len(tops) != 1 or str(tops[0].get("/S", "")) != "/Document":
        failures.append("the tree's root is not one Document element")
    for t in tops:
        visit(t, None, 0, None)

    # Both ways: content MCIDs reached from the tree, the tree's MCIDs present.
    for i, (texts, mcids, unmarked, artifacts) in enumerate(content):
        for m in mcids:
            if (i, m) not in owner:
                failures.append(f"page {i + 1}: MCID {m} is not reached from the structure tree")
        if len(set(mcids)) != len(mcids):
            failures.append(f"page {i + 1}: an MCID is used twice")
        for kind, n in unmarked.items():
            failures.append(f"page {i + 1}: {n} {kind}(s) drawn outside marked content")
        pagination = artifacts.get("Pagination", "")
        if pagination and not pagination.strip().isdigit():
            failures.append(f"page {i + 1}: a pagination artifact holds {pagination!r}")
    present = {(i, m) for i, c in enumerate(content) for m in c[1]}
    for m in owner:
        if m not in present:
            failures.append(f"the tree names MCID {m[1]} of page {m[0] + 1}, which has no such marked content")

    # The ParentTree: (StructParents, MCID) -> the element.
    nums = {}

    def flatten(node):
        if "/Nums" in node:
            a = node.Nums
            for j in range(0, len(a), 2):
                nums[int(a[j])] = a[j + 1]
        for kid in node.get("/Kids", []):
            flatten(kid)

    if "/ParentTree" in tree:
        flatten(tree.ParentTree)
    else:
        failures.append("no /ParentTree")
    for i, p in enumerate(pdf.pages):
        mcids = content[i][1]
        if not mcids:
            continue
        if "/StructParents" not in p.obj:
            failures.append(f"page {i + 1} has marked content but no /StructParents")
            continue
        arr = nums.get(int(p.obj.StructParents))
        if arr is None:
            failures.append(f"page {i + 1}: its /StructParents {int(p.obj.StructParents)} is not in the ParentTree")
            continue
        for m in mcids:
            if m >= len(arr) or arr[m].objgen != owner.get((i, m)):
                failures.append(f"page {i + 1}: the ParentTree does not give MCID {m}'s element")
                break

    # Elements whose content runs over a page break (a paragraph, a table: one element).
    counts["(over pages)"] = sum(1 for _, _, _, marks in elements if len({p for p, _ in marks}) > 1)
    for e in expect:
        kind, _, n = e.partition(":")
        if counts[kind] < int(n or 1):
            failures.append(f"expected at least {n or 1} {kind}, found {counts[kind]}")

    def text(marks):
        # Its marked-content sequences, apart (a line or a page apart), spaces collapsed.
        return " ".join(" ".join(content[p][0].get(m, "") for p, m in marks).split())

    if outline:
        for depth, s, _, marks in elements:
            print("  " * depth + s + (": " + text(marks)[:90] if marks else ""))
    if text_of:
        # An element's text with its descendants' (the elements follow in tree order).
        for k, (depth, s, _, marks) in enumerate(elements):
            if s != text_of:
                continue
            all_marks = list(marks)
            for d2, _, _, m2 in elements[k + 1:]:
                if d2 <= depth:
                    break
                all_marks += m2
            print(text(all_marks))
    return failures, counts


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    path, expect, outline, text_of = argv[1], [], False, None
    args = argv[2:]
    while args:
        a = args.pop(0)
        if a == "--expect":
            expect.append(args.pop(0))
        elif a == "--outline":
            outline = True
        elif a == "--text-of":
            text_of = args.pop(0)
        else:
            print(f"unknown argument {a}")
            return 2
    failures, counts = check(path, expect, outline, text_of)
    for f in failures[:40]:
        print(f"FAIL  {path}: {f}")
    if not failures:
        print(f"ok    {path}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
