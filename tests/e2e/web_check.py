#!/usr/bin/python3
"""The web page in a real browser (issue #15): `vanban serve` started on a free port, Chromium
(Debian's, driven by Debian's python3-selenium) started once, and a clerk's work done through
the page:

  - Phụ lục 1: typed into, the SVG preview changes; a pasted control character is reported
    under its input and the preview marked stale; fixed, the report goes and the preview
    follows; the PDF downloaded and read back (pdftotext); the work is still there after a
    reload (localStorage).
  - Kế hoạch: a new document reports its missing fields next to their inputs; filled in
    (header, a body block added, signature), it previews; the decree check runs.
  - Giấy khen: the held list (samples/danh-sach-khen-thuong.csv) uploaded: every row made,
    the PDF downloaded, its pages and names read back; a list with bad rows lists them and
    makes the good ones.
  - Phụ lục 3: rows added to its table, filled and removed, each reaching the preview.
  - Many Phụ lục 1 from a CSV.

Screenshots (PNG) are written to --out for a person to look at.
"""
import argparse
import csv
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from xml.sax.saxutils import escape

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        FAILURES.append(what)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(vanban, source, out):
    port = free_port()
    env = dict(os.environ, VANBAN_WEB_DIR=os.path.join(source, "web"),
               VANBAN_TEMPLATE_DIR=os.path.join(source, "templates"))
    # A Vietnamese clerk's machine: messages in Vietnamese when the locale is there.
    if "vi_VN.utf8" in subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout:
        env["LC_ALL"] = "vi_VN.UTF-8"
    log = open(os.path.join(out, "serve.log"), "wb")
    proc = subprocess.Popen([vanban, "serve", "--listen", f"127.0.0.1:{port}"], stdout=log, stderr=log, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"vanban serve exited with {proc.returncode}; see {out}/serve.log")
        try:
            with urllib.request.urlopen(base + "/api/templates", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("vanban serve did not answer within 30 s")


def start_browser(profile, downloads):
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1000", "--lang=vi"]:
        o.add_argument(a)
    o.add_experimental_option("prefs", {"download.default_directory": downloads,
                                        "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


def wait(driver, condition, what, timeout=30):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: condition(d))
    except TimeoutException:
        check(False, what + " (timed out)")
        return None


def digest(driver):
    return driver.find_element(By.ID, "pages").get_attribute("data-digest") or ""


def status(driver):
    return driver.find_element(By.ID, "status").text


def field(driver, path):
    return driver.find_element(By.CSS_SELECTOR, f'[data-path="{path}"]')


def problems_near(driver, path):
    """The problem lines shown in the box of the input whose path is `path`."""
    return driver.execute_script(
        "const e = document.querySelector(`[data-path='${arguments[0]}']`);"
        "const box = e && e.closest('.field, .block, .signature, fieldset');"
        "return box ? Array.from(box.querySelectorAll(':scope > .problems .problem')).map(p => p.textContent) : [];",
        path)


def idle(driver):
    """Every change previewed: nothing scheduled, no request on its way."""
    return driver.execute_script("return window.Vanban.state.pending === false")


def settled(driver, before):
    d = digest(driver)
    cls = driver.find_element(By.ID, "status").get_attribute("class")
    return d and d != before and cls in ("ok", "warning")


def wait_download(folder, suffix, known, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for name in os.listdir(folder):
            if name.endswith(suffix) and name not in known:
                path = os.path.join(folder, name)
                if os.path.getsize(path) > 0:
                    return path
        time.sleep(0.2)
    return None


def link_file(driver, css, folder):
    """The bytes a download link of the page holds (a blob: URL), written to `folder`."""
    data = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const a = document.querySelector(arguments[0]);"
        "if (!a) { done(null); return; }"
        "fetch(a.href).then(r => r.arrayBuffer()).then(b => {"
        "  let s = ''; const u = new Uint8Array(b);"
        "  for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);"
        "  done(btoa(s)); });", css)
    if not data:
        return None
    path = os.path.join(folder, "link.pdf")
    with open(path, "wb") as f:
        f.write(base64.b64decode(data))
    return path


def write_xlsx(rows, path):
    """A minimal workbook (one sheet, inline strings) of `rows`, as a spreadsheet program saves one."""
    def col(i):
        return chr(ord("A") + i)
    sheet = "".join(
        f'<row r="{r + 1}">' + "".join(
            f'<c r="{col(c)}{r + 1}" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for c, v in enumerate(row) if v)
        + "</row>" for r, row in enumerate(rows))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}">'
                   '<sheets><sheet name="Khen thưởng" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{sheet}</sheetData></worksheet>')


def pdftotext(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout


def pages_of(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def flat(text):
    return re.sub(r"\s+", " ", text)


def type_into(driver, path, text, clear=True):
    e = field(driver, path)
    if clear:
        driver.execute_script("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'));", e)
    e.send_keys(text)


def pick_template(driver, name):
    Select(driver.find_element(By.ID, "template")).select_by_value(name)
    wait(driver, lambda d: d.execute_script("return window.Vanban.state.name") == name, f"template {name} opened")


def phu_luc_1(driver, base, out, downloads):
    driver.get(base + "/?template=phu-luc-1")
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#pages img")) >= 1 and digest(d),
         "Phụ lục 1: the blank form previews")
    blank = digest(driver)
    check(len(driver.find_elements(By.CSS_SELECTOR, "#pages img")) >= 1, "Phụ lục 1: at least one page shown")
    labels = driver.find_element(By.ID, "editor").text
    check("Tên tập thể hoặc cá nhân đăng ký" in labels and "Đối với tập thể" in labels,
          "Phụ lục 1: the form shows the template's labels and hints")
    type_into(driver, "ten_dang_ky", "Trường Tiểu học Quang Châu, huyện Lạc Sơn")
    type_into(driver, "ten_mo_hinh", "Thư viện xanh thân thiện")
    check(wait(driver, lambda d: settled(d, blank), "Phụ lục 1: the preview follows the typing") is not None,
          "Phụ lục 1: the preview changed after typing")
    driver.save_screenshot(os.path.join(out, "phu-luc-1-filled.png"))

    # A control character pasted from elsewhere: the engine refuses it, naming the field.
    before = digest(driver)
    driver.execute_script("const e = arguments[0]; e.value = 'Thực trạng\\u0007 còn khó khăn';"
                          "e.dispatchEvent(new Event('input'));", field(driver, "thuc_trang"))
    shown = wait(driver, lambda d: problems_near(d, "thuc_trang"), "Phụ lục 1: the error is shown under its input")
    check(bool(shown) and "U+0007" in " ".join(shown), f"Phụ lục 1: the error names the character: {shown}")
    check("invalid" in field(driver, "thuc_trang").get_attribute("class"), "Phụ lục 1: the input is marked")
    check("stale" in driver.find_element(By.ID, "pages").get_attribute("class"), "Phụ lục 1: the preview is marked old")
    check(digest(driver) == before, "Phụ lục 1: the old preview stays while the data is wrong")
    driver.save_screenshot(os.path.join(out, "phu-luc-1-error.png"))
    type_into(driver, "thuc_trang", "Thực trạng còn khó khăn về cơ sở vật chất")
    wait(driver, lambda d: settled(d, before), "Phụ lục 1: fixed, the preview follows")
    check(problems_near(driver, "thuc_trang") == [], "Phụ lục 1: fixed, the error is gone")
    check("stale" not in driver.find_element(By.ID, "pages").get_attribute("class"), "Phụ lục 1: the preview is current")

    known = set(os.listdir(downloads))
    driver.find_element(By.ID, "download-pdf").click()
    pdf = wait_download(downloads, ".pdf", known)
    if check(pdf is not None, "Phụ lục 1: the PDF is downloaded"):
        text = flat(pdftotext(pdf))
        for s in ["ĐĂNG KÝ XÂY DỰNG MÔ HÌNH", "Trường Tiểu học Quang Châu, huyện Lạc Sơn", "Thư viện xanh thân thiện",
                  "Thực trạng còn khó khăn về cơ sở vật chất"]:
            check(s in text, f"Phụ lục 1: the PDF says {s!r}")

    driver.refresh()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="ten_dang_ky"]'), "Phụ lục 1: reloaded")
    check(field(driver, "ten_dang_ky").get_attribute("value") == "Trường Tiểu học Quang Châu, huyện Lạc Sơn",
          "Phụ lục 1: the typed text survives a reload")
    wait(driver, lambda d: digest(d), "Phụ lục 1: previews again after the reload")


def ke_hoach(driver, base, out):
    pick_template(driver, "ke-hoach")
    wait(driver, lambda d: d.execute_script("return document.body.dataset.problems") not in (None, "0"),
         "Kế hoạch: a new document reports what is missing")
    for path in ["issuing_agency", "place", "subject"]:
        check(bool(problems_near(driver, path)), f"Kế hoạch: a problem is shown next to {path}")
    driver.save_screenshot(os.path.join(out, "ke-hoach-missing.png"))
    type_into(driver, "issuing_agency", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")
    type_into(driver, "parent_agency", "UBND HUYỆN LẠC SƠN")
    type_into(driver, "number.symbol", "KH-PGDĐT")
    type_into(driver, "place", "Lạc Sơn")
    type_into(driver, "date.day", "2")
    type_into(driver, "date.month", "10")
    type_into(driver, "subject", "Tổ chức Hội khỏe Phù Đổng cấp huyện năm học 2024 - 2025")
    type_into(driver, "body[0].text", "Phòng Giáo dục và Đào tạo xây dựng Kế hoạch như sau:")
    type_into(driver, "signature.authority", "TRƯỞNG PHÒNG")
    type_into(driver, "signature.signer_name", "Nguyễn Văn Minh")
    wait(driver, lambda d: d.execute_script("return document.body.dataset.problems") == "0" and digest(d),
         "Kế hoạch: filled in, it previews")
    first = digest(driver)
    # A section added at the end of the body, with its title.
    add = driver.find_element(By.CSS_SELECTOR, "fieldset.body > .blocks > .add-block")
    Select(add.find_element(By.TAG_NAME, "select")).select_by_value("section")
    add.find_element(By.TAG_NAME, "button").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="body[1].title"]'), "Kế hoạch: a section is added")
    type_into(driver, "body[1].title", "MỤC ĐÍCH, YÊU CẦU")
    check(wait(driver, lambda d: settled(d, first), "Kế hoạch: the section reaches the preview") is not None,
          "Kế hoạch: the preview changed with the new section")
    # A khoản inside it (the default child of a Mục), then the section moved up and back.
    section = driver.find_element(By.CSS_SELECTOR, '.block[data-path="body[1]"]')
    section.find_element(By.CSS_SELECTOR, ".add-block button").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="body[1].content[0].text"]'),
         "Kế hoạch: a khoản is added in the section")
    type_into(driver, "body[1].content[0].text", "Đẩy mạnh phong trào rèn luyện thân thể trong học sinh.")
    model = lambda d: d.execute_script("return window.Vanban.state.data.body")
    body = model(driver)
    check(body[1].get("content", [{}])[0].get("type") == "clause", f"Kế hoạch: the child is a khoản: {body[1]}")
    wait(driver, idle, "Kế hoạch: the khoản previewed")
    with_clause = digest(driver)
    check(with_clause != first, "Kế hoạch: the khoản changed the preview")
    driver.find_element(By.CSS_SELECTOR, '.block[data-path="body[1]"] > .block-head button[title="Lên"]').click()
    wait(driver, lambda d: model(d)[0]["type"] == "section", "Kế hoạch: the section moved up")
    driver.find_element(By.CSS_SELECTOR, '.block[data-path="body[0]"] > .block-head button[title="Xuống"]').click()
    wait(driver, lambda d: model(d)[1]["type"] == "section", "Kế hoạch: and back down")
    wait(driver, idle, "Kế hoạch: the moves previewed")
    check(digest(driver) == with_clause, "Kế hoạch: moved up and back, the same pages")
    driver.find_element(By.ID, "check").click()
    wait(driver, lambda d: "Kiểm tra thể thức" in status(d), "Kế hoạch: the decree check answers")
    driver.save_screenshot(os.path.join(out, "ke-hoach-filled.png"))


