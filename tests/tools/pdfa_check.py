#!/usr/bin/python3
"""A check of the ISO 19005-2 (PDF/A-2, TCVN 14159-2:2024) clauses vanban's files meet.

    /usr/bin/python3 tests/tools/pdfa_check.py FILE.pdf... [--level u|a|b] [--list] [--quiet]

Not a full validator (veraPDF is the reference and is not available here): each check
below names its clause; docs/pdfa.md lists them and says what each covers and what it
does not. The level comes from the file's pdfaid:conformance unless --level says.
Exit status 0 when every file passes, 1 when one fails, 2 on bad usage.
Needs pikepdf and fontTools (Debian: python3-pikepdf, python3-fonttools); qpdf.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Name

from pdfa_content import ContentWalker
from pdfa_registry import CHECKS, check
from pdfa_fonts import FontInfo, descendant, font_program
from pdfa_syntax import xref_offsets
from pdfa_xmp import check_extension_schemas, instant, xmp_properties, PDFAID, DC, XMP, PDF



class Context:
    def __init__(self, path, level=None):
        self.path = path
        with open(path, "rb") as f:
            self.raw = f.read()
        self.pdf = pikepdf.open(path)
        self.failures = []   # (clause, message)
        self.xmp_root = None
        self.xmp_error = None
        metadata = self.pdf.Root.get("/Metadata")
        if metadata is not None and isinstance(metadata, pikepdf.Stream):
            try:
                self.xmp_bytes = metadata.read_bytes()
                self.xmp_root = ET.fromstring(self.xmp_bytes)
            except Exception as e:  # malformed XML, undecodable stream
                self.xmp_error = str(e)
                self.xmp_bytes = b""
        else:
            self.xmp_bytes = b""
        self.properties = xmp_properties(self.xmp_root) if self.xmp_root is not None else []
        claimed = self.xmp_value(PDFAID, "conformance")
        self.level = (level or claimed or "b").lower()
        self.walker = ContentWalker(self.pdf)

    def xmp_value(self, ns, name):
        for p_ns, p_name, value, _ in self.properties:
            if p_ns == ns and p_name == name:
                return value
        return None

    def fail(self, clause, message):
        self.failures.append((clause, message))

    def dicts(self):
        """Every dictionary (and stream dictionary) reachable in the file, once."""
        seen = set()
        stack = [self.pdf.trailer]
        while stack:
            o = stack.pop()
            if isinstance(o, pikepdf.Object) and o.is_indirect:
                key = o.objgen
                if key in seen:
                    continue
                seen.add(key)
            if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream)):
                d = o.stream_dict if isinstance(o, pikepdf.Stream) else o
                yield o, d
                for k in list(d.keys()):
                    if k == "/Parent" or k == "/P":
                        continue
                    stack.append(d[k])
            elif isinstance(o, pikepdf.Array):
                stack.extend(list(o))


# ---- 6.1 File structure ---------------------------------------------------------------

@check("6.1.2", "File header")
def header(ctx):
    if not re.match(rb"%PDF-1\.[0-7]\r?\n", ctx.raw[:10]):
        ctx.fail("6.1.2", "the file does not start with %PDF-1.n (n <= 7) and an end of line")
        return
    second = ctx.raw.split(b"\n", 2)[1] if ctx.raw.count(b"\n") > 1 else b""
    if not (second.startswith(b"%") and len([c for c in second[1:5] if c > 127]) == 4):
        ctx.fail("6.1.2", "the header's second line is not % and four bytes above 127")


@check("6.1.3", "File trailer")
def trailer(ctx):
    ident = ctx.pdf.trailer.get("/ID")
    if not isinstance(ident, pikepdf.Array) or len(ident) != 2:
        ctx.fail("6.1.3", "the trailer has no /ID of two strings")
    if "/Encrypt" in ctx.pdf.trailer:
        ctx.fail("6.1.3", "the file is encrypted (/Encrypt)")
    end = ctx.raw.rfind(b"%%EOF")
    if end < 0 or ctx.raw[end + 5:] not in (b"", b"\n", b"\r\n", b"\r"):
        ctx.fail("6.1.3", "data after the last %%EOF marker")


@check("6.1.4", "Cross reference table")
def cross_reference(ctx):
    offsets, problems = xref_offsets(ctx.raw)
    for p in problems:
        ctx.fail("6.1.4", p)
    for number, offset in (offsets or {}).items():
        if not re.match(rb"%d \d+ obj\b" % number, ctx.raw[offset:offset + 30]):
            ctx.fail("6.1.4", "object %d is not at its xref offset %d" % (number, offset))
    result = subprocess.run(["qpdf", "--check", ctx.path], capture_output=True, text=True)
    if result.returncode != 0:
        ctx.fail("6.1.4", "qpdf --check: " + (result.stdout + result.stderr).strip().splitlines()[-1])


@check("6.1.7.1", "Stream objects")
def streams(ctx):
    offsets, _ = xref_offsets(ctx.raw)
    for number, offset in (offsets or {}).items():
        head = ctx.raw[offset:offset + 4096]
        m = re.search(rb"(?<!end)stream", head)
        end_obj = head.find(b"endobj")
        if not m or (0 <= end_obj < m.start()):
            continue
        after = ctx.raw[offset + m.end():offset + m.end() + 2]
        if not (after.startswith(b"\r\n") or after.startswith(b"\n")):
            ctx.fail("6.1.7.1", "object %d: the stream keyword is not followed by CRLF or LF" % number)
            continue
        start = offset + m.end() + (2 if after.startswith(b"\r\n") else 1)
        obj = ctx.pdf.get_object((number, 0))
        length = int(obj.stream_dict.get("/Length", -1))
        tail = ctx.raw[start + length:start + length + 12]
        if not re.match(rb"(\r\n|\n|\r)endstream", tail):
            ctx.fail("6.1.7.1", "object %d: /Length %d does not end at an end of line and endstream" % (number, length))
    for o, d in ctx.dicts():
        if isinstance(o, pikepdf.Stream):
            for key in ("/F", "/FFilter", "/FDecodeParms"):
                if key in d and d.get("/Type") != Name.Metadata:
                    ctx.fail("6.1.7.1", "a stream dictionary has %s (an external file)" % key)


@check("6.1.7.2", "Filters")
def filters(ctx):
    for o, d in ctx.dicts():
        if not isinstance(o, pikepdf.Stream):
            continue
        f = d.get("/Filter")
        names = [str(x) for x in f] if isinstance(f, pikepdf.Array) else ([str(f)] if f is not None else [])
        for n in names:
            if n in ("/LZWDecode", "/Crypt"):
                ctx.fail("6.1.7.2", "a stream uses the forbidden filter " + n)


@check("6.1.13", "Implementation limits")
def limits(ctx):
    if len(ctx.pdf.objects) > 8388607:
        ctx.fail("6.1.13", "more than 8388607 indirect objects")

    def value(v):
        if isinstance(v, int) and not isinstance(v, bool) and not (-2**31 <= v <= 2**31 - 1):
            ctx.fail("6.1.13", "integer %d outside the 32-bit range" % v)
        if isinstance(v, pikepdf.Name) and len(str(v).encode("utf-8")) - 1 > 127:
            ctx.fail("6.1.13", "a name longer than 127 bytes")
        if isinstance(v, pikepdf.String) and len(bytes(v)) > 32767:
            ctx.fail("6.1.13", "a string longer than 32767 bytes")
    for o, d in ctx.dicts():
        for k in d.keys():
            value(pikepdf.Name(k))
            v = d[k]
            if isinstance(v, pikepdf.Array):
                for x in v:
                    value(x)
            else:
                value(v)
    if ctx.walker.max_q_depth > 28:
        ctx.fail("6.1.13", "q/Q nesting deeper than 28 (%d)" % ctx.walker.max_q_depth)


# ---- 6.2 Graphics --------------------------------------------------------------------

@check("6.2.2", "Content streams")
def content_streams(ctx):
    for op in sorted(ctx.walker.unknown_operators):
        ctx.fail("6.2.2", "a content stream uses the operator %s, not defined in PDF 1.7" % op)
    for problem in ctx.walker.missing_resources:
        ctx.fail("6.2.2", problem)


def output_intent_profiles(ctx):
    profiles = []
    for intent in ctx.pdf.Root.get("/OutputIntents", []):
        if intent.get("/S") == Name.GTS_PDFA1 and "/DestOutputProfile" in intent:
            profiles.append(intent.DestOutputProfile)
    return profiles


@check("6.2.3", "Output intent")
def output_intent(ctx):
    profiles = output_intent_profiles(ctx)
    if not profiles:
        ctx.fail("6.2.3", "no /OutputIntents entry with /S /GTS_PDFA1 and a DestOutputProfile")
        return
    if len({p.objgen for p in profiles}) > 1:
        ctx.fail("6.2.3", "more than one distinct DestOutputProfile")
    icc = profiles[0].read_bytes()
    if len(icc) < 128 or icc[36:40] != b"acsp":
        ctx.fail("6.2.3", "the DestOutputProfile is not an ICC profile")
        return
    components = {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(icc[16:20])
    if components is None or int(profiles[0].stream_dict.get("/N", 0)) != components:
        ctx.fail("6.2.3", "the profile's /N does not match its colour space %r" % icc[16:20])
    if icc[12:16] not in (b"prtr", b"mntr"):
        ctx.fail("6.2.3", "the profile's class %r is neither output (prtr) nor display (mntr)" % icc[12:16])
    if (icc[8], icc[9] >> 4) > (4, 2):
        ctx.fail("6.2.3", "ICC profile version %d.%d is newer than ICC.1:2004-10 (4.2), which ISO 32000-1 refers to"
                 % (icc[8], icc[9] >> 4))


@check("6.2.4.3", "Device colour spaces")
def device_colour(ctx):
    profiles = output_intent_profiles(ctx)
    space = profiles[0].read_bytes()[16:20] if profiles else None
    need = {"DeviceRGB": b"RGB ", "DeviceCMYK": b"CMYK"}
    for used in sorted(ctx.walker.device_spaces):
        if used == "DeviceGray":
            if space is None:
                ctx.fail("6.2.4.3", "DeviceGray used without a PDF/A output intent")
        elif space != need[used]:
            ctx.fail("6.2.4.3", "%s used but the output intent is %r" % (used, space))


@check("6.2.5", "Extended graphics state")
def ext_gstate(ctx):
    blend = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten", "/ColorDodge",
             "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion", "/Hue", "/Saturation",
             "/Color", "/Luminosity"}
    for o, d in ctx.dicts():
        if d.get("/Type") != Name.ExtGState and not any(k in d for k in ("/TR", "/TR2", "/HTP", "/BM")):
            continue
        if "/TR" in d:
            ctx.fail("6.2.5", "a graphics state has a transfer function (/TR)")
        if "/TR2" in d and d.TR2 != Name.Default:
            ctx.fail("6.2.5", "a graphics state has /TR2 other than /Default")
        if "/HTP" in d:
            ctx.fail("6.2.5", "a graphics state has /HTP")
        if "/BM" in d and str(d.BM) not in blend:
            ctx.fail("6.2.10", "a graphics state uses the non-standard blend mode " + str(d.BM))


@check("6.2.8", "Images")
def images(ctx):
    for o, d in ctx.dicts():
        if d.get("/Subtype") != Name.Image:
            continue
        if d.get("/Interpolate") is True or d.get("/Interpolate") == True:  # noqa: E712
            ctx.fail("6.2.8", "an image has /Interpolate true")
        for key in ("/Alternates", "/OPI"):
            if key in d:
                ctx.fail("6.2.8", "an image has " + key)
        bpc = d.get("/BitsPerComponent")
        if bpc is not None and int(bpc) not in (1, 2, 4, 8, 16):
            ctx.fail("6.2.8", "an image has /BitsPerComponent %d" % int(bpc))


@check("6.2.9", "XObjects")
def xobjects(ctx):
    for o, d in ctx.dicts():
        if d.get("/Subtype") == Name.PS:
            ctx.fail("6.2.9", "a PostScript XObject")
        if d.get("/Subtype") == Name.Form:
            for key in ("/OPI", "/PS", "/Ref"):
                if key in d:
                    ctx.fail("6.2.9", "a form XObject has " + key)
            if d.get("/Subtype2") == Name.PS:
                ctx.fail("6.2.9", "a form XObject has /Subtype2 /PS")


# ---- 6.2.11 Fonts -------------------------------------------------------------------

@check("6.2.11.2", "Font dictionaries")
def font_dicts(ctx):
    allowed = {"/Type0", "/Type1", "/MMType1", "/Type3", "/TrueType"}
    for font, codes in ctx.walker.fonts():
        if str(font.get("/Subtype")) not in allowed:
            ctx.fail("6.2.11.2", "a font of subtype %s" % font.get("/Subtype"))
        if font.get("/Subtype") == Name.Type0 and descendant(font) is None:
            ctx.fail("6.2.11.2", "a Type0 font without exactly one descendant font")


@check("6.2.11.3", "Composite fonts")
def composite_fonts(ctx):
    for font, codes in ctx.walker.fonts():
        if font.get("/Subtype") != Name.Type0:
            continue
        enc = font.get("/Encoding")
        if not (enc in (Name("/Identity-H"), Name("/Identity-V")) or isinstance(enc, pikepdf.Stream)):
            ctx.fail("6.2.11.3.3", "a Type0 font's encoding %s is neither Identity nor embedded" % enc)
        d = descendant(font)
        if d is None:
            continue
        if "/CIDSystemInfo" not in d:
            ctx.fail("6.2.11.3.1", "a CIDFont without CIDSystemInfo")
        if d.get("/Subtype") == Name.CIDFontType2 and "/CIDToGIDMap" not in d:
            ctx.fail("6.2.11.3.2", "a CIDFontType2 font without CIDToGIDMap")


@check("6.2.11.4.1", "Embedded font programs")
def embedded(ctx):
    for font, codes in ctx.walker.fonts():
        if font.get("/Subtype") == Name.Type3:
            continue
        key, program = font_program(font)
        if program is None or not isinstance(program, pikepdf.Stream) or len(program.read_bytes()) == 0:
            ctx.fail("6.2.11.4.1", "font %s is not embedded" % font.get("/BaseFont"))


def font_infos(ctx):
    if not hasattr(ctx, "_fonts"):
        ctx._fonts = [(FontInfo(font), codes) for font, codes in ctx.walker.fonts()]
    return ctx._fonts


@check("6.2.11.4.2", "CIDSet")
def cid_set(ctx):
    for info, codes in font_infos(ctx):
        desc = info.cid_font.get("/FontDescriptor") if info.cid_font is not None else None
        if desc is None or "/CIDSet" not in desc:
            continue
        bits = desc.CIDSet.read_bytes()
        for cid in codes:
            if cid // 8 >= len(bits) or not bits[cid // 8] & (0x80 >> (cid % 8)):
                ctx.fail("6.2.11.4.2", "CIDSet of %s lacks CID %d, which the font has" % (info.font.get("/BaseFont"), cid))
                break


@check("6.2.11.5", "Font metrics")
def metrics(ctx):
    for info, codes in font_infos(ctx):
        if info.error:
            ctx.fail("6.2.11.5", "font %s: program unreadable: %s" % (info.font.get("/BaseFont"), info.error))
        if info.advance_of is None or info.gid_of is None:
            continue
        for cid in sorted(codes):
            advance = info.advance_of(info.gid_of(cid))
            if advance is None or abs(advance - info.width_of(cid)) > 1.0:
                ctx.fail("6.2.11.5", "font %s CID %d: /W says %g, the program %s" %
                         (info.font.get("/BaseFont"), cid, info.width_of(cid), advance))
                break


@check("6.2.11.7.2", "Unicode character maps", levels="au")
def unicode_maps(ctx):
    for info, codes in font_infos(ctx):
        name = info.font.get("/BaseFont")
        if info.unicode_of is None:
            ctx.fail("6.2.11.7.2", "font %s has no ToUnicode map" % name)
            continue
        for code in sorted(codes):
            u = info.unicode_of.get(code)
            if not u or any(ch in u for ch in "\u0000\ufeff\ufffe"):
                ctx.fail("6.2.11.7.2", "font %s: code %d has no Unicode value" % (name, code))
                break


@check("6.2.11.8", ".notdef glyph")
def notdef(ctx):
    for info, codes in font_infos(ctx):
        if info.gid_of is None:
            continue
        for cid in codes:
            if info.gid_of(cid) == 0:
                ctx.fail("6.2.11.8", "font %s: code %d shows the .notdef glyph" % (info.font.get("/BaseFont"), cid))
                break


from pdfa_interactive import *  # noqa: E402,F401,F403  (6.3 to 6.5, registered in order)


# ---- 6.6 Metadata --------------------------------------------------------------------

@check("6.6.2.1", "Metadata stream")
def metadata_stream(ctx):
    m = ctx.pdf.Root.get("/Metadata")
    if m is None or not isinstance(m, pikepdf.Stream):
        ctx.fail("6.6.2.1", "the catalog has no /Metadata stream")
        return
    if m.stream_dict.get("/Type") != Name.Metadata or m.stream_dict.get("/Subtype") != Name.XML:
        ctx.fail("6.6.2.1", "the metadata stream is not /Type /Metadata /Subtype /XML")
    for o, d in ctx.dicts():
        if d.get("/Type") == Name.Metadata and "/Filter" in d:
            ctx.fail("6.6.2.1", "a metadata stream is filtered (%s)" % d.Filter)
    if ctx.xmp_error:
        ctx.fail("6.6.2.1", "the metadata is not well-formed XML: " + ctx.xmp_error)
    head = re.match(rb"<\?xpacket ([^?]*)\?>", ctx.xmp_bytes)
    if not head:
        ctx.fail("6.6.2.1", "the metadata has no xpacket header")
    elif re.search(rb"\b(bytes|encoding)=", head.group(1)):
        ctx.fail("6.6.2.1", "the xpacket header has a bytes or encoding attribute")


@check("6.6.2.3", "Extension schemas")
def extension_schemas(ctx):
    for problem in check_extension_schemas(ctx.xmp_root, ctx.properties):
        ctx.fail("6.6.2.3", problem)


@check("6.6.3", "Document information dictionary")
def info_matches_xmp(ctx):
    info = ctx.pdf.trailer.get("/Info")
    if info is None:
        return
    pairs = [("/Title", DC, "title"), ("/Author", DC, "creator"), ("/Subject", DC, "description"),
             ("/Producer", PDF, "Producer"), ("/Creator", XMP, "CreatorTool"), ("/Keywords", PDF, "Keywords")]
    for key, ns, prop in pairs:
        if key in info and str(info[key]) != "":
            x = ctx.xmp_value(ns, prop)
            if x != str(info[key]):
                ctx.fail("6.6.3", "Info %s %r but XMP %s %r" % (key, str(info[key]), prop, x))
    for key, prop in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        if key in info:
            x = ctx.xmp_value(XMP, prop)
            if instant(x) != instant(info[key]):
                ctx.fail("6.6.3", "Info %s %s but XMP xmp:%s %s" % (key, str(info[key]), prop, x))


@check("6.6.4", "Version identification")
def version(ctx):
    part = ctx.xmp_value(PDFAID, "part")
    conformance = ctx.xmp_value(PDFAID, "conformance")
    if part != "2":
        ctx.fail("6.6.4", "pdfaid:part is %r, not 2" % part)
    if conformance not in ("A", "B", "U"):
        ctx.fail("6.6.4", "pdfaid:conformance is %r, not A, B or U" % conformance)


# ---- 6.7 Logical structure (level A), 6.9 Optional content, vanban's own ------------------

STANDARD_TYPES = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4
H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())


@check("6.7.2.2", "Mark information dictionary", levels="a")
def mark_info(ctx):
    mi = ctx.pdf.Root.get("/MarkInfo")
    if mi is None or not (mi.get("/Marked") is True or mi.get("/Marked") == True):  # noqa: E712
        ctx.fail("6.7.2.2", "the catalog has no /MarkInfo with /Marked true")
    elif mi.get("/Suspects") is True or mi.get("/Suspects") == True:  # noqa: E712
        ctx.fail("6.7.2.2", "/MarkInfo says /Suspects true")


@check("6.7.3", "Tagged PDF: structure tree and types", levels="a")
def structure(ctx):
    root = ctx.pdf.Root.get("/StructTreeRoot")
    if root is None:
        ctx.fail("6.7.3", "the catalog has no /StructTreeRoot")
        return
    role_map = root.get("/RoleMap", {})
    for key in role_map.keys():
        if key[1:] in STANDARD_TYPES:
            ctx.fail("6.7.3", "the role map remaps the standard type %s" % key)
    stack, seen = [root.get("/K")], set()
    while stack:
        k = stack.pop()
        if isinstance(k, pikepdf.Array):
            stack.extend(list(k))
            continue
        if not isinstance(k, pikepdf.Dictionary) or (k.is_indirect and k.objgen in seen):
            continue
        if k.is_indirect:
            seen.add(k.objgen)
        if "/S" in k:
            t, hops = str(k.S)[1:], 0
            while t not in STANDARD_TYPES and ("/" + t) in role_map and hops < 10:
                t, hops = str(role_map["/" + t])[1:], hops + 1
            if t not in STANDARD_TYPES:
                ctx.fail("6.7.3", "structure type %s is neither standard nor role-mapped to one" % k.S)
        if "/K" in k:
            stack.append(k.K)


@check("6.7.4", "Natural language (and vanban: /Lang on every file)")
def language(ctx):
    lang = ctx.pdf.Root.get("/Lang")
    if lang is None or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", str(lang)):
        ctx.fail("6.7.4", "the catalog has no valid /Lang (%r)" % (str(lang) if lang is not None else None))


@check("6.9", "Optional content")
def optional_content(ctx):
    oc = ctx.pdf.Root.get("/OCProperties")
    if oc is None:
        return
    for g in oc.get("/OCGs", []):
        if "/Name" not in g:
            ctx.fail("6.9", "an optional content group without /Name")
    for config in [oc.get("/D")] + list(oc.get("/Configs", [])):
        if config is not None and "/AS" in config:
            ctx.fail("6.9", "an optional content configuration has /AS")
        if config is not None and "/Name" not in config:
            ctx.fail("6.9", "an optional content configuration without /Name")


def run_checks(path, level=None, only=None):
    """[(clause, message)] for `path`; every check whose clause starts with `only`."""
    try:
        ctx = Context(path, level)
    except Exception as e:  # not a PDF pikepdf can read
        return [("6.1", "cannot be read: %s" % e)], "?"
    for clause, title, levels, fn in CHECKS:
        if ctx.level in levels and (only is None or clause.startswith(only)):
            fn(ctx)
    return ctx.failures, ctx.level


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    level = None
    for a in argv:
        if a.startswith("--level="):
            level = a.split("=", 1)[1]
    if "--list" in argv:
        for clause, title, levels, fn in CHECKS:
            print("%-11s %-55s levels %s" % (clause, title, "/".join(sorted(levels))))
        return 0
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    bad = 0
    for path in args:
        failures, lvl = run_checks(path, level)
        if failures:
            bad += 1
            for clause, message in failures:
                print("%s: FAIL %s %s" % (path, clause, message))
        elif "--quiet" not in argv:
            print("%s: PDF/A-2%s: %d clauses checked, all pass" % (path, lvl, sum(lvl in c[2] for c in CHECKS)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
