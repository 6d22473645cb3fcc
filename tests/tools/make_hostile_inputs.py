#!/usr/bin/env python3
"""Writes the hostile and huge inputs of issue #10 into a directory, for running the
command on each (and as fuzzer seeds). None of them is committed: they are large, or
small only because they lie. Standard library only.

    make_hostile_inputs.py OUT_DIR            # every input below (about 300 MB on disk)
    make_hostile_inputs.py OUT_DIR --seeds    # only the small (< 4 KB) ones
    make_hostile_inputs.py OUT_DIR --fuzz-seeds  # the small ones and the large ones of at most
                                                 # 1 MiB, in a folder per fuzz target

Each file's name says what it is; run e.g.
    vanban batch giay-khen OUT_DIR/list-minified-20000.json -o /tmp/x.pdf
    vanban render ke-hoach OUT_DIR/model-nested-dash-10000.json -o /tmp/x.pdf
    vanban batch giay-khen OUT_DIR/list-small.csv --emblem OUT_DIR/png-20000x20000.png -o /tmp/x.pdf
"""
import io
import json
import os
import struct
import sys
import zipfile
import zlib

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>'


def sheet(rows_xml):
    return '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (
        NS, rows_xml)


def xlsx(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def person(i):
    return {"stt": i, "ho_ten": "Nguyễn Thị Hồng Nhung %d" % i, "gioi_tinh": "Nữ", "chuc_vu": "Giáo viên",
            "don_vi": "Trường Tiểu học Hữu Nghị", "thanh_tich": "Đã có thành tích xuất sắc năm học 2021 - 2022",
            "so_quyet_dinh": "125/QĐ-SGDĐT", "ngay_quyet_dinh": "15/5/2022"}


def minified_list(n):
    return json.dumps([person(i) for i in range(1, n + 1)], ensure_ascii=False, separators=(",", ":")).encode()


def model(body):
    return {"template": "ke-hoach", "issuing_agency": "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "place": "Hòa Bình",
            "date": {"day": 1, "month": 3, "year": 2021}, "subject": "Kế hoạch", "body": body,
            "signature": {"authority": ["GIÁM ĐỐC"], "signer_name": "Nguyễn Văn A"}}


def nested_dash_json(depth):
    inner = '{"type":"dash","text":"x"}'
    for _ in range(depth - 1):
        inner = '{"type":"dash","text":"x","content":[' + inner + ']}'
    text = json.dumps(model([]), ensure_ascii=False, separators=(",", ":"))
    return text.replace('"body":[]', '"body":[' + inner + ']').encode()


def nested_dash_xml(depth):
    return ('<?xml version="1.0" encoding="UTF-8"?><document template="ke-hoach">'
            '<issuing_agency>SỞ GIÁO DỤC</issuing_agency><place>Hòa Bình</place>'
            '<date day="1" month="3" year="2021"/><subject>Kế hoạch</subject><body>' +
            '<dash>x' * depth + '</dash>' * depth +
            '</body><signature><authority><item>GIÁM ĐỐC</item></authority>'
            '<signer_name>Nguyễn Văn A</signer_name></signature></document>').encode()


def png_declaring(width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0\0")) + chunk(b"IEND", b"")


def patch_uncompressed_size(data, name, size):
    """Writes `size` as the uncompressed size of entry `name` in its local header and in
    the central directory: the entry lies about its size."""
    out = bytearray(data)
    key = name.encode()
    # (signature, offset of the name's length, of the name, of the uncompressed size)
    for signature, name_len_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = 0
        while True:
            at = out.find(signature, at)
            if at < 0:
                break
            name_len = struct.unpack_from("<H", out, at + name_len_at)[0]
            if bytes(out[at + name_at:at + name_at + name_len]) == key:
                struct.pack_into("<I", out, at + size_at, size)
            at += 4
    return bytes(out)


def zip_bomb(path, uncompressed):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(sheet(HEADER_ROW).encode()[:-len("</sheetData></worksheet>")])
            block = b" " * (1 << 24)
            left = uncompressed
            while left > 0:
                n = min(left, len(block))
                f.write(block[:n])
                left -= n
            f.write(b"</sheetData></worksheet>")


def small_inputs():
    """name -> bytes, each < 4 KB: the fuzzers' seeds (tests/fuzz/regressions/<target>/)."""
    return {
        "fuzz_recipient_list/xlsx-row-2000000000.xlsx": xlsx({"xl/worksheets/sheet1.xml": sheet(
            HEADER_ROW + '<row r="5"><c r="A5" t="inlineStr"><is><t>An</t></is></c></row>'
            '<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>Bình</t></is></c></row>')}),
        "fuzz_recipient_list/xlsx-cell-AAAAAAA2.xlsx": xlsx({"xl/worksheets/sheet1.xml": sheet(
            HEADER_ROW + '<row r="2"><c r="AAAAAAA2" t="inlineStr"><is><t>An</t></is></c></row>')}),
        "fuzz_recipient_list/xlsx-lying-entry-size.xlsx": patch_uncompressed_size(
            xlsx({"xl/worksheets/sheet1.xml": sheet(HEADER_ROW)}), "xl/worksheets/sheet1.xml", 0xFFFFFFF0),
        "fuzz_recipient_list/xlsx-entity-ndash.xlsx": xlsx({"xl/worksheets/sheet1.xml": sheet(
            HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>An &ndash; Bình</t></is></c></row>')}),
        "fuzz_recipient_list/csv-control-characters.csv":
            "Họ và tên,Thành tích\n\"Bùi Thị\r\nLan\",a\tb\nNguyễn\x00An,x\n\"Trần\x01Bình\",y\nLê Chi,z\n".encode(),
        "fuzz_recipient_list/json-nested-200.json": b'[{"ho_ten":' + b"[" * 300 + b"]" * 300 + b"}]",
        "fuzz_model/json-nested-objects-300.json": b'{"a":' * 300 + b"1" + b"}" * 300,
        "fuzz_model/xml-entity-ndash.xml": ('<?xml version="1.0"?><document><subject>a &ndash; b</subject>'
                                            '</document>').encode(),
        "fuzz_model/xml-billion-laughs.xml": (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
            "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10) for i in range(1, 10)) +
            ']><document><subject>&lol9;</subject></document>').encode(),
        "fuzz_model/xml-nested-dash-250.xml": nested_dash_xml(250),
        "fuzz_template/template-entity-ndash.xml": (
            '<?xml version="1.0"?><template name="x" extends="giay-khen"><certificate issuer="A &ndash; B"/>'
            '</template>').encode(),
        # The first byte is the column width (20 + 2 × byte pt), the rest the text.
        "fuzz_text_layout/line-break-and-tab": b"\x40" + "Bùi Thị\nLan\tTrường Tiểu học\n\nHữu Nghị".encode(),
    }


def large_input_makers():
    """name -> function making its bytes, for the large inputs held in memory whole."""
    return {
        "list-small.csv": lambda: "Họ và tên,Đơn vị\nBùi Thị Lan,Trường Tiểu học Hữu Nghị\n".encode(),
        "list-minified-2000.json": lambda: minified_list(2000),
        "list-minified-20000.json": lambda: minified_list(20000),
        "list-minified-20000.csv": lambda: (
            "STT,Họ và tên,Giới tính,Chức vụ,Đơn vị,Thành tích,Số quyết định,Ngày quyết định\n" +
            "".join(",".join(str(v) for v in person(i).values()) + "\n" for i in range(1, 20001))).encode(),
        "flat-array-2mb.json": lambda: ("[" + ",".join(str(i % 10) for i in range(1_000_000)) + "]").encode(),
        "list-200000-columns.csv": lambda: (",".join("Cột %d" % i for i in range(200_000)) + "\n" +
                                            ",".join("x" for _ in range(200_000)) + "\n").encode(),
        "model-nested-objects-100000.json": lambda: b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "model-nested-arrays-100000.json": lambda: b"[" * 100_000 + b"]" * 100_000,
        "model-nested-dash-10000.json": lambda: nested_dash_json(10_000),
        "model-nested-dash-10000.xml": lambda: nested_dash_xml(10_000),
        "model-entity-ndash.xml": lambda: (
            '<?xml version="1.0" encoding="UTF-8"?><document template="ke-hoach">'
            '<issuing_agency>SỞ GIÁO DỤC</issuing_agency><place>Hòa Bình</place>'
            '<date day="1" month="3" year="2021"/><subject>A &ndash; B</subject><body>'
            '<paragraph>x</paragraph></body><signature><authority><item>GIÁM ĐỐC</item>'
            '</authority><signer_name>Nguyễn Văn A</signer_name></signature></document>').encode(),
        "xlsx-3000000-shared-strings.xlsx": lambda: xlsx({
            "xl/sharedStrings.xml": '<?xml version="1.0"?><sst xmlns="%s">%s</sst>' % (NS, "<si><t>x</t></si>" * 3_000_000),
            "xl/worksheets/sheet1.xml": sheet(HEADER_ROW)}),
        "xlsx-lying-small-size.xlsx": lambda: patch_uncompressed_size(
            xlsx({"xl/worksheets/sheet1.xml": sheet(HEADER_ROW + " " * 300_000_000)}), "xl/worksheets/sheet1.xml", 1000),
        "png-20000x20000.png": lambda: png_declaring(20000, 20000),
    }


def large_inputs(out):
    for name, make in large_input_makers().items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(make())
    with open(os.path.join(out, "list-200mb-line.csv"), "wb") as f:
        f.write("Họ và tên,".encode())
        block = "Nguyễn Thị Hồng Nhung ".encode() * 40000
        written = 0
        while written < 200_000_000:
            f.write(block)
            written += len(block)
        f.write(b"\n")
    zip_bomb(os.path.join(out, "xlsx-zip-bomb-5.9GB.xlsx"), 5_900_000_000)


# The large inputs small enough for libFuzzer's -max_len (1 MiB), by the target that reads them.
FUZZ_SEEDS = {
    "list-small.csv": "fuzz_recipient_list", "list-minified-2000.json": "fuzz_recipient_list",
    "model-nested-objects-100000.json": "fuzz_model", "model-nested-arrays-100000.json": "fuzz_model",
    "model-nested-dash-10000.json": "fuzz_model", "model-nested-dash-10000.xml": "fuzz_model",
    "model-entity-ndash.xml": "fuzz_model", "png-20000x20000.png": "fuzz_png",
}


def fuzz_seeds(out):
    """The large inputs of at most 1 MiB, each in the folder of the target that reads it."""
    makers = large_input_makers()
    for name, target in FUZZ_SEEDS.items():
        data = makers[name]()
        assert len(data) <= 1 << 20, name
        os.makedirs(os.path.join(out, target), exist_ok=True)
        with open(os.path.join(out, target, name), "wb") as f:
            f.write(data)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = next(a for a in sys.argv[1:] if not a.startswith("--"))
    os.makedirs(out, exist_ok=True)
    for name, data in small_inputs().items():
        assert len(data) < 4096, name
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    if "--fuzz-seeds" in sys.argv[1:]:
        fuzz_seeds(out)
    elif "--seeds" not in sys.argv[1:]:
        large_inputs(out)


if __name__ == "__main__":
    main()