def giay_khen(driver, base, out, downloads, source, work):
    pick_template(driver, "giay-khen")
    check(driver.find_element(By.ID, "batch").is_displayed(), "Giấy khen: the list tab is shown")
    held = os.path.join(source, "samples", "danh-sach-khen-thuong.csv")
    rows = [line for line in open(held, encoding="utf-8").read().splitlines()[1:] if line.strip()]
    driver.find_element(By.ID, "batch-file").send_keys(held)
    driver.find_element(By.ID, "batch-run").click()
    summary = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#batch-result .summary"), "Giấy khen: batch answers")
    # The held list has two bad rows on purpose: STT 7 has no name, STT 8 the date 31/2/2022.
    if summary:
        check(f"{len(rows)} dòng, đã tạo {len(rows) - 2}" in summary[0].text,
              f"Giấy khen: the good rows made: {summary[0].text}")
    table = driver.find_elements(By.CSS_SELECTOR, "#batch-errors tbody tr")
    cells = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")] for tr in table]
    check([c[:2] for c in cells] == [["8", "7"], ["9", "8"]],
          f"Giấy khen: the bad rows listed by spreadsheet row and STT: {cells}")
    check(len(cells) == 2 and "31/2/2022" in cells[1][4], "Giấy khen: the message names the bad date")
    known = set(os.listdir(downloads))
    links = driver.find_elements(By.ID, "batch-download")
    if check(bool(links), "Giấy khen: a download link"):
        links[0].click()
        pdf = wait_download(downloads, ".pdf", known)
        if check(pdf is not None, "Giấy khen: the PDF is downloaded"):
            check(pages_of(pdf) == len(rows) - 2, f"Giấy khen: one page per good row ({len(rows) - 2})")
            text = flat(pdftotext(pdf))
            check(text.count("GIẤY KHEN") == len(rows) - 2, "Giấy khen: the title on every page")
            for name in ["Bùi Thị Lan", "Nguyễn Văn An", "Quách Thị Hoa"]:
                check(name in text, f"Giấy khen: the PDF names {name}")
            check("Hà Thị Ngọc" not in text, "Giấy khen: the row with the bad date made no page")
    driver.save_screenshot(os.path.join(out, "giay-khen-batch.png"))

    # The same list saved as an Excel workbook: the same rows made and refused.
    xlsx = os.path.join(work, "danh-sach-khen-thuong.xlsx")
    with open(held, encoding="utf-8") as f:
        write_xlsx(list(csv.reader(f)), xlsx)
    driver.execute_script("document.getElementById('batch-result').textContent = ''")  # the CSV's answer gone
    driver.find_element(By.ID, "batch-file").send_keys(xlsx)
    driver.find_element(By.ID, "batch-run").click()
    wait(driver, lambda d: "danh-sach-khen-thuong.xlsx" in d.find_element(By.ID, "batch-file-name").text
         and d.find_elements(By.CSS_SELECTOR, "#batch-result .summary"), "Giấy khen: the workbook's batch answers")
    summary = driver.find_element(By.CSS_SELECTOR, "#batch-result .summary").text
    check(f"{len(rows)} dòng, đã tạo {len(rows) - 2}" in summary, f"Giấy khen: the workbook makes the same: {summary}")
    cells = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
             for tr in driver.find_elements(By.CSS_SELECTOR, "#batch-errors tbody tr")]
    check([c[:2] for c in cells] == [["8", "7"], ["9", "8"]], f"Giấy khen: the workbook's bad rows: {cells}")

    # One person typed on the Soạn tab, "Tải PDF": a one-page certificate naming them.
    driver.find_element(By.ID, "tab-edit").click()
    type_into(driver, "rows[0].ho_ten", "Lường Thị Xuân")
    type_into(driver, "rows[0].gioi_tinh", "Nữ")
    driver.find_element(By.ID, "download-pdf").click()
    wait(driver, lambda d: "1 dòng, đã tạo 1" in d.find_element(By.ID, "batch-result").text,
         "Giấy khen: the typed person made")
    # Chromium asks before a third download from one page: the file is read from the link.
    pdf = link_file(driver, "#batch-download", work)
    if check(pdf is not None, "Giấy khen: the typed person's PDF is there"):
        check(pages_of(pdf) == 1 and "Bà Lường Thị Xuân" in flat(pdftotext(pdf)),
              "Giấy khen: one page for the typed person, with her salutation")


