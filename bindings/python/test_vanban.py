"""Tests of the Python binding (run by ctest as Python.Binding, with VANBAN_LIBRARY set to
the library just built and VANBAN_SAMPLES to the samples folder)."""
import json
import os
import subprocess
import tempfile
import threading
import unittest

import vanban

SAMPLES = os.environ.get("VANBAN_SAMPLES", os.path.join(os.path.dirname(__file__), "..", "..", "samples"))


def sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


def pdf_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True, check=True).stdout.decode()


class BindingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = vanban.Engine()

    @classmethod
    def tearDownClass(cls):
        cls.engine.close()

    def test_version(self):
        self.assertEqual(vanban.version(), "0.1.0")

    def test_render_pdf_and_docx(self):
        pdf = self.engine.render("ke-hoach", sample("ke-hoach-hoa-binh-2021.json"), creation_date="2021-03-05")
        self.assertTrue(pdf.startswith(b"%PDF-"))
        text = pdf_text(pdf)
        self.assertIn("KẾ HOẠCH", text)
        self.assertIn("Nơi nhận", text)
        again = self.engine.render("ke-hoach", sample("ke-hoach-hoa-binh-2021.json").decode(), creation_date="2021-03-05")
        self.assertEqual(pdf, again, "str and bytes, same date: same bytes")
        docx = self.engine.render("ke-hoach", sample("ke-hoach-hoa-binh-2021.json"), format="docx")
        self.assertTrue(docx.startswith(b"PK"))
        blank = self.engine.render("phu-luc-1", blank=True)
        self.assertIn("Phụ lục", pdf_text(blank))

    def test_errors_say_where(self):
        with self.assertRaises(vanban.VanbanError) as caught:
            self.engine.render("ke-hoach", '{\n  "subject": "a",\n  oops\n}', source_name="bad.json")
        e = caught.exception
        self.assertEqual((e.status, e.file, e.line, e.column), ("syntax", "bad.json", 3, 3))
        self.assertTrue(str(e).startswith("bad.json:3:3: malformed JSON"), str(e))
        with self.assertRaises(vanban.VanbanError) as caught:
            self.engine.validate("no-such-template", "{}")
        self.assertEqual(caught.exception.status, "template")
        with self.assertRaises(ValueError):
            self.engine.render("ke-hoach", "{}", format="odt")

    def test_every_problem_as_a_list(self):
        # Two typos: both reported by one call, field by field, with what was meant.
        model = json.loads(sample("ke-hoach-hoa-binh-2021.json"))
        model["signature"]["signer_nam"] = model["signature"].pop("signer_name")
        model["subjet"] = model.pop("subject")
        with self.assertRaises(vanban.VanbanError) as caught:
            self.engine.validate("ke-hoach", json.dumps(model, ensure_ascii=False, indent=1), source_name="two.json")
        e = caught.exception
        errors = {d.field: d for d in e.diagnostics if d.severity == "error"}
        self.assertIn("signature.signer_nam", errors, e.diagnostics)
        self.assertIn("subjet", errors, e.diagnostics)
        d = errors["signature.signer_nam"]
        self.assertEqual((d.status, d.file), ("model", "two.json"))
        self.assertGreater(d.line, 1)
        self.assertIn("signer_name", d.hint)
        self.assertIn("subject", errors["subjet"].hint)
        self.assertEqual(d.as_dict()["field"], "signature.signer_nam")
        self.assertEqual(e.diagnostics, self.engine.diagnostics(), "the list stays until the next call")
        self.engine.render("ke-hoach", sample("ke-hoach-hoa-binh-2021.json"))
        self.assertFalse([d for d in self.engine.diagnostics() if d.severity == "error"], "reset by the next call")

    def test_check_reports_rules_of_the_decree(self):
        # The 2021 plan jumps from part III to V: a warning with its rule ID, not an error.
        findings = self.engine.check("ke-hoach", sample("ke-hoach-hoa-binh-2021.json"), source_name="kh.json")
        self.assertTrue(findings)
        self.assertTrue(all(d.severity == "warning" and d.rule.startswith("ND30-") for d in findings), findings)

    def test_batch_partial_carries_the_document(self):
        with self.assertRaises(vanban.PartialBatch) as caught:
            self.engine.batch("giay-khen", sample("danh-sach-khen-thuong.csv"), source_name="ds.csv",
                              creation_date="2022-05-15", sort=True)
        p = caught.exception
        self.assertEqual((p.rows, p.failed), (9, 2))
        self.assertEqual(len(p.failures), 2)
        self.assertIn("ds.csv:8:2: row 8 (STT 7), ho_ten: the name is missing", p.failures[0])
        self.assertTrue(p.data.startswith(b"%PDF-"))
        self.assertIn("Số sổ vàng", pdf_text(p.data))

    def test_files(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "k.pdf")
            self.engine.render_file("ke-hoach", os.path.join(SAMPLES, "ke-hoach-hoa-binh-2021.json"), out)
            with open(out, "rb") as f:
                self.assertTrue(f.read().startswith(b"%PDF-"))
            with self.assertRaises(vanban.PartialBatch):
                self.engine.batch_file("giay-khen", os.path.join(SAMPLES, "danh-sach-khen-thuong.csv"), d + "/each/",
                                       format="docx")
            self.assertEqual(len([n for n in os.listdir(d + "/each") if n.endswith(".docx")]), 7)

    def test_limits(self):
        listing = os.path.join(SAMPLES, "danh-sach-khen-thuong.csv")
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(vanban.VanbanError) as caught:
                self.engine.batch_file("giay-khen", listing, os.path.join(d, "x.pdf"), limits={"max_input_bytes": 100})
            self.assertEqual(caught.exception.status, "input")
            self.assertIn("max_input_bytes", str(caught.exception))
            self.assertFalse(os.path.exists(os.path.join(d, "x.pdf")))
            with self.assertRaises(vanban.PartialBatch):  # within the limits
                self.engine.batch_file("giay-khen", listing, os.path.join(d, "x.pdf"), limits={"max_rows": 50})
        with self.assertRaises(ValueError):
            self.engine.render("ke-hoach", b"{}", limits={"max_bananas": 1})

    def test_struct_layouts_match_the_library(self):
        # The _init functions write the library's sizeof into `size`: a field missing or out
        # of order in the binding's copy of a struct shows here.
        for struct, init in ((vanban._RenderOptions, "vanban_render_options_init"),
                             (vanban._BatchOptions, "vanban_batch_options_init"),
                             (vanban._Limits, "vanban_limits_init"),
                             (vanban._Signature, "vanban_signature_init"),
                             (vanban._SignOptions, "vanban_sign_options_init")):
            o = struct()
            getattr(vanban._lib, init)(vanban.ctypes.byref(o))
            self.assertEqual(o.size, vanban.ctypes.sizeof(struct), struct.__name__)

    def test_signed_by_the_signer_then_the_body(self):
        # Keys made now (no key is committed); pdfsig judges the file.
        make_keys = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "sign", "make_keys.sh")
        with tempfile.TemporaryDirectory() as d:
            subprocess.run(["bash", make_keys, d], check=True)
            signer = {"p12": os.path.join(d, "signer.p12"), "secret": "secret"}
            body = {"p12": os.path.join(d, "body.p12"), "secret": "secret", "role": "body"}
            pdf = self.engine.render("ke-hoach", sample("ke-hoach-hoa-binh-2021.json"), creation_date="2021-03-05",
                                     signatures=[signer], signing_time="2021-03-05T09:15:30+07:00")
            pdf = self.engine.sign(pdf, [body], signing_time="2021-03-05T09:15:30+07:00")
            path = os.path.join(d, "signed.pdf")
            with open(path, "wb") as f:
                f.write(pdf)
            # pdfsig without the sanitizer runtime the sanitizer build preloads for Python.
            env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
            report = subprocess.run(["pdfsig", path], capture_output=True, text=True, env=env).stdout
            self.assertEqual(report.count("Signature is Valid."), 2, report)
            self.assertIn("Total document signed", report.split("Signature #2")[1])
            with self.assertRaises(vanban.VanbanError) as wrong:
                self.engine.render("ke-hoach", sample("ke-hoach-hoa-binh-2021.json"),
                                   signatures=[dict(signer, secret="wrong")])
            self.assertEqual(wrong.exception.status, "signature")  # VANBAN_ESIGN
            with self.assertRaises(ValueError):
                self.engine.sign(pdf, [dict(body, role="boss")])

    def test_file_per_row_overwrites_only_when_asked(self):
        listing = os.path.join(SAMPLES, "danh-sach-khen-thuong.csv")
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(vanban.PartialBatch):  # rows 8 and 9 of the sample are bad
                self.engine.batch_file("giay-khen", listing, d + "/each/")
            names = sorted(n for n in os.listdir(d + "/each") if n.endswith(".pdf"))
            self.assertEqual(len(names), 7)
            victim = os.path.join(d, "each", names[0])
            with open(victim, "wb") as f:
                f.write(b"mine")
            with self.assertRaises(vanban.VanbanError) as caught:  # every file is there already: no row made one
                self.engine.batch_file("giay-khen", listing, d + "/each/")
            self.assertIn("already exists and is kept", str(caught.exception))
            with open(victim, "rb") as f:
                self.assertEqual(f.read(), b"mine")
            with self.assertRaises(vanban.PartialBatch) as caught:
                self.engine.batch_file("giay-khen", listing, d + "/each/", overwrite=True)
            self.assertEqual(caught.exception.failed, 2)
            with open(victim, "rb") as f:
                self.assertTrue(f.read().startswith(b"%PDF"))

    def test_checked_options(self):
        with self.assertRaises(vanban.VanbanError) as caught:
            self.engine.batch("giay-khen", sample("danh-sach-khen-thuong.csv"), offset_mm=(float("nan"), 0.0))
        self.assertEqual(caught.exception.status, "misuse")
        with self.assertRaises(vanban.VanbanError) as caught:
            self.engine.render("ke-hoach", sample("ke-hoach-hoa-binh-2021.json"), creation_date="2021-02-30")
        self.assertEqual(caught.exception.status, "misuse")

    def test_threads_share_one_engine(self):
        data = sample("ke-hoach-hoa-binh-2021.json")
        reference = self.engine.render("ke-hoach", data, creation_date="2021-03-05")
        results = []

        def work():
            for _ in range(3):
                results.append(self.engine.render("ke-hoach", data, creation_date="2021-03-05"))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 12)
        self.assertTrue(all(r == reference for r in results))


if __name__ == "__main__":
    unittest.main()
