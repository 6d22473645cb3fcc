"""vanban for Python: Vietnamese administrative documents (Decree 30/2020/ND-CP) as PDF
and DOCX, through the C API of libvanban with ctypes (pip install bindings/python; licence
Apache-2.0).

    import vanban
    with vanban.Engine() as engine:
        pdf = engine.render("ke-hoach", open("ke-hoach.json", "rb").read(), creation_date="2021-03-05")

The library is $VANBAN_LIBRARY, else the installed libvanban.so.0 (the dynamic loader's
search), else the build beside these sources (build/engine).
An Engine may be shared by threads; ctypes releases the GIL during each call, so renders
on several threads run in parallel. Errors raise VanbanError (status, file, line, column,
field); a batch where some rows failed raises PartialBatch, which carries the document
made from the other rows.
"""
import ctypes
import os

__all__ = ["Engine", "VanbanError", "PartialBatch", "Diagnostic", "version"]

_STATUS = {0: "ok", 1: "syntax", 2: "model", 3: "template", 4: "font", 5: "layout", 6: "input", 7: "output",
           8: "misuse", 9: "partial", 10: "nomem", 11: "internal", 12: "signature"}
_PDF, _DOCX = 0, 1


class _Limits(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t), ("max_rows", ctypes.c_size_t), ("max_columns", ctypes.c_size_t),
                ("max_cells", ctypes.c_size_t), ("max_shared_strings", ctypes.c_size_t),
                ("max_zip_entry_bytes", ctypes.c_ulonglong), ("max_image_side", ctypes.c_uint),
                ("max_nesting", ctypes.c_size_t), ("max_input_bytes", ctypes.c_ulonglong),
                ("max_text_bytes", ctypes.c_size_t)]


LIMITS = tuple(name for name, _ in _Limits._fields_[1:])


class _Diagnostic(ctypes.Structure):
    _fields_ = [("severity", ctypes.c_int), ("status", ctypes.c_int), ("rule", ctypes.c_char_p),
                ("file", ctypes.c_char_p), ("line", ctypes.c_int), ("column", ctypes.c_int),
                ("field", ctypes.c_char_p), ("message", ctypes.c_char_p), ("hint", ctypes.c_char_p)]


class Diagnostic:
    """One problem of a call, for a form to show field by field: `severity` ("error" or
    "warning"), `status` ("model"…; "ok" for a warning), `rule` ("ND30-TYPE-2" or ""), `file`,
    `line`, `column` (1-based, 0 when unknown), `field` ("signature.signer_name"), `message`,
    `hint` ("did you mean …" or "")."""

    __slots__ = ("severity", "status", "rule", "file", "line", "column", "field", "message", "hint")

    def __init__(self, **values):
        for name in self.__slots__:
            setattr(self, name, values[name])

    def as_dict(self):
        return {name: getattr(self, name) for name in self.__slots__}

    def __eq__(self, other):
        return isinstance(other, Diagnostic) and self.as_dict() == other.as_dict()

    def __repr__(self):
        return "Diagnostic(" + ", ".join(name + "=" + repr(getattr(self, name)) for name in self.__slots__) + ")"

    def __str__(self):
        where = ":".join(str(part) for part in (self.file, self.line or "", self.column or "") if part != "")
        text = (where + ": " if where else "") + (self.field + ": " if self.field else "") + self.message
        text += " [" + self.rule + "]" if self.rule else ""
        return text + (" (" + self.hint + ")" if self.hint else "")


class _Signature(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t), ("p12_path", ctypes.c_char_p), ("pkcs11_module", ctypes.c_char_p),
                ("token_label", ctypes.c_char_p), ("key_label", ctypes.c_char_p), ("key_id", ctypes.c_char_p),
                ("secret", ctypes.c_char_p), ("role", ctypes.c_int), ("image_png", ctypes.c_char_p),
                ("image_width_mm", ctypes.c_double), ("tsa_url", ctypes.c_char_p), ("reason", ctypes.c_char_p),
                ("location", ctypes.c_char_p)]


# What Engine.render(signatures=[…]) takes: a dict per signature, these keys.
SIGNATURE_KEYS = {"p12": "p12_path", "pkcs11_module": "pkcs11_module", "token": "token_label",
                  "key_label": "key_label", "key_id": "key_id", "secret": "secret", "image": "image_png",
                  "image_width_mm": "image_width_mm", "tsa": "tsa_url", "reason": "reason", "location": "location"}
_ROLES = {"signer": 0, "body": 1, "info": 2}

