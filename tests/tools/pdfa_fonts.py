"""The fonts of a PDF as pdfa_check.py checks them (ISO 19005-2 6.2.11): the descendant
CIDFont, the font program, CID -> GID, widths from /W and /DW, advances from the program
(fontTools), the ToUnicode map."""
import io
import re

import pikepdf
from pikepdf import Name


def descendant(font):
    if font.get("/Subtype") == Name.Type0:
        kids = font.get("/DescendantFonts")
        return kids[0] if isinstance(kids, pikepdf.Array) and len(kids) == 1 else None
    return font


def font_program(font):
    d = descendant(font)
    desc = d.get("/FontDescriptor") if d is not None else None
    if desc is None:
        return None, None
    for key in ("/FontFile2", "/FontFile", "/FontFile3"):
        if key in desc:
            return key, desc[key]
    return None, None


class FontInfo:
    """What the checks of one Type0/CIDFontType2 font need: CID -> GID, widths from W/DW,
    advances from the program (1000 units), ToUnicode."""

    def __init__(self, font):
        self.font = font
        self.cid_font = descendant(font)
        self.gid_of = self.width_of = self.advance_of = self.unicode_of = None
        self.error = None
        if self.cid_font is None or self.cid_font.get("/Subtype") != Name.CIDFontType2:
            return
        m = self.cid_font.get("/CIDToGIDMap")
        if isinstance(m, pikepdf.Stream):
            data = m.read_bytes()
            self.gid_of = lambda cid: (data[2 * cid] << 8 | data[2 * cid + 1]) if 2 * cid + 1 < len(data) else 0
        else:
            self.gid_of = lambda cid: cid
        widths, w = {}, list(self.cid_font.get("/W", []))
        i = 0
        while i < len(w):
            first = int(w[i])
            if isinstance(w[i + 1], pikepdf.Array):
                for k, v in enumerate(w[i + 1]):
                    widths[first + k] = float(v)
                i += 2
            else:
                for c in range(first, int(w[i + 1]) + 1):
                    widths[c] = float(w[i + 2])
                i += 3
        dw = float(self.cid_font.get("/DW", 1000))
        self.width_of = lambda cid: widths.get(cid, dw)
        key, program = font_program(font)
        if key == "/FontFile2":
            try:
                from fontTools.ttLib import TTFont
                tt = TTFont(io.BytesIO(program.read_bytes()), lazy=True)
                upem = tt["head"].unitsPerEm
                order, hmtx = tt.getGlyphOrder(), tt["hmtx"]
                self.glyph_count = len(order)
                self.advance_of = lambda gid: hmtx[order[gid]][0] * 1000.0 / upem if gid < len(order) else None
            except Exception as e:  # a program fontTools cannot read
                self.error = str(e)
        tu = font.get("/ToUnicode")
        if isinstance(tu, pikepdf.Stream):
            self.unicode_of = parse_to_unicode(tu.read_bytes())


def parse_to_unicode(data):
    text = data.decode("latin-1")
    out = {}

    def utf16(hexs):
        b = bytes.fromhex(hexs)
        try:
            return b.decode("utf-16-be")
        except UnicodeDecodeError:
            return "\ufffd"
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for k, dst in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    out[lo + k] = utf16(dst)
            else:
                base = bytes.fromhex(rest[1:-1])
                for k in range(hi - lo + 1):
                    b = base[:-1] + bytes([base[-1] + k]) if base else b""
                    out[lo + k] = b.decode("utf-16-be", "replace")
    return out
