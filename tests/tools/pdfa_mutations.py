#!/usr/bin/python3
"""Proves that every check of pdfa_check.py can fail: each mutation breaks one clause of
ISO 19005-2 in a copy of a good PDF/A-2 file, and the checker must report that clause.

    /usr/bin/python3 tests/tools/pdfa_mutations.py GOOD.pdf

The good file itself (and the same file saved again by pikepdf, which most mutations
use) must pass. Exit status 0 when every mutation is caught, 1 otherwise.
"""
import io
import os
import re
import sys
import tempfile
import zlib

import pikepdf
from pikepdf import Name

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfa_check  # noqa: E402

MUTATIONS = []  # (clause, what, kind "raw" | "pdf", function, levels)


def mutation(clause, what, kind="pdf", levels="abu"):
    def register(fn):
        MUTATIONS.append((clause, what, kind, fn, levels))
        return fn
    return register


def first_font(pdf):
    for page in pdf.pages:
        fonts = page.obj.Resources.get("/Font")
        if fonts:
            for name, font in fonts.items():
                return font
    raise SystemExit("the good file has no font")


def add_content(pdf, data, resources=None):
    page = pdf.pages[0]
    page.contents_add(pikepdf.Stream(pdf, data), prepend=False)
    for kind, entries in (resources or {}).items():
        # Pages may share one Resources dictionary: give page 1 its own copy.
        res = page.obj.Resources
        if kind not in res:
            res[kind] = pikepdf.Dictionary()
        for k, v in entries.items():
            res[kind][k] = v


def annotate(pdf, **entries):
    annot = pikepdf.Dictionary(Type=Name.Annot, Rect=[10, 10, 50, 50], **entries)
    page = pdf.pages[0].obj
    if "/Annots" not in page:
        page.Annots = pikepdf.Array()
    page.Annots.append(pdf.make_indirect(annot))


def appearance(pdf):
    return pikepdf.Dictionary(N=pdf.make_stream(b"", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 40, 40]))


def edit_xmp(pdf, fn):
    m = pdf.Root.Metadata
    m.write(fn(m.read_bytes()))


# ---- raw edits of the file as written (offsets kept) --------------------------------

@mutation("6.1.2", "the binary comment of the header made ASCII", "raw")
def m_header(raw):
    first = raw.index(b"\n") + 1
    return raw[:first] + b"%ABCD" + raw[first + 5:]


@mutation("6.1.3", "bytes after %%EOF", "raw")
def m_after_eof(raw):
    return raw + b"trailing junk\n"


@mutation("6.1.4", "an xref offset off by one", "raw")
def m_xref(raw):
    at = raw.rindex(b"\nxref")
    m = re.compile(rb"(\d{10}) 00000 n").search(raw, at)
    value = b"%010d" % (int(m.group(1)) + 1)
    return raw[:m.start(1)] + value + raw[m.end(1):]


@mutation("6.1.7.1", "a stream /Length one byte short", "raw")
def m_length(raw):
    m = re.compile(rb"/Length (\d+)>>\nstream").search(raw)
    n = int(m.group(1))
    new = b"%d" % (n - 1 if len(b"%d" % (n - 1)) == len(m.group(1)) else n + 1)
    return raw[:m.start(1)] + new + raw[m.end(1):]


# ---- edits through pikepdf (the file saved again) -----------------------------------

@mutation("6.1.7.1", "a stream with /FFilter (external file filter)")
def m_ffilter(pdf):
    pdf.pages[0].obj.Contents.stream_dict.FFilter = Name.FlateDecode


@mutation("6.1.7.2", "a stream with the LZWDecode filter")
def m_lzw(pdf):
    s = pdf.make_stream(b"x")
    s.stream_dict.Filter = Name.LZWDecode
    pdf.Root.Junk = s


@mutation("6.1.13", "an integer beyond 2^31-1")
def m_integer(pdf):
    pdf.Root.Big = 2**40


@mutation("6.2.2", "an operator PDF 1.7 does not define")
def m_operator(pdf):
    add_content(pdf, b"q 0 0 m foo Q")