def phu_luc_3(driver, out):
    """A form's table: rows added and filled reach the preview; a row removed goes."""
    pick_template(driver, "phu-luc-3")
    wait(driver, lambda d: idle(d) and digest(d), "Phụ lục 3: the blank form previews")
    blank = digest(driver)
    table = driver.find_element(By.CSS_SELECTOR, ".form-table")
    check("Trước khi có mô hình" in table.text and "Tỷ lệ (%)" in table.text, "Phụ lục 3: the table's grouped header")
    for _ in range(2):
        driver.find_element(By.XPATH, "//div[contains(@class,'form-table')]/button[contains(., 'Thêm dòng')]").click()
    type_into(driver, "thong_ke[0].stt", "1")
    type_into(driver, "thong_ke[0].tieu_chi", "Tỷ lệ học sinh đọc sách mỗi tuần")
    type_into(driver, "thong_ke[0].truoc_ty_le", "35")
    type_into(driver, "thong_ke[1].tieu_chi", "Dòng thừa")
    wait(driver, idle, "Phụ lục 3: the rows previewed")
    two = digest(driver)
    check(two != blank, "Phụ lục 3: the filled rows changed the preview")
    driver.find_element(By.CSS_SELECTOR, 'tr[data-path="thong_ke[1]"] button.remove').click()
    wait(driver, idle, "Phụ lục 3: the removal previewed")
    check(digest(driver) not in (two, blank), "Phụ lục 3: the removed row left the preview")
    rows = driver.execute_script("return window.Vanban.state.data.tables.thong_ke")
    check(rows == [{"stt": "1", "tieu_chi": "Tỷ lệ học sinh đọc sách mỗi tuần", "truoc_ty_le": "35"}],
          f"Phụ lục 3: one row kept: {rows}")
    driver.save_screenshot(os.path.join(out, "phu-luc-3-table.png"))


