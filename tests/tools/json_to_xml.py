#!/usr/bin/env python3
"""Writes the XML form of a vanban JSON model (the mapping of docs/model.md).

    python3 tests/tools/json_to_xml.py samples/ke-hoach-hoa-binh-2021.json > samples/ke-hoach-hoa-binh-2021.xml
"""
import json
import sys
from xml.sax.saxutils import escape, quoteattr

ITEM_ARRAYS = {"recipients", "authority", "parent_agency", "issuing_agency", "appendices",
               "kinh_gui", "address", "signatures", "preamble"}
RICH_ITEM_ARRAYS = {"preamble"}
BLOCK_ARRAYS = {"body", "content"}


def rich(value):
    if isinstance(value, str):
        return escape(value)
    out = ""
    for span in value:
        if isinstance(span, str):
            out += escape(span)
        else:
            (key, text), = span.items()
            out += f"<{key}>{escape(text)}</{key}>"
    return out


def scalar(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def element(name, value, indent):
    pad = "  " * indent
    if name in BLOCK_ARRAYS:
        inner = "".join(block(b, indent + 1) for b in value)
        return f"{pad}<{name}>\n{inner}{pad}</{name}>\n"
    if name in RICH_ITEM_ARRAYS and isinstance(value, list):
        inner = "".join(f"{pad}  <item>{rich(v)}</item>\n" for v in value)
        return f"{pad}<{name}>\n{inner}{pad}</{name}>\n"
    if name in ITEM_ARRAYS and isinstance(value, list):
        inner = "".join(element("item", v, indent + 1) for v in value)
        return f"{pad}<{name}>\n{inner}{pad}</{name}>\n"
    if isinstance(value, dict):
        attrs = "".join(f" {k}={quoteattr(scalar(v))}" for k, v in value.items()
                        if not isinstance(v, (dict, list)))
        children = "".join(element(k, v, indent + 1) for k, v in value.items() if isinstance(v, (dict, list)))
        if not children:
            return f"{pad}<{name}{attrs}/>\n"
        return f"{pad}<{name}{attrs}>\n{children}{pad}</{name}>\n"
    return f"{pad}<{name}>{escape(scalar(value))}</{name}>\n"


def cell(c):
    if isinstance(c, dict):
        attrs = "".join(f" {k}={quoteattr(scalar(v))}" for k, v in c.items() if k != "text")
        return f"<cell{attrs}>{rich(c.get('text', ''))}</cell>"
    return f"<cell>{rich(c)}</cell>"


def table(b, indent):
    pad = "  " * indent
    attrs = f" repeat_header={quoteattr(scalar(b['repeat_header']))}" if "repeat_header" in b else ""
    out = f"{pad}<table{attrs}>\n{pad}  <columns>"
    for col in b["columns"]:
        out += "<item" + "".join(f" {k}={quoteattr(scalar(v))}" for k, v in col.items()) + "/>"
    out += "</columns>\n"
    for part in ("header", "rows"):
        if part in b:
            out += f"{pad}  <{part}>\n"
            for row in b[part]:
                out += f"{pad}    <row>" + "".join(cell(c) for c in row) + "</row>\n"
            out += f"{pad}  </{part}>\n"
    return out + f"{pad}</table>\n"


def block(b, indent):
    pad = "  " * indent
    kind = b["type"]
    if kind == "table":
        return table(b, indent)
    attrs = ""
    for key in ("label", "marker", "style", "lines"):
        if key in b:
            attrs += f" {key}={quoteattr(scalar(b[key]))}"
    if isinstance(b.get("title"), str):
        attrs += f" title={quoteattr(b['title'])}"
    inner = ""
    if isinstance(b.get("title"), list):
        inner += f"{pad}  <title>{rich(b['title'])}</title>\n"
    content = b.get("content", [])
    if "text" in b and not content:
        return f"{pad}<{kind}{attrs}>{rich(b['text'])}</{kind}>\n"
    if "text" in b:
        inner += f"{pad}  <text>{rich(b['text'])}</text>\n"
    inner += "".join(block(c, indent + 1) for c in content)
    if not inner:
        return f"{pad}<{kind}{attrs}/>\n"
    return f"{pad}<{kind}{attrs}>\n{inner}{pad}</{kind}>\n"


def main(path):
    doc = json.load(open(path, encoding="utf-8"))
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<document>\n']
    for key, value in doc.items():
        out.append(element(key, value, 1))
    out.append("</document>\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
