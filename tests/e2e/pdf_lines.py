#!/usr/bin/python3
"""A PDF read back as lines of text with their characters' fonts, sizes, positions and
colours, and the strokes drawn on each page (rules, boxes) with their colours — what
kinds_check.py measures. pdfminer is the oracle, independent of vanban; coordinates are
PDF points with y from the TOP of the page. Run with Debian's /usr/bin/python3.
"""
import os
import re
import sys
import unicodedata

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTLine, LTRect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_probe import walk as _walk  # noqa: E402  (every layout object of a page)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def _rgb(color):
    """pdfminer colour (gray float, RGB or CMYK tuple, None) -> (r, g, b) or None."""
    if color is None:
        return None
    if isinstance(color, (int, float)):
        return (float(color),) * 3
    c = [float(x) for x in color if isinstance(x, (int, float))]
    if len(c) == 1:
        return (c[0],) * 3
    if len(c) == 3:
        return tuple(c)
    if len(c) == 4:
        k = c[3]
        return tuple((1 - x) * (1 - k) for x in c[:3])
    return None


def is_red(rgb):
    return rgb is not None and rgb[0] >= 0.75 and rgb[1] <= 0.25 and rgb[2] <= 0.25


class Line:
    """A run of characters on one baseline with no gap wider than SPLIT pt (columns split)."""
    SPLIT = 24.0

    def __init__(self, chars):
        self.chars = chars
        text = ""
        for i, c in enumerate(chars):
            if i and c["ch"] != " " and not text.endswith(" ") and c["x0"] - chars[i - 1]["x1"] > 0.18 * c["size"]:
                text += " "
            text += c["ch"]
        self.text = nfc(re.sub(r"\s+", " ", text).strip())
        self.x0 = min(c["x0"] for c in chars)
        self.x1 = max(c["x1"] for c in chars)
        self.baseline = chars[0]["baseline"]
        self.top = min(c["top"] for c in chars)
        self.bottom = max(c["bottom"] for c in chars)
        self.size = max(c["size"] for c in chars)

    @property
    def centre(self):
        return (self.x0 + self.x1) / 2

    def prefix_chars(self, n):
        return [c for c in self.chars if c["ch"].strip()][:n]

    def bold(self, n=None):
        cs = [c for c in self.chars if c["ch"].strip()]
        cs = cs[:n] if n else cs
        return bool(cs) and all("bold" in c["font"].lower() for c in cs)

    def italic(self, n=None):
        cs = [c for c in self.chars if c["ch"].strip()]
        cs = cs[:n] if n else cs
        return bool(cs) and all(("italic" in c["font"].lower() or "oblique" in c["font"].lower()) for c in cs)

    def __repr__(self):
        return f"Line({self.text!r} x0={self.x0:.1f} x1={self.x1:.1f} base={self.baseline:.1f})"


def read_pdf(path):
    """Pages: {"width", "height", "lines": [Line, top to bottom], "strokes": [{x0, x1, top, bottom, color}]}."""
    pages = []
    for page in extract_pages(path, laparams=None):
        h = page.height
        chars, strokes = [], []
        for obj in _walk(page):
            if isinstance(obj, LTChar):
                gs = getattr(obj, "graphicstate", None)
                chars.append({"ch": obj.get_text(), "font": obj.fontname.split("+", 1)[-1], "size": round(obj.size, 2),
                              "x0": obj.x0, "x1": obj.x1, "baseline": h - obj.matrix[5], "top": h - obj.y1,
                              "bottom": h - obj.y0, "color": _rgb(getattr(gs, "ncolor", None))})
            elif isinstance(obj, (LTLine, LTRect, LTCurve)):
                color = None
                if getattr(obj, "stroke", False):
                    color = _rgb(obj.stroking_color)
                elif getattr(obj, "fill", False):
                    color = _rgb(obj.non_stroking_color)
                strokes.append({"x0": obj.x0, "x1": obj.x1, "top": h - obj.y1, "bottom": h - obj.y0, "color": color})
        chars.sort(key=lambda c: (round(c["baseline"] * 2) / 2, c["x0"]))
        groups = []
        for c in chars:
            g = groups[-1] if groups else None
            if g and abs(g[-1]["baseline"] - c["baseline"]) < 0.6 and c["x0"] - g[-1]["x1"] <= Line.SPLIT:
                g.append(c)
            else:
                groups.append([c])
        lines = [Line(g) for g in groups if "".join(c["ch"] for c in g).strip()]
        lines.sort(key=lambda ln: (round(ln.baseline, 1), ln.x0))
        pages.append({"width": page.width, "height": h, "lines": lines, "strokes": strokes})
    return pages