@mutation("6.2.2", "a graphics state missing from the resources")
def m_missing_resource(pdf):
    add_content(pdf, b"q /Nowhere gs Q")


@mutation("6.2.3", "no output intent")
def m_no_intent(pdf):
    del pdf.Root.OutputIntents


@mutation("6.2.3", "the profile's /N not its colour space")
def m_profile_n(pdf):
    pdf.Root.OutputIntents[0].DestOutputProfile.stream_dict.N = 4


@mutation("6.2.3", "an ICC profile of version 4.3")
def m_profile_version(pdf):
    profile = pdf.Root.OutputIntents[0].DestOutputProfile
    icc = bytearray(profile.read_bytes())
    icc[8], icc[9] = 4, 0x30
    profile.write(bytes(icc))


@mutation("6.2.4.3", "DeviceCMYK under an sRGB output intent")
def m_cmyk(pdf):
    add_content(pdf, b"q 0 0 0 1 k 0 0 10 10 re f Q")


@mutation("6.2.5", "a transfer function in a graphics state")
def m_transfer(pdf):
    add_content(pdf, b"q /GSbad gs Q", {"/ExtGState": {"/GSbad": pikepdf.Dictionary(Type=Name.ExtGState, TR=Name.Identity)}})


@mutation("6.2.8", "an image with /Interpolate true")
def m_interpolate(pdf):
    image = pdf.make_stream(b"\x00\x00\xff", Type=Name.XObject, Subtype=Name.Image, Width=1, Height=1,
                            ColorSpace=Name.DeviceRGB, BitsPerComponent=8, Interpolate=True)
    add_content(pdf, b"q 10 0 0 10 0 0 cm /ImBad Do Q", {"/XObject": {"/ImBad": image}})


@mutation("6.2.9", "a form XObject with /Subtype2 /PS")
def m_ps(pdf):
    form = pdf.make_stream(b"", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 1, 1], Subtype2=Name.PS)
    add_content(pdf, b"q /FmBad Do Q", {"/XObject": {"/FmBad": form}})


@mutation("6.2.11.3", "a CIDFontType2 without CIDToGIDMap")
def m_cid_to_gid(pdf):
    del first_font(pdf).DescendantFonts[0].CIDToGIDMap


@mutation("6.2.11.4.1", "a font program removed")
def m_embedded(pdf):
    del first_font(pdf).DescendantFonts[0].FontDescriptor.FontFile2


@mutation("6.2.11.4.2", "a CIDSet that lists no CID")
def m_cidset(pdf):
    first_font(pdf).DescendantFonts[0].FontDescriptor.CIDSet = pdf.make_stream(b"\x00" * 64)


@mutation("6.2.11.5", "widths in /W that the program does not have")
def m_widths(pdf):
    w = first_font(pdf).DescendantFonts[0].W
    w[1] = pikepdf.Array([int(x) + 50 for x in w[1]])


@mutation("6.2.11.7.2", "a font without ToUnicode")
def m_to_unicode(pdf):
    del first_font(pdf).ToUnicode


@mutation("6.2.11.7.2", "a code mapped to nothing in ToUnicode")
def m_to_unicode_empty(pdf):
    tu = first_font(pdf).ToUnicode
    tu.write(re.sub(rb"(<0001> )<[0-9A-F]+>", rb"\1<>", tu.read_bytes()))


@mutation("6.2.11.8", "used codes shown with the .notdef glyph")
def m_notdef(pdf):
    m = first_font(pdf).DescendantFonts[0].CIDToGIDMap
    m.write(b"\x00" * len(m.read_bytes()))


@mutation("6.3.1", "a Sound annotation")
def m_sound(pdf):
    annotate(pdf, Subtype=Name.Sound, F=4, AP=appearance(pdf))


@mutation("6.3.2", "an annotation not flagged Print")
def m_flags(pdf):
    annotate(pdf, Subtype=Name.Square, AP=appearance(pdf))


@mutation("6.3.3", "an annotation without appearance")
def m_appearance(pdf):
    annotate(pdf, Subtype=Name.Square, F=4)