# Added by issue #13 at the end of both option structs: PDF/A, tagging, signatures.
_DOCUMENT_FIELDS = [("pdfa", ctypes.c_int), ("no_tags", ctypes.c_int), ("signatures", ctypes.POINTER(_Signature)),
                    ("signature_count", ctypes.c_size_t), ("signing_time", ctypes.c_char_p)]


class _RenderOptions(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t), ("format", ctypes.c_int), ("creation_date", ctypes.c_char_p),
                ("blank", ctypes.c_int), ("source_name", ctypes.c_char_p),
                ("limits", ctypes.c_void_p)] + _DOCUMENT_FIELDS  # limits: NULL, the defaults


class _SignOptions(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t), ("signatures", ctypes.POINTER(_Signature)),
                ("signature_count", ctypes.c_size_t), ("signing_time", ctypes.c_char_p), ("page", ctypes.c_int),
                ("x_mm", ctypes.c_double), ("y_mm", ctypes.c_double), ("width_mm", ctypes.c_double),
                ("height_mm", ctypes.c_double), ("limits", ctypes.c_void_p)]


class _BatchOptions(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t), ("format", ctypes.c_int), ("creation_date", ctypes.c_char_p),
                ("source_name", ctypes.c_char_p), ("sort_by_given_name", ctypes.c_int), ("sheet", ctypes.c_char_p),
                ("a3", ctypes.c_int), ("print_on_blank", ctypes.c_int), ("offset_x_mm", ctypes.c_double),
                ("offset_y_mm", ctypes.c_double), ("emblem_png", ctypes.c_char_p), ("seal_png", ctypes.c_char_p),
                ("signature_png", ctypes.c_char_p), ("name_pattern", ctypes.c_char_p), ("jobs", ctypes.c_int),
                ("overwrite", ctypes.c_int), ("limits", ctypes.c_void_p)] + _DOCUMENT_FIELDS


_SONAME = "libvanban.so.0"


def _candidates():
    """Where the library may be, in order: $VANBAN_LIBRARY; the installed one by its SONAME
    (the dynamic loader's search: LD_LIBRARY_PATH, ld.so's cache, /lib, /usr/lib; what
    ctypes.util.find_library would find, with the major version checked); the build beside
    these sources (bindings/python/../../build/engine)."""
    env = os.environ.get("VANBAN_LIBRARY")
    if env:
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.path.join(here, "..", "..", "build", "engine", _SONAME)
    return [_SONAME, os.path.normpath(build)]


def _open():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append(str(e))
    raise ImportError("vanban: libvanban cannot be loaded (" + "; ".join(tried) + "). Install it (the Debian "
                      "package, or `cmake --install build` then `ldconfig`) or set VANBAN_LIBRARY to its path.")


def _load():
    lib = _open()
    P, S, I, E = ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_void_p
    OUT, SIZE = ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)), ctypes.POINTER(ctypes.c_size_t)
    signatures = {
        "vanban_version": (P, []),
        "vanban_status_name": (P, [I]),
        "vanban_engine_open": (I, [P, P, ctypes.POINTER(E)]),
        "vanban_engine_close": (None, [E]),
        "vanban_errmsg": (P, [E]),
        "vanban_error_file": (P, [E]),
        "vanban_error_field": (P, [E]),
        "vanban_error_line": (I, [E]),
        "vanban_error_column": (I, [E]),
        "vanban_limits_init": (None, [ctypes.POINTER(_Limits)]),
        "vanban_render_options_init": (None, [ctypes.POINTER(_RenderOptions)]),
        "vanban_batch_options_init": (None, [ctypes.POINTER(_BatchOptions)]),
        "vanban_render": (I, [E, P, P, S, ctypes.POINTER(_RenderOptions), OUT, SIZE]),
        "vanban_render_file": (I, [E, P, P, P, ctypes.POINTER(_RenderOptions)]),
        "vanban_validate": (I, [E, P, P, S, ctypes.POINTER(_RenderOptions)]),
        "vanban_batch": (I, [E, P, P, S, ctypes.POINTER(_BatchOptions), OUT, SIZE, SIZE, SIZE]),
        "vanban_batch_file": (I, [E, P, P, P, ctypes.POINTER(_BatchOptions), SIZE, SIZE]),
        "vanban_check": (I, [E, P, P, S, ctypes.POINTER(_RenderOptions)]),
        "vanban_diagnostic_count": (S, [E]),
        "vanban_diagnostic_get": (ctypes.POINTER(_Diagnostic), [E, S]),
        "vanban_free": (None, [E]),
        "vanban_signature_init": (None, [ctypes.POINTER(_Signature)]),
        "vanban_sign_options_init": (None, [ctypes.POINTER(_SignOptions)]),
        "vanban_sign": (I, [E, P, S, ctypes.POINTER(_SignOptions), OUT, SIZE]),
        "vanban_sign_file": (I, [E, P, P, ctypes.POINTER(_SignOptions)]),
    }
    for name, (restype, argtypes) in signatures.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