def many_forms(driver, base, out, downloads, source, work):
    pick_template(driver, "phu-luc-1")
    driver.find_element(By.ID, "tab-batch").click()
    lines = open(os.path.join(source, "samples", "phu-luc-1-200-truong.csv"), encoding="utf-8").read().splitlines()
    few = os.path.join(work, "5-truong.csv")
    with open(few, "w", encoding="utf-8") as f:
        f.write("\n".join(lines[:6]) + "\n")
    driver.find_element(By.ID, "batch-file").send_keys(few)
    driver.find_element(By.ID, "batch-run").click()
    summary = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#batch-result .summary"), "Phụ lục 1: batch answers")
    if summary:
        check("5 dòng, đã tạo 5" in summary[0].text, f"Phụ lục 1: five forms from the CSV: {summary[0].text}")
    driver.save_screenshot(os.path.join(out, "phu-luc-1-batch.png"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vanban")
    ap.add_argument("--source", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--base", help="a server already running (http://127.0.0.1:8080): none is started")
    args = ap.parse_args()
    args.source = os.path.abspath(args.source)
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vanban-web-")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    server, base = (None, args.base) if args.base else start_server(args.vanban, args.source, args.out)
    driver = None
    try:
        driver = start_browser(os.path.join(work, "profile"), downloads)
        for step in (lambda: phu_luc_1(driver, base, args.out, downloads),
                     lambda: ke_hoach(driver, base, args.out),
                     lambda: phu_luc_3(driver, args.out),
                     lambda: giay_khen(driver, base, args.out, downloads, args.source, work),
                     lambda: many_forms(driver, base, args.out, downloads, args.source, work)):
            try:
                step()
            except Exception as e:  # one step failing leaves the others to run
                check(False, f"{type(e).__name__}: {e}")
        logs = driver.get_log("browser")
        # Answers of 400 (the data being typed is wrong) are logged by the browser as network
        # errors; script errors are not allowed.
        severe = [l for l in logs if l.get("level") == "SEVERE" and l.get("source") != "network"]
        check(not severe, f"no errors in the browser console: {json.dumps(severe, ensure_ascii=False)[:800]}")
    finally:
        if driver:
            driver.quit()
        if server:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)
    if server:
        check(server.returncode == 0 or server.returncode == -15, f"the server stopped cleanly ({server.returncode})")
    print(f"screenshots in {args.out}")
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
