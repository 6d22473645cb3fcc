#!/usr/bin/python3
"""Reads a PDF back with pdfminer (an oracle independent of vanban) and prints JSON:

{"pages": [{"width": …, "height": …,
            "spans": [{"text", "font", "size", "x0", "x1", "baseline", "top", "bottom", "color"}],
            "rules": [{"x0", "y0", "x1", "y1", "width", "color"}],
            "images": [{"name", "x0", "x1", "top", "bottom", "pixels": [w, h], "smask"}]}]}

Coordinates are PDF points with y measured from the TOP of the page. A span is a run of
characters in content order with the same font, size and baseline and no gap wider than
30 pt (justified spaces). "color" is the fill colour of a span's text and the stroke colour of a rule, as pdfminer
reads it (a list of components: [r, g, b], [gray]…). Font names lose their subset tag ("ABCDEF+LiberationSerif-Bold" -> "LiberationSerif-Bold").
Run with Debian's /usr/bin/python3 (python3-pdfminer).
"""
import json
import sys

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTCurve, LTImage, LTLine, LTRect, LTContainer


def walk(obj):
    if isinstance(obj, LTContainer):
        for child in obj:
            yield from walk(child)
    else:
        yield obj


def color(c):
    """A colour as a list of numbers (None = the default, black)."""
    if c is None:
        return [0]
    if isinstance(c, (int, float)):
        return [round(float(c), 4)]
    return [round(float(v), 4) for v in c]


def probe(path):
    pages = []
    # No layout analysis: keep content order, every character.
    for page in extract_pages(path, laparams=None):
        height = page.height
        chars, rules, images = [], [], []
        for obj in walk(page):
            if isinstance(obj, LTChar):
                font = obj.fontname.split("+", 1)[-1]
                baseline = height - obj.matrix[5]
                chars.append((obj.get_text(), font, round(obj.size, 3), obj.x0, obj.x1, baseline,
                              height - obj.y1, height - obj.y0, color(obj.graphicstate.ncolor)))
            elif isinstance(obj, LTImage):
                images.append({"name": obj.name, "x0": obj.x0, "x1": obj.x1, "top": height - obj.y1,
                               "bottom": height - obj.y0, "pixels": list(obj.srcsize),
                               "smask": "SMask" in obj.stream.attrs})
            elif isinstance(obj, (LTLine, LTRect, LTCurve)):
                pts = getattr(obj, "pts", None) or [(obj.x0, obj.y0), (obj.x1, obj.y1)]
                (x0, y0), (x1, y1) = pts[0], pts[-1]
                rules.append({"x0": x0, "y0": height - y0, "x1": x1, "y1": height - y1,
                              "width": obj.linewidth, "color": color(obj.stroking_color)})
        spans = []
        for text, font, size, x0, x1, baseline, top, bottom, rgb in chars:
            last = spans[-1] if spans else None
            if (last and last["font"] == font and abs(last["size"] - size) < 0.01 and last["color"] == rgb
                    and abs(last["baseline"] - baseline) < 0.01 and -2.0 <= x0 - last["x1"] <= 30.0):
                last["text"] += text
                last["x1"] = x1
                last["top"] = min(last["top"], top)
                last["bottom"] = max(last["bottom"], bottom)
            else:
                spans.append({"text": text, "font": font, "size": size, "x0": x0, "x1": x1,
                              "baseline": baseline, "top": top, "bottom": bottom, "color": rgb})
        pages.append({"width": page.width, "height": height, "spans": spans, "rules": rules,
                      "images": images})
    return {"pages": pages}


if __name__ == "__main__":
    json.dump(probe(sys.argv[1]), sys.stdout, ensure_ascii=False)