_lib = _load()


def version():
    """The library's version, "0.1.0"."""
    return _lib.vanban_version().decode()


class VanbanError(Exception):
    """A failed call: `status` ("syntax", "model", "template"…), `file`, `line`, `column`
    (1-based, 0 when unknown) and `field` ("signature.signer_name") of the first error;
    `diagnostics`, every problem of the call (a list of Diagnostic, warnings included)."""

    def __init__(self, status, message, file="", line=0, column=0, field="", diagnostics=()):
        super().__init__(message)
        self.status, self.message, self.file, self.line, self.column, self.field = (
            status, message, file, line, column, field)
        self.diagnostics = list(diagnostics)


class PartialBatch(VanbanError):
    """Some rows of a batch made no certificate: `failures` lists them (one message each),
    `data` holds the document made from the other rows, `rows` and `failed` count them."""

    def __init__(self, message, data, rows, failed, diagnostics=()):
        super().__init__("partial", message, diagnostics=diagnostics)
        self.failures = message.splitlines()
        self.data, self.rows, self.failed = data, rows, failed


def _b(text):
    return text.encode("utf-8") if isinstance(text, str) else text


def _format(fmt):
    if fmt not in ("pdf", "docx"):
        raise ValueError("format must be 'pdf' or 'docx'")
    return _DOCX if fmt == "docx" else _PDF


def _signatures(signatures):
    """A ctypes array of vanban_signature from dicts (SIGNATURE_KEYS and "role")."""
    signatures = list(signatures or [])
    array = (_Signature * max(1, len(signatures)))()
    for item, given in zip(array, signatures):
        _lib.vanban_signature_init(ctypes.byref(item))
        for key, value in given.items():
            if key == "role":
                if value not in _ROLES:
                    raise ValueError(f"role must be signer, body or info, not {value!r}")
                item.role = _ROLES[value]
            elif key == "image_width_mm":
                item.image_width_mm = float(value)
            elif key in SIGNATURE_KEYS:
                setattr(item, SIGNATURE_KEYS[key], _b(value))
            else:
                raise ValueError(f"unknown signature key {key!r} (known: role, {', '.join(SIGNATURE_KEYS)})")
    return array, len(signatures)


def _document_options(o, pdfa, tagged, signatures, signing_time):
    if pdfa is not None:
        o.pdfa, o.no_tags = int(bool(pdfa)), int(not tagged)
    array, count = _signatures(signatures)
    o._keep = array  # the array lives as long as the options
    o.signatures, o.signature_count, o.signing_time = (array if count else None), count, _b(signing_time)


def _limits(options, limits):
    """Points `options` at a vanban_limits made from a dict such as {"max_rows": 5000}
    (the others keep their defaults), kept alive on the options."""
    if not limits:
        return options
    unknown = set(limits) - set(LIMITS)
    if unknown:
        raise ValueError("unknown limits: " + ", ".join(sorted(unknown)) + " (known: " + ", ".join(LIMITS) + ")")
    l = _Limits()
    _lib.vanban_limits_init(ctypes.byref(l))
    for name, value in limits.items():
        if not isinstance(value, int) or value < 1:
            raise ValueError(name + " must be a positive whole number")
        setattr(l, name, value)
    options._limits = l
    options.limits = ctypes.cast(ctypes.pointer(l), ctypes.c_void_p)
    return options


