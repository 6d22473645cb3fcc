#!/usr/bin/python3
"""Signing end to end through the `vanban` command, judged from the files (issue #13):

* every administrative sample rendered with two signatures (the signer's blue signature,
  then the body's red seal): `pdfsig` reports both valid, the last covering the whole file;
  `qpdf --check` passes; the signature's widget is centred between the last authority line
  and the name (ND30-ESIG-1), the seal's is at its real size (pHYs: 36 mm) with its right
  edge at the end of the signature's left third, level with it (ND30-ESIG-2) — positions
  read back with pikepdf (widgets) and pdfminer (text, tests/e2e/pdf_probe.py);
* `vanban sign` on a file vanban wrote (the slots its XMP records), twice: the signer,
  then the body, in two runs;
* the body's information box (--role info) on a form (an appendix in a separate file,
  ND30-PL-8) and on an electronic copy (ND30-EDOC-4): top-right of page 1, 77 mm wide,
  its text (flattened with qpdf) 10 pt, upright, black, with the number and the ISO 8601
  time (ND30-ESIG-4/5) or the copy form and the copying body;
* a PDF vanban did not write, signed at --page/--rect;
* a signed certificate batch, one file per row: every file valid, its signature centred
  between the signer's title and name; one file of every row: signed once;
* a key on a PKCS#11 token (SoftHSM2, tests/sign/make_token.sh), PAdES B-T with a local TSA
  (tests/sign/tsa_server.py), the password typed on a terminal without echo;
* a black opaque signature image: ND30-ESIG-1 warnings, said once for a batch;
* a wrong password, a missing one (no terminal) and a bad --role fail clearly.

  signing_check.py --vanban BIN --samples DIR --keys-script tests/sign/make_keys.sh --out DIR
Run with Debian's /usr/bin/python3 (python3-pdfminer, python3-pikepdf); needs pdfsig, qpdf, openssl.
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import zlib

import pikepdf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_probe import probe  # noqa: E402

MM = 72 / 25.4
TIME = "2021-03-05T09:15:30+07:00"
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)
    return ok


def png(path, width, height, pixel, dpi=300):
    """An RGBA PNG with a pHYs chunk (its real size) drawn by pixel(x, y) -> (r, g, b, a)."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw.extend(pixel(x, y))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ppm = round(dpi / 0.0254)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)) +
                chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)) + chunk(b"IDAT", zlib.compress(bytes(raw))) +
                chunk(b"IEND", b""))


def make_images(out):
    sig, seal = os.path.join(out, "signature.png"), os.path.join(out, "seal.png")
    w, h = round(40 * 300 / 25.4), round(15 * 300 / 25.4)   # 40 × 15 mm at 300 dpi

    def stroke(x, y):  # a blue wave, transparent elsewhere
        import math
        on = abs(y - (h / 2 + h / 3 * math.sin(x / 40))) < 5
        return (20, 40, 200, 255) if on else (0, 0, 0, 0)
    png(sig, w, h, stroke)
    d = round(36 * 300 / 25.4)  # a 36 mm seal

    def ring(x, y):
        r = ((x - d / 2) ** 2 + (y - d / 2) ** 2) ** 0.5
        return (220, 20, 30, 255) if d / 2 - 14 < r < d / 2 - 2 or d / 2 - 60 < r < d / 2 - 52 else (0, 0, 0, 0)
    png(seal, d, d, ring)
    return sig, seal


