#!/usr/bin/python3
"""Checks a DOCX package as Word would need it, and reads it back with python-docx.

    docx_check.py FILE.docx   prints a JSON report; exit 1 with the problems found

- every part named in [Content_Types].xml and the relationships exists, every XML part parses;
- the children of pPr, rPr, sectPr, tblPr, trPr, tcPr appear in the order of the
  WordprocessingML schema (Word refuses files that LibreOffice opens);
- python-docx: style names, fonts, language, sections (size, margins, different first page).
Run with Debian's /usr/bin/python3 (python3-docx).
"""
import json
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
            "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
            "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
            "em", "lang", "eastAsianLayout", "specVanish", "oMath"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
               "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
               "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
              "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight", "tblHeader",
             "tblCellSpacing", "jc", "hidden"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"],
    "style": ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
              "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
              "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"],
}


def order_problems(root, part):
    problems = []
    for parent in root.iter():
        tag = parent.tag.replace(W, "")
        if tag not in ORDER or not parent.tag.startswith(W):
            continue
        seq = ORDER[tag]
        last = -1
        seen = set()
        for child in parent:
            name = child.tag.replace(W, "")
            if name not in seq:
                problems.append(f"{part}: <{name}> is not allowed in <{tag}>")
                continue
            i = seq.index(name)
            if i < last:
                problems.append(f"{part}: <{name}> comes after <{seq[last]}> in <{tag}>")
            if name in seen and name not in ("headerReference", "footerReference"):
                problems.append(f"{part}: <{name}> twice in <{tag}>")
            seen.add(name)
            last = max(last, i)
    return problems


def main(path):
    problems = []
    report = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        types = ET.fromstring(z.read("[Content_Types].xml"))
        for o in types:
            part = o.get("PartName")
            if part and part.lstrip("/") not in names:
                problems.append(f"content type for missing part {part}")
        overridden = {o.get("PartName", "").lstrip("/") for o in types}
        for name in names:
            if name.endswith(".xml") and name != "[Content_Types].xml" and name not in overridden:
                problems.append(f"{name} has no content type override")
            if name.endswith(".xml") or name.endswith(".rels"):
                root = ET.fromstring(z.read(name))
                problems += order_problems(root, name)
            if name.endswith(".rels"):
                base = name.replace("_rels/", "").replace(".rels", "")
                folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
                for rel in ET.fromstring(z.read(name)):
                    target = rel.get("Target")
                    full = (folder + target) if not target.startswith("/") else target.lstrip("/")
                    if rel.get("TargetMode") != "External" and full not in names:
                        problems.append(f"{name}: relationship to missing {full}")
        settings = z.read("word/settings.xml").decode()
        report["compatibility_mode"] = re.search(r'compatibilityMode" w:uri="[^"]*" w:val="(\d+)"', settings).group(1)
        styles_xml = z.read("word/styles.xml").decode()
        report["default_font"] = re.search(r'<w:rFonts w:ascii="([^"]+)"', styles_xml).group(1)
        report["default_lang"] = re.search(r'<w:lang w:val="([^"]+)"', styles_xml).group(1)
        header = z.read("word/header1.xml").decode()
        report["page_field"] = " PAGE " in header

    import docx
    d = docx.Document(path)
    report["styles"] = sorted(s.name for s in d.styles if s.type == 1)
    report["sections"] = [{
        "width_mm": round(s.page_width.mm, 1), "height_mm": round(s.page_height.mm, 1),
        "top_mm": round(s.top_margin.mm, 1), "bottom_mm": round(s.bottom_margin.mm, 1),
        "left_mm": round(s.left_margin.mm, 1), "right_mm": round(s.right_margin.mm, 1),
        "different_first_page": s.different_first_page_header_footer,
    } for s in d.sections]
    report["tables"] = len(d.tables)
    report["problems"] = problems
    json.dump(report, sys.stdout, ensure_ascii=False)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