@mutation("6.4.1", "a form with NeedAppearances true")
def m_need_appearances(pdf):
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), NeedAppearances=True)


@mutation("6.4.3", "a signature whose /ByteRange does not leave out exactly /Contents")
def m_byte_range(pdf):
    sig = pikepdf.Dictionary(Type=Name.Sig, Filter=Name("/Adobe.PPKLite"), SubFilter=Name("/ETSI.CAdES.detached"),
                             ByteRange=[0, 10, 20, 30], Contents=pikepdf.String(b"\x00" * 8))
    field = pdf.make_indirect(pikepdf.Dictionary(FT=Name.Sig, T=pikepdf.String("S1"), V=sig))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]), SigFlags=3)


@mutation("6.5.1", "a JavaScript open action")
def m_javascript(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(Type=Name.Action, S=Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


@mutation("6.5.2", "additional actions on a page")
def m_page_aa(pdf):
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=Name.Named, N=Name.NextPage))


def incremental_update(raw, number, body):
    """`raw` with an incremental update replacing object `number` by `body` (bytes after
    "N 0 obj"): qpdf, which pikepdf saves through, always writes metadata unfiltered."""
    prev = int(re.findall(rb"startxref\s+(\d+)", raw)[-1])
    trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", raw, re.S)[-1]
    trailer = re.sub(rb"/Prev \d+", b"", trailer)
    obj = b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(raw) + len(obj)
    return (raw + obj + b"xref\n%d 1\n%010d 00000 n \n" % (number, len(raw)) + b"trailer\n<<" + trailer +
            b" /Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref))


@mutation("6.6.2.1", "a Flate-compressed metadata stream (an incremental update)", "raw")
def m_metadata_filter(raw):
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        number = pdf.Root.Metadata.objgen[0]
        data = zlib.compress(pdf.Root.Metadata.read_bytes())
    return incremental_update(raw, number, b"<</Type /Metadata /Subtype /XML /Filter /FlateDecode /Length %d>>\nstream\n"
                              % len(data) + data + b"\nendstream")


@mutation("6.2.11.2", "a font of a subtype PDF does not define")
def m_font_subtype(pdf):
    first_font(pdf).Subtype = Name("/OpenType")


@mutation("6.6.2.1", "an xpacket header with an encoding attribute")
def m_xpacket(pdf):
    edit_xmp(pdf, lambda x: x.replace(b'id="W5M0MpCehiHzreSzNTczkc9d"', b'id="W5M0MpCehiHzreSzNTczkc9d" encoding="UTF-8"'))


@mutation("6.6.2.1", "no metadata stream")
def m_no_metadata(pdf):
    del pdf.Root.Metadata


def add_description(pdf, body):
    """A new rdf:Description in vanban's namespaces holding `body`."""
    edit_xmp(pdf, lambda x: x.replace(b"</rdf:RDF>", b'<rdf:Description rdf:about="" xmlns:vanban='
                                      b'"https://vanban.invalid/ns/document/1.0/" xmlns:vanbanSlot='
                                      b'"https://vanban.invalid/ns/signature-slot/1.0/">' + body +
                                      b"</rdf:Description></rdf:RDF>"))


@mutation("6.6.2.3", "a property of vanban's namespace the extension schema does not describe")
def m_undescribed(pdf):
    add_description(pdf, b"<vanban:Extra>x</vanban:Extra>")


@mutation("6.6.2.3", "a misspelt Dublin Core property")
def m_misspelt(pdf):
    edit_xmp(pdf, lambda x: x.replace(b"<dc:format>", b"<dc:titel>x</dc:titel><dc:format>"))


@mutation("6.6.2.3", "a signature-slot field its type does not describe")
def m_field(pdf):
    add_description(pdf, b'<vanban:SignatureSlots><rdf:Seq><rdf:li rdf:parseType="Resource"><vanbanSlot:Colour>red'
                         b"</vanbanSlot:Colour></rdf:li></rdf:Seq></vanban:SignatureSlots>")


@mutation("6.6.3", "an Info /Title other than dc:title")
def m_info_title(pdf):
    pdf.docinfo["/Title"] = "Another title"


@mutation("6.6.3", "an Info /CreationDate other than xmp:CreateDate")
def m_info_date(pdf):
    pdf.docinfo["/CreationDate"] = "D:19990101000000Z"


@mutation("6.6.4", "pdfaid:part 1")
def m_part(pdf):
    edit_xmp(pdf, lambda x: x.replace(b"<pdfaid:part>2</pdfaid:part>", b"<pdfaid:part>1</pdfaid:part>"))


@mutation("6.7.4", "no /Lang")
def m_lang(pdf):
    del pdf.Root.Lang


@mutation("6.9", "an optional content group without a name and a configuration with /AS")
def m_optional_content(pdf):
    group = pdf.make_indirect(pikepdf.Dictionary(Type=Name.OCG))
    pdf.Root.OCProperties = pikepdf.Dictionary(OCGs=[group], D=pikepdf.Dictionary(Name=pikepdf.String("d"),
                                                                                  AS=pikepdf.Array()))


@mutation("6.7.2.2", "MarkInfo /Marked false", levels="a")
def m_marked(pdf):
    pdf.Root.MarkInfo.Marked = False


@mutation("6.7.3", "no structure tree", levels="a")
def m_no_structure(pdf):
    del pdf.Root.StructTreeRoot


@mutation("6.7.3", "a structure type neither standard nor role-mapped", levels="a")
def m_structure_type(pdf):
    root = pdf.Root.StructTreeRoot
    kid = pdf.make_indirect(pikepdf.Dictionary(S=Name("/VanbanUnknown"), P=root))
    k = root.K
    if isinstance(k, pikepdf.Array):
        k.append(kid)
    else:
        root.K = pikepdf.Array([k, kid])


@mutation("6.7.3", "a role map that remaps a standard type", levels="a")
def m_role_map(pdf):
    root = pdf.Root.StructTreeRoot
    if "/RoleMap" not in root:
        root.RoleMap = pikepdf.Dictionary()
    root.RoleMap.P = Name.Span


def save(pdf, path):
    # fix_metadata_version=False: pikepdf would otherwise rewrite the XMP packet itself.
    pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False, fix_metadata_version=False,
             stream_decode_level=pikepdf.StreamDecodeLevel.none)


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    good = argv[0]
    with open(good, "rb") as f:
        raw = f.read()
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        resaved = os.path.join(tmp, "resaved.pdf")
        with pikepdf.open(good) as pdf:
            save(pdf, resaved)
        for path, label in ((good, "the good file"), (resaved, "the good file saved by pikepdf")):
            failures, level = pdfa_check.run_checks(path)
            if failures:
                print("BAD   %s does not pass: %s" % (label, failures))
                return 1
        covered = set()
        good_level = pdfa_check.run_checks(good)[1]
        tried = 0
        for i, (clause, what, kind, fn, levels) in enumerate(MUTATIONS):
            if good_level not in levels:
                print("skip  %-10s %s (only for level %s; the good file is level %s)" % (clause, what, levels, good_level))
                continue
            tried += 1
            path = os.path.join(tmp, "m%02d.pdf" % i)
            if kind == "raw":
                with open(path, "wb") as f:
                    f.write(fn(raw))
            else:
                with pikepdf.open(good) as pdf:
                    fn(pdf)
                    save(pdf, path)
            failures, level = pdfa_check.run_checks(path)
            caught = [m for c, m in failures if c.startswith(clause)]
            if caught:
                covered.add(clause)
                print("ok    %-10s %s: %s" % (clause, what, caught[0]))
            else:
                bad += 1
                print("MISSED %-10s %s (the checker said: %s)" % (clause, what, failures or "all pass"))
        checks = {c[0] for c in pdfa_check.CHECKS if good_level in c[2]}
        untested = sorted(c for c in checks if not any(c.startswith(k) or k.startswith(c) for k in covered))
        for c in untested:
            bad += 1
            print("MISSED %-10s no mutation breaks this check" % c)
    print("%d mutations, %d missed" % (tried, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