class Engine:
    """Fonts and templates loaded once; share it between threads. Every call takes
    `limits`, a dict of what the input may ask ({"max_rows": 5000, "max_input_bytes": …};
    names in LIMITS), the others keeping their defaults."""

    def __init__(self, template_dir=None, font_dir=None):
        self._handle = ctypes.c_void_p()
        status = _lib.vanban_engine_open(_b(template_dir), _b(font_dir), ctypes.byref(self._handle))
        if status:
            error = self._error(status)
            self.close()
            raise error

    def close(self):
        if self._handle:
            _lib.vanban_engine_close(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def _error(self, status):
        h = self._handle
        return VanbanError(_STATUS.get(status, str(status)), _lib.vanban_errmsg(h).decode(),
                           _lib.vanban_error_file(h).decode(), _lib.vanban_error_line(h),
                           _lib.vanban_error_column(h), _lib.vanban_error_field(h).decode(), self.diagnostics())

    def diagnostics(self):
        """Every problem of this thread's last call on the engine (errors and warnings; a
        successful call may have warnings), as a list of Diagnostic."""
        found = []
        if not self._handle:
            return found
        text = lambda b: (b or b"").decode("utf-8", "replace")
        for i in range(_lib.vanban_diagnostic_count(self._handle)):
            d = _lib.vanban_diagnostic_get(self._handle, i)
            if not d:
                break
            d = d.contents
            found.append(Diagnostic(severity="warning" if d.severity == 1 else "error",
                                    status=_STATUS.get(d.status, str(d.status)), rule=text(d.rule),
                                    file=text(d.file), line=d.line, column=d.column, field=text(d.field),
                                    message=text(d.message), hint=text(d.hint)))
        return found

    def _check(self, status):
        if status:
            raise self._error(status)

    @staticmethod
    def _render_options(format, creation_date, blank, source_name, limits=None, pdfa=False, tagged=True,
                        signatures=None, signing_time=None):
        o = _RenderOptions()
        _lib.vanban_render_options_init(ctypes.byref(o))
        o.format, o.creation_date, o.blank, o.source_name = (
            _format(format), _b(creation_date), int(bool(blank)), _b(source_name))
        _document_options(o, pdfa, tagged, signatures, signing_time)
        return _limits(o, limits)

    @staticmethod
    def _take(out, size):
        try:
            return ctypes.string_at(out, size.value)
        finally:
            _lib.vanban_free(ctypes.cast(out, ctypes.c_void_p))

    def render(self, template, data=b"", *, format="pdf", creation_date=None, blank=False, source_name=None,
               limits=None, pdfa=False, tagged=True, signatures=None, signing_time=None):
        """Renders a document model (JSON or XML; for forms a JSON object or array or a CSV
        text) with a template name or path; returns the PDF or DOCX bytes. `pdfa`: PDF/A-2;
        `signatures`: dicts (SIGNATURE_KEYS, "role": "signer"|"body"|"info") applied in order."""
        data = _b(data) or b""
        o = self._render_options(format, creation_date, blank, source_name, limits, pdfa, tagged, signatures,
                                 signing_time)
        out, size = ctypes.POINTER(ctypes.c_ubyte)(), ctypes.c_size_t()
        self._check(_lib.vanban_render(self._handle, _b(template), data, len(data), ctypes.byref(o),
                                       ctypes.byref(out), ctypes.byref(size)))
        return self._take(out, size)

    def render_file(self, template, data_path, out_path, *, format="pdf", creation_date=None, blank=False,
                    limits=None, pdfa=False, tagged=True, signatures=None, signing_time=None):
        """Renders a file to a file (written whole or not at all)."""
        o = self._render_options(format, creation_date, blank, None, limits, pdfa, tagged, signatures, signing_time)
        self._check(_lib.vanban_render_file(self._handle, _b(template), _b(data_path), _b(out_path), ctypes.byref(o)))

    def sign(self, pdf, signatures, *, signing_time=None, page=0, rect_mm=None):
        """Signs PDF bytes (PAdES, each signature an incremental update, in order); returns the
        signed bytes. A PDF vanban wrote places each appearance where the decree puts it;
        another takes `page` (1-based) and `rect_mm` (x, y, width, height from the top-left)."""
        pdf = _b(pdf)
        o = _SignOptions()
        _lib.vanban_sign_options_init(ctypes.byref(o))
        _document_options(o, None, None, signatures, signing_time)
        o.page = int(page)
        if rect_mm:
            o.x_mm, o.y_mm, o.width_mm, o.height_mm = (float(v) for v in rect_mm)
        out, size = ctypes.POINTER(ctypes.c_ubyte)(), ctypes.c_size_t()
        self._check(_lib.vanban_sign(self._handle, pdf, len(pdf), ctypes.byref(o), ctypes.byref(out),
                                     ctypes.byref(size)))
        return self._take(out, size)

    def validate(self, template, data, *, source_name=None, blank=False, limits=None):
        """Raises VanbanError when `data` would not render; returns None otherwise."""
        data = _b(data)
        o = self._render_options("pdf", None, blank, source_name, limits)
        self._check(_lib.vanban_validate(self._handle, _b(template), data, len(data), ctypes.byref(o)))

    def check(self, template, data, *, source_name=None, limits=None):
        """The content rules of Decree 30 on `data` (`vanban check`): returns the findings
        (a list of Diagnostic: warnings) when none is an error; raises VanbanError, whose
        `diagnostics` lists them all with their rule IDs, when some are."""
        data = _b(data)
        o = self._render_options("pdf", None, False, source_name, limits)
        self._check(_lib.vanban_check(self._handle, _b(template), data, len(data), ctypes.byref(o)))
        return self.diagnostics()

    @staticmethod
    def _batch_options(format, creation_date, source_name, sort, sheet, a3, print_on_blank, offset_mm, emblem, seal,
                       signature, name_pattern, jobs, limits=None, overwrite=False, document=None):
        o = _BatchOptions()
        _lib.vanban_batch_options_init(ctypes.byref(o))
        _document_options(o, **(document or {"pdfa": False, "tagged": True, "signatures": None, "signing_time": None}))
        _lib.vanban_batch_options_init(ctypes.byref(o))
        o.format, o.creation_date, o.source_name = _format(format), _b(creation_date), _b(source_name)
        o.sort_by_given_name, o.sheet, o.a3, o.print_on_blank = int(bool(sort)), _b(sheet), int(bool(a3)), int(
            bool(print_on_blank))
        o.offset_x_mm, o.offset_y_mm = offset_mm
        o.emblem_png, o.seal_png, o.signature_png, o.name_pattern = _b(emblem), _b(seal), _b(signature), _b(
            name_pattern)
        o.jobs = jobs
        o.overwrite = int(bool(overwrite))
        return _limits(o, limits)

    def batch(self, template, list_data, *, format="pdf", creation_date=None, source_name=None, sort=False,
              sheet=None, a3=False, print_on_blank=False, offset_mm=(0.0, 0.0), emblem=None, seal=None,
              signature=None, jobs=2, limits=None, pdfa=False, tagged=True, signatures=None, signing_time=None):
        """Certificates from a list (CSV, UTF-16 text, XLSX or JSON bytes): one PDF or DOCX
        with a page or section per row. Raises PartialBatch when some rows failed.
        `signature` is the image printed; `signatures` sign the file (as in render)."""
        data = _b(list_data)
        o = self._batch_options(format, creation_date, source_name, sort, sheet, a3, print_on_blank, offset_mm, emblem,
                                seal, signature, None, jobs, limits,
                                document=dict(pdfa=pdfa, tagged=tagged, signatures=signatures,
                                              signing_time=signing_time))
        out, size = ctypes.POINTER(ctypes.c_ubyte)(), ctypes.c_size_t()
        rows, failed = ctypes.c_size_t(), ctypes.c_size_t()
        status = _lib.vanban_batch(self._handle, _b(template), data, len(data), ctypes.byref(o), ctypes.byref(out),
                                   ctypes.byref(size), ctypes.byref(rows), ctypes.byref(failed))
        if status == 9:
            raise PartialBatch(_lib.vanban_errmsg(self._handle).decode(), self._take(out, size), rows.value,
                               failed.value, self.diagnostics())
        self._check(status)
        return self._take(out, size)

    def batch_file(self, template, list_path, out_path, *, format="pdf", creation_date=None, sort=False, sheet=None,
                   a3=False, print_on_blank=False, offset_mm=(0.0, 0.0), emblem=None, seal=None, signature=None,
                   name_pattern=None, jobs=2, limits=None, overwrite=False, pdfa=False, tagged=True, signatures=None,
                   signing_time=None):
        """The same from a list file to a file, or (out_path ending in "/") to a file per row
        (a file already there is a failed row unless `overwrite`; with `signatures` every file
        is signed). Returns (rows, failed); raises PartialBatch (data None) when some rows failed."""
        o = self._batch_options(format, creation_date, None, sort, sheet, a3, print_on_blank, offset_mm, emblem, seal,
                                signature, name_pattern, jobs, limits, overwrite,
                                document=dict(pdfa=pdfa, tagged=tagged, signatures=signatures,
                                              signing_time=signing_time))
        rows, failed = ctypes.c_size_t(), ctypes.c_size_t()
        status = _lib.vanban_batch_file(self._handle, _b(template), _b(list_path), _b(out_path), ctypes.byref(o),
                                        ctypes.byref(rows), ctypes.byref(failed))
        if status == 9:
            raise PartialBatch(_lib.vanban_errmsg(self._handle).decode(), None, rows.value, failed.value,
                               self.diagnostics())
        self._check(status)
        return rows.value, failed.value
