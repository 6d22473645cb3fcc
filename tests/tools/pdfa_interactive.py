"""Annotations, interactive forms, signatures and actions (ISO 19005-2 6.3 to 6.5), the
checks of pdfa_check.py that look at what a reader may do with the file."""
import re

import pikepdf
from pikepdf import Name

from pdfa_registry import check


# ---- 6.3 Annotations, 6.4 Forms, 6.5 Actions -------------------------------------------

def annotations(ctx):
    for page in ctx.pdf.pages:
        for a in page.obj.get("/Annots", []):
            yield a


@check("6.3.1", "Annotation types")
def annotation_types(ctx):
    known = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight",
             "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/Popup", "/FileAttachment",
             "/Widget", "/PrinterMark", "/TrapNet", "/Watermark", "/Redact"}
    for a in annotations(ctx):
        if str(a.get("/Subtype")) not in known:
            ctx.fail("6.3.1", "an annotation of type %s" % a.get("/Subtype"))


@check("6.3.2", "Annotation flags")
def annotation_flags(ctx):
    for a in annotations(ctx):
        if a.get("/Subtype") == Name.Popup:
            continue
        flags = int(a.get("/F", 0))
        if not flags & 4:
            ctx.fail("6.3.2", "a %s annotation is not flagged Print" % a.get("/Subtype"))
        if flags & (1 | 2 | 32 | 256):
            ctx.fail("6.3.2", "a %s annotation is Invisible, Hidden, NoView or ToggleNoView" % a.get("/Subtype"))


@check("6.3.3", "Annotation appearances")
def annotation_appearances(ctx):
    for a in annotations(ctx):
        if a.get("/Subtype") in (Name.Popup, Name.Link):
            continue
        rect = [float(v) for v in a.get("/Rect", [0, 0, 0, 0])]
        if rect[0] == rect[2] or rect[1] == rect[3]:
            continue
        ap = a.get("/AP")
        if ap is None or "/N" not in ap:
            ctx.fail("6.3.3", "a %s annotation has no normal appearance" % a.get("/Subtype"))
            continue
        if set(ap.keys()) != {"/N"}:
            ctx.fail("6.3.3", "a %s annotation's appearance has more than /N" % a.get("/Subtype"))
        btn = a.get("/FT") == Name.Btn or (a.get("/Parent") is not None and a.Parent.get("/FT") == Name.Btn)
        if btn != (not isinstance(ap.N, pikepdf.Stream)):
            ctx.fail("6.3.3", "a %s annotation's /N is of the wrong kind" % a.get("/Subtype"))


@check("6.4.1", "Interactive forms")
def forms(ctx):
    form = ctx.pdf.Root.get("/AcroForm")
    if form is not None:
        if form.get("/NeedAppearances") is True or form.get("/NeedAppearances") == True:  # noqa: E712
            ctx.fail("6.4.1", "/NeedAppearances is true")
        if "/XFA" in form:
            ctx.fail("6.4.2", "the form has XFA")
    for a in annotations(ctx):
        if a.get("/Subtype") == Name.Widget and ("/A" in a or "/AA" in a):
            ctx.fail("6.4.1", "a widget annotation has an action (/A or /AA)")


def signature_fields(ctx):
    form = ctx.pdf.Root.get("/AcroForm")
    stack = list(form.get("/Fields", [])) if form is not None else []
    while stack:
        f = stack.pop()
        stack.extend(f.get("/Kids", []))
        if f.get("/FT") == Name.Sig and "/V" in f:
            yield f.V


@check("6.4.3", "Digital signatures")
def signatures(ctx):
    ends = []
    for v in signature_fields(ctx):
        br = [int(x) for x in v.get("/ByteRange", [])]
        if len(br) != 4 or br[0] != 0:
            ctx.fail("6.4.3", "a signature's /ByteRange is not [0 a b c]")
            continue
        gap = ctx.raw[br[1]:br[2]]
        if not (gap.startswith(b"<") and gap.endswith(b">") and re.fullmatch(rb"<[0-9A-Fa-f]*>", gap)):
            ctx.fail("6.4.3", "a signature's /ByteRange leaves out more (or less) than its /Contents string")
        if br[2] + br[3] > len(ctx.raw):
            ctx.fail("6.4.3", "a signature's /ByteRange runs past the end of the file")
        if str(v.get("/SubFilter")) not in ("/adbe.pkcs7.detached", "/ETSI.CAdES.detached"):
            ctx.fail("6.4.3", "signature SubFilter %s" % v.get("/SubFilter"))
        ends.append(br[2] + br[3])
    if ends and max(ends) != len(ctx.raw.rstrip(b"\r\n")) and max(ends) != len(ctx.raw):
        ctx.fail("6.4.3", "no signature covers the whole file (the last ends at %d of %d)" % (max(ends), len(ctx.raw)))


@check("6.5.1", "Actions")
def actions(ctx):
    forbidden = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState", "/Rendition",
                 "/Trans", "/GoTo3DView", "/JavaScript"}
    named = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}
    for o, d in ctx.dicts():
        s = d.get("/S")
        if s is None or not isinstance(s, pikepdf.Name):
            continue
        if str(s) in forbidden:
            ctx.fail("6.5.1", "a %s action" % s)
        if s == Name.Named and str(d.get("/N")) not in named:
            ctx.fail("6.5.1", "a named action %s" % d.get("/N"))
    names = ctx.pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        ctx.fail("6.5.1", "document-level JavaScript (/Names /JavaScript)")


@check("6.5.2", "Trigger events")
def triggers(ctx):
    if "/AA" in ctx.pdf.Root:
        ctx.fail("6.5.2", "the catalog has additional actions (/AA)")
    for i, page in enumerate(ctx.pdf.pages):
        if "/AA" in page.obj:
            ctx.fail("6.5.2", "page %d has additional actions (/AA)" % (i + 1))