def run(cmd, expect=0, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    if not check(p.returncode == expect, f"{' '.join(cmd[:4])}…: exit {p.returncode}, expected {expect}: {p.stderr[-400:]}"):
        return None
    return p


def pdfsig(path, count):
    p = subprocess.run(["pdfsig", path], capture_output=True, text=True)
    text = p.stdout
    ok = check(text.count("Signature is Valid.") == count, f"{path}: {count} valid signatures expected:\n{text}")
    blocks = text.split("Signature #")[1:]
    ok = check(len(blocks) == count and "Total document signed" in blocks[-1],
               f"{path}: the last signature covers the whole file") and ok
    return ok


def qpdf_check(path):
    p = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    return check(p.returncode == 0, f"qpdf --check {path}: {p.stdout[-300:]}{p.stderr[-300:]}")


def widgets(path):
    """[(page index, field name, [x0, top, x1, bottom] from the top-left)] of the signature fields."""
    out = []
    with pikepdf.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            height = float(page.mediabox[3])
            for annot in page.obj.get("/Annots", []):
                if annot.get("/FT") == "/Sig" or annot.get("/Parent", {}).get("/FT") == "/Sig":
                    x0, y0, x1, y1 = [float(v) for v in annot.Rect]
                    out.append((i, str(annot.get("/T", "")), [x0, height - y1, x1, height - y0]))
    return out


def find(spans, text):
    return [s for s in spans if text in s["text"]]


def signature_geometry(name, data, path):
    """Checks the two widgets of a document signed by the signer, then the body."""
    w = widgets(path)
    if not check(len(w) == 2, f"{name}: two signature widgets, found {len(w)}"):
        return
    (page, _, sig), (seal_page, _, seal) = w
    spans = probe(path)["pages"][page]["spans"]
    # The signature the widget is on: a copy's own (ND30-EDOC-4), else the one whose name is
    # nearest under the widget.
    sigs = [data["copy"]["signature"]] if data.get("copy") else data.get("signatures") or [data.get("signature")]
    best = None
    for each in sigs:
        authority = each.get("authority", [])
        authority = [authority] if isinstance(authority, str) else [a for a in authority if a]
        signer = each.get("signer_name", "")
        for n in (find(spans, signer) if signer else []):
            if n["top"] < sig[1]:
                continue
            d = abs((n["x0"] + n["x1"]) / 2 - (sig[0] + sig[2]) / 2) + (n["top"] - sig[3])
            if best is None or d < best[0]:
                best = (d, n, authority)
    if not check(best is not None, f"{name}: a signer's name under the signature"):
        return
    _, name_span, authority = best
    last_auth = [s for s in find(spans, authority[-1]) if s["bottom"] <= sig[1] + 30] if authority else []
    if not check(last_auth, f"{name}: the authority '{authority[-1:]}' above the signature"):
        return
    auth_span = min(last_auth, key=lambda s: abs(s["bottom"] - sig[1]))
    sig_cx, name_cx = (sig[0] + sig[2]) / 2, (name_span["x0"] + name_span["x1"]) / 2
    check(abs(sig_cx - name_cx) < 3, f"{name}: signature centred over the name ({sig_cx:.1f} vs {name_cx:.1f})")
    above, below = sig[1] - auth_span["bottom"], name_span["top"] - sig[3]
    check(above > -1 and below > -1, f"{name}: the signature between authority and name ({above:.1f}, {below:.1f})")
    check(abs(above - below) < 8, f"{name}: the signature centred between them ({above:.1f} above, {below:.1f} below)")
    check(abs((sig[2] - sig[0]) - 40 * MM) < 0.5 or (sig[2] - sig[0]) < 40 * MM,
          f"{name}: the signature at its real size, 40 mm at most ({(sig[2] - sig[0]) / MM:.1f} mm)")
    # ND30-ESIG-2: the seal, 36 mm, its right edge at the end of the signature's left third.
    check(seal_page == page, f"{name}: the seal on the signature's page")
    check(abs((seal[2] - seal[0]) - 36 * MM) < 0.5, f"{name}: the seal 36 mm wide ({(seal[2] - seal[0]) / MM:.2f} mm)")
    third = sig[0] + (sig[2] - sig[0]) / 3
    check(abs(seal[2] - third) < 0.5, f"{name}: the seal ends at the signature's left third ({seal[2]:.1f} vs {third:.1f})")
    check(abs((seal[1] + seal[3]) / 2 - (sig[1] + sig[3]) / 2) < 0.5, f"{name}: the seal level with the signature")


def info_box(name, path, expect_text):
    w = widgets(path)
    if not check(len(w) == 1 and w[0][0] == 0, f"{name}: one information box on page 1"):
        return
    box = w[0][2]
    with pikepdf.open(path) as pdf:
        page_width = float(pdf.pages[0].mediabox[2])
    check(abs(box[2] - (page_width - 42.52)) < 0.6, f"{name}: the box ends at the right margin ({box[2]:.1f})")
    check(abs((box[2] - box[0]) - 77 * MM) < 0.5, f"{name}: the box 77 mm wide ({(box[2] - box[0]) / MM:.1f} mm)")
    check(box[3] <= 56.7 and box[1] >= 0, f"{name}: the box above the header, in the top margin ({box[1]:.1f}–{box[3]:.1f})")
    flat = path + ".flat.pdf"
    subprocess.run(["qpdf", "--flatten-annotations=all", path, flat], check=False)
    spans = [s for s in probe(flat)["pages"][0]["spans"] if s["top"] >= box[1] - 1 and s["bottom"] <= box[3] + 1
             and s["x0"] >= box[0] - 1]
    text = "".join(s["text"] for s in spans)
    # A line break in the box takes the place of a space.
    check(expect_text.replace(" ", "") in text.replace(" ", ""), f"{name}: the box says '{expect_text}', not '{text}'")
    check(spans and all(abs(s["size"] - 10) < 0.01 for s in spans), f"{name}: 10 pt ({[s['size'] for s in spans]})")
    check(spans and all("Italic" not in s["font"] and "Bold" not in s["font"] for s in spans),
          f"{name}: upright regular ({[s['font'] for s in spans]})")
    check(spans and all(max(s["color"]) < 0.01 for s in spans), f"{name}: black")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vanban", required=True)
    ap.add_argument("--samples", required=True)
    ap.add_argument("--keys-script", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    keys = os.path.join(a.out, "keys")
    subprocess.run(["bash", a.keys_script, keys], check=True)
    pw = os.path.join(keys, "pw.txt")
    with open(pw, "w") as f:
        f.write("secret\n")
    sig, seal = make_images(a.out)
    signer = ["--p12", os.path.join(keys, "signer.p12"), "--password-file", pw, "--image", sig]
    body = ["--p12", os.path.join(keys, "body.p12"), "--role", "body", "--password-file", pw, "--image", seal]
    fixed = ["--date", "2021-03-05", "--time", TIME]
    vb = a.vanban

    # Every administrative sample, signed by the signer and the body as it is written.
    done = 0
    for f in sorted(os.listdir(a.samples)):
        if not f.endswith(".json"):
            continue
        data = json.load(open(os.path.join(a.samples, f), encoding="utf-8"))
        if not isinstance(data, dict) or "template" not in data or not (data.get("signature") or data.get("signatures")):
            continue
        out = os.path.join(a.out, f[:-5] + ".signed.pdf")
        if run([vb, "render", data["template"], os.path.join(a.samples, f), "-o", out] + fixed + signer + body) is None:
            continue
        done += 1
        pdfsig(out, 2)
        qpdf_check(out)
        signature_geometry(f, data, out)
    check(done >= 20, f"at least 20 kinds signed, {done} were")

    # vanban sign, twice, on a file vanban wrote: the slots come from its XMP.
    plan = os.path.join(a.samples, "ke-hoach-hoa-binh-2021.json")
    plain = os.path.join(a.out, "plan.pdf")
    run([vb, "render", "ke-hoach", plan, "-o", plain, "--date", "2021-03-05"])
    once, twice = os.path.join(a.out, "plan.signer.pdf"), os.path.join(a.out, "plan.body.pdf")
    env = dict(os.environ, VANBAN_PASSWORD="secret")
    run([vb, "sign", plain, "-o", once, "--p12", os.path.join(keys, "signer.p12"), "--image", sig, "--time", TIME], env=env)
    run([vb, "sign", once, "-o", twice, "--p12", os.path.join(keys, "body.p12"), "--role", "body", "--image", seal,
         "--time", TIME], env=env)
    if os.path.exists(twice):
        pdfsig(twice, 2)
        qpdf_check(twice)
        signature_geometry("vanban sign (plan)", json.load(open(plan, encoding="utf-8")), twice)

    # The information box: an appendix form in a separate file, an electronic copy.
    form = os.path.join(a.out, "form.info.pdf")
    info = ["--p12", os.path.join(keys, "body.p12"), "--password-file", pw, "--role", "info"]
    # The time given in UTC: the box says it in Vietnam time (ND30-ESIG-4).
    run([vb, "render", "phu-luc-1", "--blank", "-o", form, "--date", "2021-03-05", "--time", "2021-03-05T02:15:30Z"] + info)
    if os.path.exists(form):
        pdfsig(form, 1)
        info_box("form (ND30-PL-8)", form, TIME)
    plan_info = os.path.join(a.out, "plan.info.pdf")
    run([vb, "render", "ke-hoach", plan, "-o", plan_info] + fixed + info)
    if os.path.exists(plan_info):
        info_box("plan (ND30-ESIG-4)", plan_info, "Số: /KH-SGD&ĐT; " + TIME)  # the number left blank
    copy = os.path.join(a.out, "copy.info.pdf")
    run([vb, "render", "ban-sao", os.path.join(a.samples, "ban-sao.json"), "-o", copy] + fixed + info)
    if os.path.exists(copy):
        pdfsig(copy, 1)
        info_box("copy (ND30-EDOC-4)", copy, "Sao y; Phòng giáo dục và đào tạo; " + TIME)

    # A PDF vanban did not write: at --page/--rect.
    foreign, foreign_signed = os.path.join(a.out, "foreign.pdf"), os.path.join(a.out, "foreign.signed.pdf")
    doc = pikepdf.new()
    doc.add_blank_page(page_size=(595, 842))
    doc.add_blank_page(page_size=(595, 842))
    doc.save(foreign)
    run([vb, "sign", foreign, "-o", foreign_signed, "--page", "2", "--rect", "100,200,50,20", "--p12",
         os.path.join(keys, "signer.p12"), "--image", sig, "--time", TIME], env=env)
    if os.path.exists(foreign_signed):
        pdfsig(foreign_signed, 1)
        w = widgets(foreign_signed)
        check(len(w) == 1 and w[0][0] == 1, f"foreign: the signature on page 2 ({w})")
        if w:
            x0, top, x1, bottom = w[0][2]
            check(100 * MM - 0.5 <= x0 and x1 <= 150 * MM + 0.5 and 200 * MM - 0.5 <= top and bottom <= 220 * MM + 0.5,
                  f"foreign: the signature inside --rect ({w[0][2]})")

    # A signed batch, one file per row: each file signed.
    batch_dir = os.path.join(a.out, "batch") + "/"
    run([vb, "batch", "giay-khen", os.path.join(a.samples, "danh-sach-khen-thuong.csv"), "-o", batch_dir,
         "--overwrite"] + fixed + signer, expect=3)  # two rows of the sample are wrong on purpose
    files = sorted(f for f in os.listdir(batch_dir) if f.endswith(".pdf")) if os.path.isdir(batch_dir) else []
    check(len(files) >= 3, f"batch: files written ({len(files)})")
    for f in files:
        pdfsig(os.path.join(batch_dir, f), 1)
    if files:  # the certificate's signature room: under the signer's title, over the name, centred
        path = os.path.join(batch_dir, files[0])
        w = widgets(path)
        spans = probe(path)["pages"][0]["spans"]
        if check(len(w) == 1, f"certificate: one widget ({w})"):
            box = w[0][2]
            cx = (box[0] + box[2]) / 2
            column = [s for s in spans if abs((s["x0"] + s["x1"]) / 2 - cx) < 3]
            above = [s for s in column if s["bottom"] <= box[1] + 1]
            below = [s for s in column if s["top"] >= box[3] - 1]
            check(above and below and "GIÁM ĐỐC" in max(above, key=lambda s: s["bottom"])["text"]
                  and "Bùi Thị Kim Tuyến" in min(below, key=lambda s: s["top"])["text"],
                  f"certificate: the signature centred between 'GIÁM ĐỐC' and the signer's name ({box})")

    one = os.path.join(a.out, "batch-one.pdf")
    run([vb, "batch", "giay-khen", os.path.join(a.samples, "danh-sach-khen-thuong.csv"), "-o", one] + fixed + signer,
        expect=3)
    if os.path.exists(one):
        pdfsig(one, 1)
        w = widgets(one)
        check(len(w) == 1 and w[0][0] == 0, f"one file of every row: one signature, on page 1 ({w})")

    # A key on a PKCS#11 token (SoftHSM2, tests/sign/make_token.sh): the PIN from $VANBAN_PIN.
    module = "/usr/lib/softhsm/libsofthsm2.so"
    if os.path.exists(module) and shutil.which("pkcs11-tool"):
        token = os.path.join(a.out, "token")
        shutil.rmtree(token, ignore_errors=True)  # a token made again in the same place would be a second one
        subprocess.run(["bash", os.path.join(os.path.dirname(a.keys_script), "make_token.sh"), token, keys], check=True)
        env11 = dict(os.environ, SOFTHSM2_CONF=os.path.join(token, "softhsm2.conf"), VANBAN_PIN="1234")
        p11 = os.path.join(a.out, "plan.pkcs11.pdf")
        run([vb, "render", "ke-hoach", plan, "-o", p11, "--pkcs11-module", module, "--token", "vanban",
             "--key-label", "signer", "--image", sig] + fixed, env=env11)
        if os.path.exists(p11):
            pdfsig(p11, 1)
        p = run([vb, "render", "ke-hoach", plan, "-o", os.path.join(a.out, "w.pdf"), "--pkcs11-module", module,
                 "--token", "vanban"], expect=1, env=dict(env11, VANBAN_PIN="0000"))
        if p:
            check("vanban" in p.stderr, f"a wrong PIN names the token: {p.stderr}")
    else:
        check(False, "SoftHSM2 and pkcs11-tool are installed (.ci/setup)")

    # PAdES B-T through the command line: a local TSA (tests/sign/tsa_server.py) on the loopback.
    tsa = subprocess.Popen(["/usr/bin/python3", os.path.join(os.path.dirname(a.keys_script), "tsa_server.py"), keys],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        url = "http://127.0.0.1:" + tsa.stdout.readline().strip() + "/"
        bt = os.path.join(a.out, "plan.bt.pdf")
        run([vb, "render", "ke-hoach", plan, "-o", bt, "--tsa", url] + fixed + signer)
        if os.path.exists(bt):
            pdfsig(bt, 1)
            report = subprocess.run(["pdfsig", bt], capture_output=True, text=True).stdout
            check("Signature is Valid." in report, "B-T: valid")
    finally:
        tsa.stdin.close()
        tsa.wait(timeout=10)

    # A black signature on white (not blue, no transparency): signed all the same, with the
    # decree's rule said, once for a batch.
    black = os.path.join(a.out, "black.png")
    png(black, 200, 80, lambda x, y: (0, 0, 0, 255) if abs(y - 40) < 3 else (255, 255, 255, 255))
    p = run([vb, "render", "ke-hoach", plan, "-o", os.path.join(a.out, "black.pdf"), "--p12",
             os.path.join(keys, "signer.p12"), "--password-file", pw, "--image", black] + fixed)
    if p:
        check("ND30-ESIG-1" in p.stderr and p.stderr.count("warning") == 2, f"render: two warnings of ND30-ESIG-1: {p.stderr}")
    p = run([vb, "batch", "giay-khen", os.path.join(a.samples, "danh-sach-khen-thuong.csv"), "-o",
             os.path.join(a.out, "black") + "/", "--overwrite", "--p12", os.path.join(keys, "signer.p12"),
             "--password-file", pw, "--image", black] + fixed, expect=3)
    if p:
        check(p.stderr.count("ND30-ESIG-1") == 2, f"batch: the image's warnings said once: {p.stderr}")

    # No file and no environment: the password asked on the terminal, not echoed (`script`
    # gives the command a terminal; the password is typed a moment after the prompt).
    if shutil.which("script"):
        tty_pdf = os.path.join(a.out, "tty.pdf")
        command = " ".join([vb, "render", "ke-hoach", plan, "-o", tty_pdf, "--p12", os.path.join(keys, "signer.p12")])
        clean = {k: v for k, v in os.environ.items() if k not in ("VANBAN_PASSWORD", "VANBAN_PIN")}
        typed = subprocess.Popen(["script", "-qec", command, "/dev/null"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 env=clean, text=True)
        time.sleep(1)
        out, _ = typed.communicate("secret\n", timeout=60)
        check("password of" in out and "secret" not in out, f"the password asked, not echoed: {out!r}")
        if check(os.path.exists(tty_pdf), "signed with the password typed"):
            pdfsig(tty_pdf, 1)

    # What fails, fails clearly.
    bad = os.path.join(a.out, "bad.pw")
    with open(bad, "w") as f:
        f.write("wrong\n")
    p = run([vb, "render", "ke-hoach", plan, "-o", os.path.join(a.out, "x.pdf"), "--p12", os.path.join(keys, "signer.p12"),
             "--password-file", bad], expect=1)
    if p:
        check("signer.p12" in p.stderr, f"a wrong password names the file: {p.stderr}")
    clean = {k: v for k, v in os.environ.items() if k not in ("VANBAN_PASSWORD", "VANBAN_PIN")}
    p = run([vb, "render", "ke-hoach", plan, "-o", os.path.join(a.out, "y.pdf"), "--p12", os.path.join(keys, "signer.p12")],
            expect=2, env=clean)
    if p:
        check("--password-file" in p.stderr, f"no password and no terminal: says how to give one: {p.stderr}")
    check(not os.path.exists(os.path.join(a.out, "x.pdf")) and not os.path.exists(os.path.join(a.out, "y.pdf")),
          "nothing written when signing fails")
    run([vb, "render", "ke-hoach", plan, "-o", os.path.join(a.out, "z.pdf"), "--role", "boss", "--p12", "k.p12"], expect=2)

    print(f"{done} kinds signed; {len(files)} certificates signed; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
