#!/usr/bin/python3
"""Checks each kind of Decree 30 document for its own rules, read back from the PDF
(vanban's, and LibreOffice's layout of vanban's DOCX) with pdfminer, an oracle independent
of vanban. Rule IDs are those of ../shared/spec/nd30.md.

    kinds_check.py check KIND MODEL.json FILE.pdf [FILE.pdf …]
        the checks of KIND on each PDF; exit 1 when one fails
    kinds_check.py run --vanban BIN --samples DIR --out DIR [--templates DIR] [--no-docx]
                       [--only NAME,…] [--date ISO8601]
        renders every sample of a known kind as PDF and DOCX, converts ALL the DOCX files with
        ONE LibreOffice start (soffice --headless --convert-to pdf --outdir DIR/lo *.docx),
        checks both PDFs of each; prints one line per check, exit 1 when one fails

What the model asks decides which checks apply: a tên loại (present, bold, centred; or absent
for a Công văn), "Số: …/<ABBR>-…" with the ND30-TYPE-2 abbreviation exactly (QyĐ, CTr, TTr),
no Số when the model has none, "V/v" centred under Số 6 ± 2 pt below it (ND30-TL-4), the
"Kính gửi" dashes aligned under (or right of) the colon (ND30-NN-2), preamble and decision word
(ND30-CC-1), "Điều N." bold at the body indent (ND30-NUM-4), several signatures level
(ND30-SIG-4), "Nơi nhận:" only with recipients (ND30-NN-3), urgency boxes 20/30/40 × 8 mm in
red (ND30-KHAN-1/2), the secrecy mark under Số (ND30-MAT-1), the circulation mark boxed in the
top margin (ND30-LH-1), the draft mark, the address footer under a full-width rule on page 1
only (ND30-DC-1), the copy block under a full-width rule (ND30-COPY-1), page numbers from
page 2 (ND30-PAGE-9/11). Also usable as a library: check_kind(kind, model, pdf_path).
Run with Debian's /usr/bin/python3 (python3-pdfminer).
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_lines import is_red, read_pdf  # noqa: E402

MM = 72 / 25.4
# nd30.xml's page (ND30-PAGE-3): margins left 30 mm, right 15 mm, top 20 mm.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 30 * MM, 15 * MM, 20 * MM
HEADER_LEFT_WIDTH = 65 * MM

# ND30-TYPE-2 (tên loại, abbreviation), exactly as the decree writes them. None: the kind
# prints no tên loại (Công văn, Mẫu 1.5; thư công) or has no abbreviation.
KINDS = {
    "nghi-quyet": ("NGHỊ QUYẾT", "NQ"), "quyet-dinh": ("QUYẾT ĐỊNH", "QĐ"),
    "quyet-dinh-ban-hanh": ("QUYẾT ĐỊNH", "QĐ"), "chi-thi": ("CHỈ THỊ", "CT"), "quy-che": ("QUY CHẾ", "QC"),
    "quy-dinh": ("QUY ĐỊNH", "QyĐ"), "thong-cao": ("THÔNG CÁO", "TC"), "thong-bao": ("THÔNG BÁO", "TB"),
    "huong-dan": ("HƯỚNG DẪN", "HD"), "chuong-trinh": ("CHƯƠNG TRÌNH", "CTr"), "ke-hoach": ("KẾ HOẠCH", "KH"),
    "phuong-an": ("PHƯƠNG ÁN", "PA"), "de-an": ("ĐỀ ÁN", "ĐA"), "du-an": ("DỰ ÁN", "DA"),
    "bao-cao": ("BÁO CÁO", "BC"), "bien-ban": ("BIÊN BẢN", "BB"), "to-trinh": ("TỜ TRÌNH", "TTr"),
    "hop-dong": ("HỢP ĐỒNG", "HĐ"), "cong-van": (None, None), "cong-dien": ("CÔNG ĐIỆN", "CĐ"),
    "ban-ghi-nho": ("BẢN GHI NHỚ", "BGN"), "ban-thoa-thuan": ("BẢN THỎA THUẬN", "BTT"),
    "giay-uy-quyen": ("GIẤY ỦY QUYỀN", "GUQ"), "giay-moi": ("GIẤY MỜI", "GM"),
    "giay-gioi-thieu": ("GIẤY GIỚI THIỆU", "GGT"), "giay-nghi-phep": ("GIẤY NGHỈ PHÉP", "GNP"),
    "phieu-gui": ("PHIẾU GỬI", "PG"), "phieu-chuyen": ("PHIẾU CHUYỂN", "PC"), "phieu-bao": ("PHIẾU BÁO", "PB"),
    "thu-cong": (None, None), "ban-sao": ("QUYẾT ĐỊNH", "QĐ"),
}
COPY_ABBREVIATIONS = {"SAO Y": "SY", "TRÍCH SAO": "TrS", "SAO LỤC": "SL"}
# Kinds whose template prints no trích yếu under the tên loại (Mẫu 1.8, 1.10) or puts it under Số (1.5).
NO_SUBJECT_TITLE = {"giay-gioi-thieu", "giay-nghi-phep", "cong-van", "thu-cong"}
DECISION_WORDS = {"nghi-quyet": "QUYẾT NGHỊ:", "quyet-dinh": "QUYẾT ĐỊNH:", "quyet-dinh-ban-hanh": "QUYẾT ĐỊNH:",
                  "ban-sao": "QUYẾT ĐỊNH:"}
STAMP_WIDTH_MM = {"KHẨN": 20, "HỎA TỐC": 30, "HOẢ TỐC": 30, "THƯỢNG KHẨN": 40}  # ND30-KHAN-1, all 8 mm high


# ---------------------------------------------------------------------------- the model
def _rich(text):
    if isinstance(text, str):
        return text
    return "".join(s if isinstance(s, str) else next(iter(s.values())) for s in text or [])


def _blocks(blocks):
    for b in blocks or []:
        yield b
        yield from _blocks(b.get("content"))


def _lines(v):
    if v is None:
        return []
    return [v] if isinstance(v, str) else list(v)


def _number_text(num):
    n = num.get("number", "")
    n = f"{n:02d}" if isinstance(n, int) else (n or "")
    year = num.get("year")
    return n, (f"{year}/" if year else "") + num["symbol"]


# ---------------------------------------------------------------------------- the checks
class Checks:
    def __init__(self, kind, model, pages):
        self.kind, self.model, self.pages = kind, model, pages
        self.results = []
        self.left = MARGIN_LEFT
        self.right = pages[0]["width"] - MARGIN_RIGHT
        self.centre = (self.left + self.right) / 2

    def add(self, name, ok, detail=""):
        self.results.append((name, bool(ok), detail))

    def find(self, text, page=0, start=None):
        for ln in self.pages[page]["lines"]:
            if ln.text == text and (start is None or ln.baseline > start):
                return ln
        return None

    def find_prefix(self, prefix, page=0):
        return next((ln for ln in self.pages[page]["lines"] if ln.text.startswith(prefix)), None)

    # ND30-TL-1 / ND30-TYPE-2: the tên loại, or none.
    def type_name(self):
        name, _ = KINDS[self.kind]
        if name is None:
            bad = [ln.text for ln in self.pages[0]["lines"] if ln.text in ("CÔNG VĂN", "THƯ CÔNG")]
            self.add("no tên loại (ND30-TL-4)", not bad, f"found {bad}" if bad else "")
            return None
        ln = self.find(name)
        if not ln:
            self.add("tên loại present (ND30-TL-1)", False, f"no line {name!r} on page 1")
            return None
        self.add("tên loại present, bold, centred (ND30-TL-1)", ln.bold() and abs(ln.centre - self.centre) <= 2,
                 f"{ln}; text centre {self.centre:.1f}")
        subject = re.sub(r"\s+", " ", _rich(self.model.get("subject", ""))).strip()
        if self.kind in NO_SUBJECT_TITLE and subject:
            # No line of page 1 is the beginning of the trích yếu (however it wraps).
            found = [l.text for l in self.pages[0]["lines"] if len(l.text) > 8 and subject.startswith(l.text)]
            self.add("no trích yếu under the tên loại (Mẫu 1.8/1.10)", not found, str(found))
        return ln

    # ND30-SO-2..4, ND30-TYPE-2: "Số: 05/2009/QĐ-UBND", or no Số line.
    def number(self):
        num = self.model.get("number", {})
        if num is None:
            found = [ln.text for ln in self.pages[0]["lines"] if ln.text.startswith("Số:")]
            self.add("no Số line (number null)", not found, str(found))
            return None
        n, rest = _number_text(num)
        _, abbr = KINDS[self.kind]
        if abbr:
            self.add(f"model symbol starts with {abbr}- (ND30-TYPE-2)", rest.split("/")[-1].startswith(abbr + "-"), rest)
        pattern = r"Số: ?" + (re.escape(n) if n else r"\s*") + "/" + re.escape(rest)
        ln = next((l for l in self.pages[0]["lines"] if re.fullmatch(pattern, l.text)), None)
        if not ln:
            cands = [l.text for l in self.pages[0]["lines"] if l.text.startswith("Số")]
            self.add("Số line as written (ND30-SO-4)", False, f"want /{pattern}/, found {cands}")
            return None
        ok = (not ln.bold()) and 12.5 <= ln.size <= 13.5 and ln.x1 <= self.left + HEADER_LEFT_WIDTH + 2
        if abbr:
            ok = ok and f"/{abbr}-" in ln.text
        what = f"with /{abbr}- exactly" if abbr else "as the model writes it (no type abbreviation)"
        self.add(f"Số line {what}, 13 pt regular, left column (ND30-SO-4)", ok, repr(ln))
        return ln

    # ND30-TL-4: "V/v …" under Số, centred, 6 pt below, 12-13 pt, not bold; it may wrap.
    def vv(self, so):
        want = "V/v " + re.sub(r"\s+", " ", _rich(self.model.get("subject", ""))).strip()
        first = self.find_prefix("V/v ")
        if not first or not so:
            self.add("V/v under Số (ND30-TL-4)", False, "no V/v line" if so else "no Số line")
            return None
        got = [first]
        for l in self.pages[0]["lines"]:
            if (l.baseline > got[-1].baseline and l.baseline - got[-1].baseline <= 1.6 * l.size
                    and l.x1 <= self.left + HEADER_LEFT_WIDTH + 2 and abs(l.size - first.size) < 0.1):
                got.append(l)
        text = " ".join(l.text for l in got)
        # The space between the lines: the baseline step less one single line of Số's size
        # (Times New Roman / Liberation Serif: ascent .891 + descent .216 + line gap .042 em),
        # what "6 pt" of paragraph space before gives in both PDF and Word.
        gap = (first.baseline - so.baseline) - 1.149 * so.size
        dx = max(abs(l.centre - so.centre) for l in got)
        ok = text == want and dx <= 2 and 4 <= gap <= 8 and all(12 <= l.size <= 13.01 and not l.bold() for l in got)
        self.add("V/v centred under Số within 2 pt, 6±2 pt below, 12-13 pt regular (ND30-TL-4)", ok,
                 f"{len(got)} lines {text!r}, centre offset {dx:.2f} pt, gap {gap:.2f} pt, size {first.size}")
        return got[-1]

    # ND30-NN-2: "Kính gửi:" one recipient on its line, or several with "- " aligned right of the colon.
    def kinh_gui(self, label):
        items = _lines(self.model.get("kinh_gui"))
        if not items:
            return
        for p, page in enumerate(self.pages[:2]):
            lab = next((l for l in page["lines"] if l.text.startswith(label)), None)
            if lab:
                break
        if not lab:
            self.add(f"{label!r} present (ND30-NN-2)", False)
            return
        colon = [c for c in lab.chars if c["ch"] == ":"][0]
        colon_x0, colon_x1 = colon["x0"], colon["x1"]
        if len(items) == 1:
            rest = lab.text[len(label):].strip()
            ok = len(rest) >= min(10, len(items[0])) and items[0].startswith(rest.rstrip(".;"))
            self.add("one Kính gửi recipient on the label's line (ND30-NN-2)", ok, repr(lab))
            return
        # The first item may stand on the label's line ("Kính gửi: - …;"), the others under it.
        xs, texts = [], []
        on_label = [c for c in lab.chars if c["x0"] > colon_x1 and c["ch"] == "-"]
        if on_label and lab.text[len(label):].strip().startswith("-"):
            xs.append(on_label[0]["x0"])
            texts.append(lab.text)
        prev = lab
        for l in page["lines"]:
            if l.baseline <= lab.baseline:
                continue
            if l.baseline - prev.baseline > 1.6 * l.size:
                break                         # the list has ended
            if l.text.startswith("-") and len(xs) < len(items):
                xs.append(l.x0)
                texts.append(l.text)
            elif texts and l.x0 >= colon_x0 - 1 and len(texts[-1]) < len(items[len(texts) - 1]) + 3:
                texts[-1] += " " + l.text     # a wrapped recipient (hanging or not)
            else:
                break
            prev = l
        if texts and texts[0].startswith(label):
            texts[0] = texts[0][len(label):].strip()
        want = [f"- {it}{';' if i + 1 < len(items) else '.'}" for i, it in enumerate(items)]
        # "dashes aligned under the colon" (ND30-NN-2): at the colon or right of it, all at one x.
        ok = len(xs) == len(items) and max(xs) - min(xs) <= 1 and min(xs) >= colon_x0 - 1 and texts == want
        self.add("Kính gửi dashes at one x within 1 pt, under or right of the colon, ';' then '.' (ND30-NN-2)", ok,
                 f"dash x {[round(x, 2) for x in xs]}, colon {colon_x0:.2f}-{colon_x1:.2f}, {texts} vs {want}")

    # Mẫu 1.6: "<authority> điện:" centred bold, "điện" in lower case; then the receivers
    # (kinh_gui) one per line "- …;", the last "- ….", each "- " at the body's first-line
    # indent (1.27 cm) and a wrapped line back at the left margin, as the telegram's paragraphs.
    def sender(self):
        auth = re.sub(r"\s+", " ", self.model.get("authority", "")).strip()
        want_sender = auth if auth.endswith("điện:") else auth + " điện:"
        lines = self.pages[0]["lines"]
        end = next((i for i, l in enumerate(lines) if l.text.endswith("điện:")), None)
        if end is None or not auth:
            self.add("'… điện:' sender line (Mẫu 1.6)", False, f"authority {auth!r}")
            return
        start = end
        while start > 0 and want_sender.startswith(lines[start - 1].text + " ") and lines[start - 1].bold():
            start -= 1
        got = " ".join(l.text for l in lines[start:end + 1])
        items = _lines(self.model.get("kinh_gui"))
        want = [f"- {it}{';' if i + 1 < len(items) else '.'}" for i, it in enumerate(items)]
        texts, firsts, wraps = [], [], []
        for l in lines[end + 1:]:
            if l.text.startswith("- ") and len(texts) < len(want):
                texts.append(l.text)
                firsts.append(l)
            elif texts and len(texts[-1]) < len(want[len(texts) - 1]):
                texts[-1] += " " + l.text     # a wrapped receiver
                wraps.append(l)
            else:
                break
        indent = self.left + 12.7 * MM
        ok = (got == want_sender and all(l.bold() and abs(l.centre - self.centre) <= 2 for l in lines[start:end + 1])
              and "ĐIỆN" not in got)
        self.add("'<authority> điện:' sender line bold, centred, 'điện' in lower case (Mẫu 1.6)", ok,
                 f"{got!r} vs {want_sender!r}")
        ok = (texts == want and all(abs(l.x0 - indent) <= 1 and not l.bold(2) for l in firsts)
              and all(abs(l.x0 - self.left) <= 1 for l in wraps))
        self.add("receivers one per line '- …;' / '- ….', '- ' at the 1.27 cm body indent, wrapped lines at the "
                 "margin (Mẫu 1.6)", ok and bool(want),
                 f"{texts} vs {want}; x0 {[round(l.x0 - self.left, 2) for l in firsts]} (want {12.7 * MM:.2f}), "
                 f"wrapped {[round(l.x0 - self.left, 2) for l in wraps]}")

    # ND30-CC-1: the authority line, căn cứ lines italic, the decision word bold and centred.
    def preamble(self, title):
        word = DECISION_WORDS.get(self.kind)
        if not word:
            return
        floor = title.baseline if title else 0
        all_lines = [l for p, pg in enumerate(self.pages) for l in pg["lines"] if p or l.baseline > floor]
        dw = next((l for l in all_lines if l.text == word), None)
        self.add(f"{word!r} bold, centred (Mẫu 1.1/1.2)", dw and dw.bold() and abs(dw.centre - self.centre) <= 2, repr(dw))
        cc = [l for l in all_lines if l.text.startswith("Căn cứ")]
        self.add("căn cứ lines italic (ND30-CC-1)", cc and all(l.italic(6) for l in cc), f"{len(cc)} lines")
        auth = self.model.get("authority")
        if auth:
            first = auth.split("\n")[0].upper()
            al = next((l for l in all_lines if first.startswith(l.text) and len(l.text) > 6), None)
            self.add("authority line bold, centred (Mẫu 1.2 note 6)", al and al.bold() and abs(al.centre - self.centre) <= 2,
                     repr(al))

    # ND30-NUM-4: "Điều N." bold at the body indent (1 cm or 1.27 cm).
    def articles(self):
        want = sum(1 for b in _blocks(self.model.get("body")) if b.get("type") == "article")
        want += sum(1 for a in self.model.get("appendices", []) for b in _blocks(a.get("body")) if b.get("type") == "article")
        if not want:
            return
        found = [l for pg in self.pages for l in pg["lines"] if re.match(r"Điều \d+\.", l.text)]
        bad = []
        for l in found:
            n = len(re.match(r"Điều \d+\.", l.text).group(0).replace(" ", ""))
            indent = l.x0 - self.left
            if not (l.bold(n) and (abs(indent - 10 * MM) <= 1 or abs(indent - 12.7 * MM) <= 1)):
                bad.append(f"{l.text[:12]!r} indent {indent:.2f} bold {l.bold(n)}")
        self.add("'Điều N.' lines bold at a 1 or 1.27 cm indent (ND30-NUM-4)", len(found) == want and not bad,
                 f"{len(found)}/{want} articles; {bad[:3]}")

    # ND30-SIG-4, ND30-NN-3: signatures level; "Nơi nhận:" only with recipients, level with the authority.
    def closing(self):
        sigs = self.model.get("signatures") or ([self.model["signature"]] if self.model.get("signature") else [])
        lines = [(p, l) for p, pg in enumerate(self.pages) for l in pg["lines"]]
        if self.kind == "giay-nghi-phep" and len(sigs) >= 2:
            self.confirmation(sigs[1], lines)
            sigs = sigs[:1]
        firsts = []
        for s in sigs:
            auth = _lines(s.get("authority"))[0].upper()
            # The line itself, or its first part when it wraps in its column.
            cand = [(p, l) for p, l in lines if l.text == auth or (len(l.text) >= 4 and auth.startswith(l.text + " "))]
            if cand:
                firsts.append(cand[-1])
        if len(sigs) >= 2 and self.model.get("signature_arrangement", "side-by-side") == "side-by-side":
            ok = len(firsts) == len(sigs) and len({p for p, _ in firsts}) == 1 and \
                max(l.top for _, l in firsts) - min(l.top for _, l in firsts) <= 0.5
            self.add("signatures' first authority lines level (tops within 0.5 pt, ND30-SIG-4)", ok,
                     f"{[(l.text, round(l.top, 2)) for _, l in firsts]}")
            xs = sorted(firsts, key=lambda pl: pl[1].x0)
            self.add("signatures side by side, in model order left to right", [l.text for _, l in xs] ==
                     [l.text for _, l in firsts], str([l.text for _, l in xs]))
        label = [(p, l) for p, l in lines if l.text.startswith("Nơi nhận:")]
        want = 1 + bool((self.model.get("copy") or {}).get("recipients"))
        below = len(sigs) >= 2 and self.model.get("signature_arrangement", "side-by-side") == "side-by-side"
        if self.model.get("recipients") and below:
            # Mẫu 1.9: THƯ KÝ left, CHỦ TỌA right, each in a half of the text width; Nơi nhận
            # under the left one, at the margin, below its name.
            ok = len(label) == want and label[0][1].bold(9) and label[0][1].italic(9) and len(firsts) == len(sigs)
            detail = f"{label[0][1] if label else None}"
            if ok:
                p, lab = label[0]
                name = sigs[0].get("signer_name")
                nm = next((l for q, l in lines if q == p and l.text == name), None) if name else None
                half = (self.right - self.left) / 2
                ok = (abs(lab.x0 - self.left) <= 1 and lab.x1 < self.left + half and firsts[0][0] == p
                      and firsts[0][1].centre < self.left + half < firsts[1][1].centre
                      and abs(firsts[0][1].centre - (self.left + half / 2)) <= 2
                      and lab.top > (nm.bottom if nm else firsts[0][1].bottom) + 6)
                detail += f" / left signature {firsts[0][1]} name {nm}"
            self.add("Nơi nhận under the left of two signatures side by side, at the margin (Mẫu 1.9)", ok, detail)
        elif self.model.get("recipients"):
            ok = len(label) == want and label[0][1].bold(9) and label[0][1].italic(9) and abs(label[0][1].size - 12) < 0.1
            if ok and firsts:
                ok = label[0][0] == firsts[0][0] and abs(label[0][1].top - firsts[0][1].top) <= 2.5
            self.add("'Nơi nhận:' 12 bold italic, level with the authority (ND30-NN-3)", ok,
                     f"{label[0][1] if label else None} / {firsts[0][1] if firsts else None}")
        else:
            self.add("no 'Nơi nhận:' without recipients (ND30-NN-3)", not label, str(label))

    # Mẫu 1.10: the confirmation block (the second signature) at the lower left: its lines
    # bold, centred in the Nơi nhận column (60 mm), the text as written, below the Nơi nhận
    # list and the signer's name.
    def confirmation(self, sig, lines):
        want = re.sub(r"\s+", " ", " ".join(_lines(sig.get("authority")))).strip()
        column = 60 * MM
        start = next((i for i, (_, l) in enumerate(lines) if len(l.text) > 4 and want.startswith(l.text)), None)
        if start is None:
            self.add("confirmation block at the lower left (Mẫu 1.10)", False, f"no line starting {want[:20]!r}")
            return
        got, block = [], []
        for p, l in lines[start:]:
            if " ".join(got + [l.text]) != want[:len(" ".join(got + [l.text]))]:
                break
            got.append(l.text)
            block.append(l)
        p0 = lines[start][0]
        above = [l for p, l in lines if p == p0 and (l.text.startswith("- ") or l.text == sig.get("signer_name")
                                                      or l.text == (self.model.get("signatures") or [{}])[0].get("signer_name"))]
        ok = (" ".join(got) == want and all(l.bold() and abs(l.centre - (self.left + column / 2)) <= 2
                                             and l.x1 <= self.left + column + 1 for l in block)
              and above and block[0].top > max(l.bottom for l in above))
        self.add("confirmation block bold, centred in the Nơi nhận column, below Nơi nhận and the signature (Mẫu 1.10)",
                 ok, f"{' '.join(got)!r}; centres {[round(l.centre - self.left, 1) for l in block]} (want {column / 2:.1f})")

    def _box_around(self, page, ln, hpad=30, vpad=8):
        """Bounding box and colours of the strokes surrounding a line (a stamp's border)."""
        near = [s for s in self.pages[page]["strokes"]
                if s["x0"] >= ln.x0 - hpad and s["x1"] <= ln.x1 + hpad and s["top"] >= ln.top - vpad
                and s["bottom"] <= ln.bottom + vpad]
        if not near:
            return None
        return {"x0": min(s["x0"] for s in near), "x1": max(s["x1"] for s in near), "top": min(s["top"] for s in near),
                "bottom": max(s["bottom"] for s in near), "colors": [s["color"] for s in near]}

    # ND30-MAT-1, ND30-KHAN-1/2, ND30-LH-1, the draft mark.
    def marks(self, below):
        marks = self.model.get("marks") or {}
        floor = below.baseline if below else 0
        if marks.get("secrecy"):
            ln = self.find(marks["secrecy"], start=floor)
            ok = ln and ln.x1 <= self.left + HEADER_LEFT_WIDTH + 2
            self.add("secrecy mark under Số, left column (ND30-MAT-1)", ok, repr(ln))
            floor = ln.baseline if ln else floor
        if marks.get("urgency"):
            text = marks["urgency"]
            ln = self.find(text, start=floor)
            if not ln:
                self.add("urgency stamp under Số / the secrecy mark (ND30-KHAN-1)", False, f"no {text!r} below {floor:.1f}")
            else:
                box = self._box_around(0, ln)
                wmm = STAMP_WIDTH_MM.get(text, 0)
                if box:
                    w, h = (box["x1"] - box["x0"]) / MM, (box["bottom"] - box["top"]) / MM
                    ok = abs(w - wmm) <= 0.5 and abs(h - 8) <= 0.5 and box["x0"] <= ln.x0 and box["x1"] >= ln.x1
                    self.add(f"urgency box {wmm} x 8 mm ±0.5 around {text!r} (ND30-KHAN-1)", ok, f"{w:.2f} x {h:.2f} mm")
                    self.add("urgency box and text red (ND30-KHAN-2)",
                             all(is_red(c) for c in box["colors"]) and all(is_red(c["color"]) for c in ln.chars if c["ch"].strip()),
                             f"box {box['colors'][:1]}, text {ln.chars[0]['color']}")
                else:
                    self.add(f"urgency box around {text!r} (ND30-KHAN-1)", False, "no strokes around the text")
                self.add("urgency stamp bold, left column (ND30-KHAN-1, ô 10b)",
                         ln.bold() and ln.x1 <= self.left + HEADER_LEFT_WIDTH + 2, repr(ln))
        if marks.get("circulation"):
            ln = self.find(marks["circulation"])
            box = self._box_around(0, ln, hpad=12) if ln else None
            self.add("circulation mark boxed in the top margin of page 1 (ND30-LH-1)",
                     ln and box and ln.bottom <= MARGIN_TOP + 1 and box["x0"] < ln.x0 and box["x1"] > ln.x1, repr(ln))
        if marks.get("draft"):
            ln = self.find("DỰ THẢO")
            tn = self.find(KINDS[self.kind][0]) if KINDS[self.kind][0] else None
            self.add("'DỰ THẢO' on page 1 above the tên loại", ln and (not tn or ln.baseline < tn.baseline), repr(ln))

    # ND30-DC-1: the address at the foot of page 1 under a full-width rule, page 1 only.
    def address(self):
        addr = _lines(self.model.get("address"))
        if not addr:
            return
        pg = self.pages[0]
        head = addr[0].split("\n")[0][:24]
        first = next((l for l in pg["lines"] if l.text.startswith(head)), None)
        if not first:
            self.add("address footer on page 1 (ND30-DC-1)", False, "first line not found")
            return
        width = self.right - self.left
        rule = [s for s in pg["strokes"] if s["bottom"] <= first.top + 0.5 and s["top"] >= first.top - 15
                and s["x1"] - s["x0"] >= 0.98 * width]
        later = [p for p, q in enumerate(self.pages[1:], 1) if any(l.text == first.text for l in q["lines"])]
        ok = rule and 11 <= first.size <= 12.01 and not later and first.baseline > pg["height"] * 0.8
        self.add("address at the foot of page 1, 11-12 pt, under a full-width rule, page 1 only (ND30-DC-1)", ok,
                 f"{first}; rule {bool(rule)}; repeated on pages {later}")

    # ND30-COPY-1: the copy block after the copied text, under a rule across the text width.
    def copy(self):
        cp = self.model.get("copy") or {}
        if not cp.get("form"):
            return
        for p, pg in enumerate(self.pages):
            form = next((l for l in pg["lines"] if l.text == cp["form"]), None)
            if form:
                break
        if not form:
            self.add(f"copy form {cp['form']!r} present (ND30-COPY-1)", False)
            return
        width = self.right - self.left
        rules = [s for s in pg["strokes"] if s["bottom"] < form.top and s["x1"] - s["x0"] >= 0.98 * width]
        signer = (self.model.get("signature") or {}).get("signer_name")
        sl = next((l for l in pg["lines"] if l.text == signer), None)
        rule_top = max((r["top"] for r in rules), default=None)
        # On the same sheet as the copied text's end (its signer), under the rule.
        ok = form.bold() and 13 <= form.size <= 14.01 and rules and sl is not None and sl.baseline < rule_top
        self.add("copy form bold 13-14 pt under a full-width rule, on the copied text's last page (ND30-COPY-1)", ok,
                 f"{form}; {len(rules)} rules; signer {sl}")
        n, rest = _number_text(cp.get("number", {"symbol": ""}))
        abbr = COPY_ABBREVIATIONS[cp["form"]]
        so = next((l for l in pg["lines"] if l.text.startswith("Số:") and l.baseline > form.baseline - 2), None)
        self.add(f"copy number 'Số: …/{abbr}-…' (ND30-TYPE-2)", so and f"/{abbr}-" in so.text and rest in so.text, repr(so))

    # ND30-PAGE-9/11: no number on page 1; from page 2 the number centred in the top margin
    # (each appendix / attached document restarts at 1 and hides it on its first page).
    def page_numbers(self):
        numbers = []
        for pg in self.pages:
            tops = [l for l in pg["lines"] if l.bottom <= MARGIN_TOP + 2 and re.fullmatch(r"\d+", l.text)]
            numbers.append(tops[0] if tops else None)
        problems = []
        if numbers[0]:
            problems.append(f"page 1 shows {numbers[0].text}")
        expect = 1
        for i, ln in enumerate(numbers[1:], 2):
            if ln is None:
                expect = 1      # a new numbering group starts on this page
                continue
            expect += 1
            if ln.text != str(expect) or abs(ln.centre - self.centre) > 2:
                problems.append(f"page {i}: {ln}, expected {expect} centred")
        self.add(f"page numbers from page 2, centred in the top margin ({len(self.pages)} pages, ND30-PAGE-9)",
                 not problems and (len(self.pages) == 1 or numbers[1] is not None or self._new_group(1)), str(problems))

    def _new_group(self, page):
        lines = self.pages[page]["lines"]
        return bool(lines) and (lines[0].text.startswith("Phụ lục") or "CỘNG HÒA" in " ".join(l.text for l in lines[:3]))

    # ND30-PL-12: an attached document starts a page with its tên loại, no Số, and its
    # "(… kèm theo Quyết định số …)" line.
    def attached(self):
        for a in self.model.get("appendices", []):
            if not a.get("type_name"):
                continue
            hit = [(p, l) for p, pg in enumerate(self.pages[1:], 1) for l in pg["lines"] if l.text == a["type_name"]]
            if not hit:
                self.add(f"attached {a['type_name']!r} on a page of its own (ND30-PL-12)", False)
                continue
            p, tl = hit[0]
            lines = self.pages[p]["lines"]
            ref = next((l for l in lines if l.baseline > tl.baseline and "kèm theo" in l.text.lower()), None)
            no_so = not any(l.text.startswith("Số:") for l in lines if l.baseline < tl.baseline)
            qh = any(l.text.startswith("CỘNG HÒA") or l.text.startswith("CỘNG HOÀ") for l in lines[:4])
            self.add(f"attached {a['type_name']!r}: new page, Quốc hiệu, no Số, bold centred, '(… kèm theo …)' (ND30-PL-12)",
                     tl.bold() and abs(tl.centre - self.centre) <= 2 and ref and no_so and qh,
                     f"page {p + 1}: {tl}; ref {ref}; Quốc hiệu {qh}; no Số {no_so}")

    def run(self):
        title = self.type_name()
        so = self.number()
        last_header = so
        if self.kind == "cong-van":
            last_header = self.vv(so) or so
        self.marks(last_header)
        if self.kind in ("cong-van", "to-trinh", "bao-cao", "thu-cong"):
            self.kinh_gui("Kính gửi:")
        if self.kind == "cong-dien":
            self.sender()
        self.preamble(title)
        self.articles()
        self.closing()
        self.address()
        self.copy()
        self.attached()
        self.page_numbers()
        return self.results


def check_kind(kind, model, pdf_path):
    """[(check name, passed, detail)] for one PDF of one kind of document."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return Checks(kind, model, read_pdf(pdf_path)).run()


# ---------------------------------------------------------------------------- command line
def _print(label, results):
    failed = 0
    for name, ok, detail in results:
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {label}: {name}" + ("" if ok else f"  [{detail}]"))
    return failed


def _soffice_convert(docx_files, outdir):
    """One LibreOffice start converts every DOCX (start-up is the slow part)."""
    os.makedirs(outdir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="kinds-lo-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", outdir] + docx_files, check=True, stdout=subprocess.DEVNULL, timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def run(args):
    opts = {"--templates": None, "--only": None, "--date": "2024-12-01T08:00:00+07:00"}
    docx = "--no-docx" not in args
    args = [a for a in args if a != "--no-docx"]
    for i in range(0, len(args), 2):
        opts[args[i]] = args[i + 1]
    out = opts["--out"]
    os.makedirs(out, exist_ok=True)
    only = set(opts["--only"].split(",")) if opts["--only"] else None
    jobs = []
    for path in sorted(glob.glob(os.path.join(opts["--samples"], "*.json"))):
        name = os.path.basename(path)[:-5]
        with open(path, encoding="utf-8") as f:
            model = json.load(f)
        kind = model.get("template") if isinstance(model, dict) else None
        if kind in KINDS and (only is None or name in only):
            jobs.append((name, kind, model, path))
    failed, docx_files = 0, []
    for name, *_ in jobs:   # nothing of an earlier run is checked again
        for stale in (f"{name}.pdf", f"{name}.docx", os.path.join("lo", f"{name}.pdf")):
            if os.path.exists(os.path.join(out, stale)):
                os.remove(os.path.join(out, stale))
    for name, kind, model, path in jobs:
        for ext in (["pdf", "docx"] if docx else ["pdf"]):
            cmd = [opts["--vanban"], "render", kind, path, "-o", os.path.join(out, f"{name}.{ext}"), "--date", opts["--date"]]
            if opts["--templates"]:
                cmd += ["--template-dir", opts["--templates"]]
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
            if r.returncode != 0:
                failed += 1
                print(f"FAIL  {name}.{ext}: vanban exited {r.returncode}: {r.stderr.strip()[:300]}")
            elif ext == "docx":
                docx_files.append(os.path.join(out, f"{name}.docx"))
    if docx_files:
        _soffice_convert(docx_files, os.path.join(out, "lo"))
    for name, kind, model, _ in jobs:
        for label, pdf in ((f"{name} (pdf)", os.path.join(out, f"{name}.pdf")),
                           (f"{name} (docx)", os.path.join(out, "lo", f"{name}.pdf"))):
            if label.endswith("(docx)") and not docx:
                continue
            if not os.path.exists(pdf):
                failed += 1
                print(f"FAIL  {label}: {pdf} missing")
                continue
            failed += _print(label, check_kind(kind, model, pdf))
    print(f"{len(jobs)} documents, {failed} failed checks")
    return 1 if failed else 0


def main(argv):
    if len(argv) >= 5 and argv[1] == "check":
        kind, model_path = argv[2], argv[3]
        with open(model_path, encoding="utf-8") as f:
            model = json.load(f)
        failed = sum(_print(p, check_kind(kind, model, p)) for p in argv[4:])
        return 1 if failed else 0
    if len(argv) >= 2 and argv[1] == "run":
        return run(argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
