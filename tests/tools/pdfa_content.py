"""The content streams of a PDF walked as a viewer draws them (pdfa_check.py): pages,
the form XObjects they paint, annotation appearances; what they use (fonts and the codes
shown with each, device colour spaces, operators, resources, q nesting)."""
import pikepdf
from pikepdf import Name

# Every content-stream operator of ISO 32000-1 (Annex A).
OPERATORS = set("""b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m
M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"""".split())
DEVICE = {"/DeviceRGB": "DeviceRGB", "/DeviceGray": "DeviceGray", "/DeviceCMYK": "DeviceCMYK",
          "/RGB": "DeviceRGB", "/G": "DeviceGray", "/CMYK": "DeviceCMYK"}


def inherited_resources(page):
    node = page
    while node is not None:
        if "/Resources" in node:
            return node.Resources
        node = node.get("/Parent")
    return pikepdf.Dictionary()


class ContentWalker:
    def __init__(self, pdf):
        self.pdf = pdf
        self.unknown_operators = set()
        self.missing_resources = []
        self.device_spaces = set()
        self.max_q_depth = 0
        self._fonts = {}   # objgen (or id) -> [font, set of codes]
        self._walked = set()
        for number, page in enumerate(pdf.pages, 1):
            self.walk(page.obj, inherited_resources(page.obj), "page %d" % number)
            for annot in page.obj.get("/Annots", []):
                ap = annot.get("/AP")
                normal = ap.get("/N") if ap is not None else None
                forms = [normal] if isinstance(normal, pikepdf.Stream) else (
                    [v for k, v in normal.items()] if isinstance(normal, pikepdf.Dictionary) else [])
                for form in forms:
                    if isinstance(form, pikepdf.Stream):
                        self.walk(form, form.get("/Resources", pikepdf.Dictionary()), "an annotation appearance")

    def fonts(self):
        return [(f, codes) for f, codes in self._fonts.values()]

    def resource(self, resources, kind, name, where):
        group = resources.get(kind)
        obj = group.get(str(name)) if group is not None else None
        if obj is None:
            self.missing_resources.append("%s uses %s %s, missing from its resources" % (where, kind, name))
        return obj

    def walk(self, stream, resources, where):
        key = stream.objgen if stream.is_indirect else None
        if key is not None and key != (0, 0):
            if key in self._walked:
                return
            self._walked.add(key)
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except pikepdf.PdfError as e:
            self.unknown_operators.add("(unparsable content in %s: %s)" % (where, e))
            return
        depth, font = 0, None
        for ins in instructions:
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                cs = ins.iimage.obj.get("/ColorSpace", ins.iimage.obj.get("/CS"))
                if cs is not None and str(cs) in DEVICE:
                    self.device_spaces.add(DEVICE[str(cs)])
                continue
            op, operands = str(ins.operator), ins.operands
            if op not in OPERATORS:
                self.unknown_operators.add(op)
            if op == "q":
                depth += 1
                self.max_q_depth = max(self.max_q_depth, depth)
            elif op == "Q":
                depth -= 1
            elif op in ("rg", "RG"):
                self.device_spaces.add("DeviceRGB")
            elif op in ("g", "G"):
                self.device_spaces.add("DeviceGray")
            elif op in ("k", "K"):
                self.device_spaces.add("DeviceCMYK")
            elif op in ("cs", "CS") and operands and str(operands[0]) in DEVICE:
                self.device_spaces.add(DEVICE[str(operands[0])])
            elif op == "gs" and operands:
                self.resource(resources, "/ExtGState", operands[0], where)
            elif op == "Tf" and operands:
                font = self.resource(resources, "/Font", operands[0], where)
            elif op in ("Tj", "'", '"', "TJ") and operands:
                self.show(font, operands[-1], where)
            elif op == "Do" and operands:
                x = self.resource(resources, "/XObject", operands[0], where)
                if x is None:
                    continue
                if x.get("/Subtype") == Name.Form:
                    self.walk(x, x.get("/Resources", resources), "form %s in %s" % (operands[0], where))
                elif x.get("/Subtype") == Name.Image:
                    cs = x.get("/ColorSpace")
                    if cs is not None and str(cs) in DEVICE:
                        self.device_spaces.add(DEVICE[str(cs)])

    def show(self, font, operand, where):
        if font is None:
            self.missing_resources.append("%s shows text with no font set" % where)
            return
        key = font.objgen if font.is_indirect else id(font)
        entry = self._fonts.setdefault(key, [font, set()])
        two = font.get("/Subtype") == Name.Type0
        strings = [operand] if isinstance(operand, pikepdf.String) else [x for x in operand if isinstance(x, pikepdf.String)]
        for s in strings:
            b = bytes(s)
            if two:
                entry[1].update(b[i] << 8 | b[i + 1] for i in range(0, len(b) - 1, 2))
            else:
                entry[1].update(b)
