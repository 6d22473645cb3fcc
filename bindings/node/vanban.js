// vanban for Node.js through the C API of libvanban, with the FFI package koffi.
//
//   const vanban = require('./vanban');
//   const engine = new vanban.Engine();
//   const pdf = engine.render('ke-hoach', fs.readFileSync('ke-hoach.json'), { creationDate: '2021-03-05' });
//   engine.close();
//
// The library is $VANBAN_LIBRARY or the system's libvanban.so.0. Errors throw VanbanError
// (status, file, line, column, field); a batch where some rows failed throws PartialBatch,
// which carries the document made from the other rows (`data`). The *Async methods run on
// libuv's worker threads and resolve to the same results, so several documents render at
// once through one engine.
'use strict';
const koffi = require('koffi');

const lib = koffi.load(process.env.VANBAN_LIBRARY || 'libvanban.so.0');
const STATUS = ['ok', 'syntax', 'model', 'template', 'font', 'layout', 'input', 'output', 'misuse', 'partial',
  'nomem', 'internal', 'signature'];

const Signature = koffi.struct('vanban_signature', {
  size: 'size_t', p12_path: 'const char *', pkcs11_module: 'const char *', token_label: 'const char *',
  key_label: 'const char *', key_id: 'const char *', secret: 'const char *', role: 'int', image_png: 'const char *',
  image_width_mm: 'double', tsa_url: 'const char *', reason: 'const char *', location: 'const char *',
});
// Added by issue #13 at the end of both option structs: PDF/A, tagging, digital signatures.
const DOCUMENT_FIELDS = {
  pdfa: 'int', no_tags: 'int', signatures: 'const vanban_signature *', signature_count: 'size_t',
  signing_time: 'const char *',
};
const RenderOptions = koffi.struct('vanban_render_options', {
  size: 'size_t', format: 'int', creation_date: 'const char *', blank: 'int', source_name: 'const char *',
  limits: 'void *',  // const vanban_limits *: null, the defaults
  ...DOCUMENT_FIELDS,
});
const SignOptions = koffi.struct('vanban_sign_options', {
  size: 'size_t', signatures: 'const vanban_signature *', signature_count: 'size_t', signing_time: 'const char *',
  page: 'int', x_mm: 'double', y_mm: 'double', width_mm: 'double', height_mm: 'double', limits: 'void *',
});
const BatchOptions = koffi.struct('vanban_batch_options', {
  size: 'size_t', format: 'int', creation_date: 'const char *', source_name: 'const char *',
  sort_by_given_name: 'int', sheet: 'const char *', a3: 'int', print_on_blank: 'int', offset_x_mm: 'double',
  offset_y_mm: 'double', emblem_png: 'const char *', seal_png: 'const char *', signature_png: 'const char *',
  name_pattern: 'const char *', jobs: 'int', overwrite: 'int', limits: 'void *',
  ...DOCUMENT_FIELDS,
});

const Diagnostic = koffi.struct('vanban_diagnostic', {
  severity: 'int', status: 'int', rule: 'const char *', file: 'const char *', line: 'int', column: 'int',
  field: 'const char *', message: 'const char *', hint: 'const char *',
});

const c = {
  version: lib.func('const char *vanban_version(void)'),
  open: lib.func('int vanban_engine_open(const char *template_dir, const char *font_dir, _Out_ void **engine)'),
  close: lib.func('void vanban_engine_close(void *engine)'),
  errmsg: lib.func('const char *vanban_errmsg(void *engine)'),
  file: lib.func('const char *vanban_error_file(void *engine)'),
  field: lib.func('const char *vanban_error_field(void *engine)'),
  line: lib.func('int vanban_error_line(void *engine)'),
  column: lib.func('int vanban_error_column(void *engine)'),
  render: lib.func('int vanban_render(void *engine, const char *tpl, const uint8_t *data, size_t size, ' +
    'const vanban_render_options *options, _Out_ uint8_t **out, _Out_ size_t *out_size)'),
  renderFile: lib.func('int vanban_render_file(void *engine, const char *tpl, const char *data_path, ' +
    'const char *out_path, const vanban_render_options *options)'),
  validate: lib.func('int vanban_validate(void *engine, const char *tpl, const uint8_t *data, size_t size, ' +
    'const vanban_render_options *options)'),
  batch: lib.func('int vanban_batch(void *engine, const char *tpl, const uint8_t *list, size_t size, ' +
    'const vanban_batch_options *options, _Out_ uint8_t **out, _Out_ size_t *out_size, _Out_ size_t *rows, ' +
    '_Out_ size_t *failed)'),
  batchFile: lib.func('int vanban_batch_file(void *engine, const char *tpl, const char *list_path, ' +
    'const char *out_path, const vanban_batch_options *options, _Out_ size_t *rows, _Out_ size_t *failed)'),
  check: lib.func('int vanban_check(void *engine, const char *tpl, const uint8_t *data, size_t size, ' +
    'const vanban_render_options *options)'),
  diagnosticCount: lib.func('size_t vanban_diagnostic_count(void *engine)'),
  diagnosticGet: lib.func('const vanban_diagnostic *vanban_diagnostic_get(void *engine, size_t index)'),
  free: lib.func('void vanban_free(void *buffer)'),
  sign: lib.func('int vanban_sign(void *engine, const uint8_t *pdf, size_t size, const vanban_sign_options *options, ' +
    '_Out_ uint8_t **out, _Out_ size_t *out_size)'),
};

// `diagnostics`: every problem of the call, warnings included, for a form to show field by
// field: { severity: 'error'|'warning', status, rule, file, line, column, field, message, hint }.
class VanbanError extends Error {
  constructor(status, message, file = '', line = 0, column = 0, field = '', diagnostics = []) {
    super(message);
    this.name = 'VanbanError';
    Object.assign(this, { status, file, line, column, field, diagnostics });
  }
}

class PartialBatch extends VanbanError {
  constructor(message, data, rows, failed, diagnostics = []) {
    super('partial', message, '', 0, 0, '', diagnostics);
    this.name = 'PartialBatch';
    Object.assign(this, { failures: message.split('\n'), data, rows, failed });
  }
}

const FORMATS = { pdf: 0, docx: 1 };
function format(f = 'pdf') {
  if (!(f in FORMATS)) throw new TypeError("format must be 'pdf' or 'docx'");
  return FORMATS[f];
}
const bytes = (data) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data || []));

// What a signature may say ({ p12, secret, role: 'signer'|'body'|'info', image, … }) and the
// vanban_signature field each fills.
const SIGNATURE_KEYS = { p12: 'p12_path', pkcs11Module: 'pkcs11_module', token: 'token_label', keyLabel: 'key_label',
  keyId: 'key_id', secret: 'secret', image: 'image_png', imageWidthMm: 'image_width_mm', tsa: 'tsa_url',
  reason: 'reason', location: 'location' };
const ROLES = { signer: 0, body: 1, info: 2 };

function signatures(list = []) {
  return list.map((given) => {
    const s = { size: koffi.sizeof(Signature), p12_path: null, pkcs11_module: null, token_label: null, key_label: null,
      key_id: null, secret: null, role: 0, image_png: null, image_width_mm: 0, tsa_url: null, reason: null,
      location: null };
    for (const [key, value] of Object.entries(given)) {
      if (key === 'role') {
        if (!(value in ROLES)) throw new TypeError(`vanban: role must be signer, body or info, not ${value}`);
        s.role = ROLES[value];
      } else if (key in SIGNATURE_KEYS) {
        s[SIGNATURE_KEYS[key]] = key === 'imageWidthMm' ? Number(value) : String(value);
      } else {
        throw new TypeError(`vanban: unknown signature key ${key} (known: role, ${Object.keys(SIGNATURE_KEYS).join(', ')})`);
      }
    }
    return s;
  });
}

// { pdfa, tagged, signatures, signingTime } of render and batch options.
function documentOptions(o) {
  const list = signatures(o.signatures);
  return { pdfa: o.pdfa ? 1 : 0, no_tags: o.tagged === false ? 1 : 0, signatures: list.length ? list : null,
    signature_count: list.length, signing_time: o.signingTime || null };
}

function renderOptions(o = {}) {
  return { size: koffi.sizeof(RenderOptions), format: format(o.format), creation_date: o.creationDate || null,
    blank: o.blank ? 1 : 0, source_name: o.sourceName || null, limits: null, ...documentOptions(o) };
}

function batchOptions(o = {}) {
  const [x, y] = o.offsetMm || [0, 0];
  return { size: koffi.sizeof(BatchOptions), format: format(o.format), creation_date: o.creationDate || null,
    source_name: o.sourceName || null, sort_by_given_name: o.sort ? 1 : 0, sheet: o.sheet || null, a3: o.a3 ? 1 : 0,
    print_on_blank: o.printOnBlank ? 1 : 0, offset_x_mm: x, offset_y_mm: y, emblem_png: o.emblem || null,
    seal_png: o.seal || null, signature_png: o.signature || null, name_pattern: o.namePattern || null,
    jobs: o.jobs || 2, overwrite: o.overwrite ? 1 : 0, limits: null, ...documentOptions(o) };
}

// Copies a buffer the library returned and frees it.
function take(out, size) {
  if (!out[0]) return Buffer.alloc(0);
  // Buffer.from(ArrayBuffer) would share the memory about to be freed: copy it.
  const copy = Buffer.from(new Uint8Array(koffi.view(out[0], Number(size[0]))));
  c.free(out[0]);
  return copy;
}

class Engine {
  constructor(templateDir = null, fontDir = null) {
    const handle = [null];
    const status = c.open(templateDir, fontDir, handle);
    this.handle = handle[0];
    if (status !== 0) {
      const error = this.error(status);
      this.close();
      throw error;
    }
  }

  close() {
    if (this.handle) c.close(this.handle);
    this.handle = null;
  }

  error(status) {
    const h = this.handle;
    return new VanbanError(STATUS[status] || String(status), c.errmsg(h), c.file(h), c.line(h), c.column(h), c.field(h),
      this.diagnostics());
  }

  succeed(status) {
    if (status !== 0) throw this.error(status);
  }

  // Every problem of this thread's last call on the engine (errors and warnings).
  diagnostics() {
    const list = [];
    if (!this.handle) return list;
    const count = Number(c.diagnosticCount(this.handle));
    for (let i = 0; i < count; i++) {
      const p = c.diagnosticGet(this.handle, i);
      if (!p) break;
      const d = koffi.decode(p, Diagnostic);
      list.push({ severity: d.severity === 1 ? 'warning' : 'error', status: STATUS[d.status] || String(d.status),
        rule: d.rule || '', file: d.file || '', line: d.line, column: d.column, field: d.field || '',
        message: d.message || '', hint: d.hint || '' });
    }
    return list;
  }

  // The content rules of Decree 30 (`vanban check`): returns the findings (warnings) when none
  // is an error; throws VanbanError, whose `diagnostics` lists them with their rule IDs, else.
  check(template, data, options = {}) {
    const buf = bytes(data);
    this.succeed(c.check(this.handle, template, buf, buf.length, renderOptions(options)));
    return this.diagnostics();
  }

  render(template, data = '', options = {}) {
    const buf = bytes(data);
    const out = [null];
    const size = [0];
    this.succeed(c.render(this.handle, template, buf, buf.length, renderOptions(options), out, size));
    return take(out, size);
  }

  // The same on a worker thread. Errors are per thread in the C API, so the error is read
  // back on that worker thread too (koffi runs the two calls on one worker, in order).
  renderAsync(template, data = '', options = {}) {
    const buf = bytes(data);
    return new Promise((resolve, reject) => {
      const out = [null];
      const size = [0];
      c.render.async(this.handle, template, buf, buf.length, renderOptions(options), out, size, (err, status) => {
        if (err) return reject(err);
        if (status !== 0) return reject(new VanbanError(STATUS[status] || String(status), 'render failed: ' + STATUS[status]));
        resolve(take(out, size));
      });
    });
  }

  // Signs PDF bytes (PAdES; each signature an incremental update, in order): { signatures,
  // signingTime } and, for a PDF vanban did not write, { page (1-based), rectMm: [x, y, w, h] }.
  sign(pdf, options = {}) {
    const list = signatures(options.signatures);
    const [x, y, w, h] = options.rectMm || [0, 0, 0, 0];
    const o = { size: koffi.sizeof(SignOptions), signatures: list.length ? list : null, signature_count: list.length,
      signing_time: options.signingTime || null, page: options.page || 0, x_mm: x, y_mm: y, width_mm: w,
      height_mm: h, limits: null };
    const buf = bytes(pdf);
    const out = [null];
    const size = [0];
    this.succeed(c.sign(this.handle, buf, buf.length, o, out, size));
    return take(out, size);
  }

  renderFile(template, dataPath, outPath, options = {}) {
    this.succeed(c.renderFile(this.handle, template, dataPath, outPath, renderOptions(options)));
  }

  validate(template, data, options = {}) {
    const buf = bytes(data);
    this.succeed(c.validate(this.handle, template, buf, buf.length, renderOptions(options)));
  }

  batch(template, list, options = {}) {
    const buf = bytes(list);
    const out = [null];
    const size = [0];
    const rows = [0];
    const failed = [0];
    const status = c.batch(this.handle, template, buf, buf.length, batchOptions(options), out, size, rows, failed);
    if (status === 9) {
      throw new PartialBatch(c.errmsg(this.handle), take(out, size), Number(rows[0]), Number(failed[0]),
        this.diagnostics());
    }
    this.succeed(status);
    return take(out, size);
  }

  batchFile(template, listPath, outPath, options = {}) {
    const rows = [0];
    const failed = [0];
    const status = c.batchFile(this.handle, template, listPath, outPath, batchOptions(options), rows, failed);
    if (status === 9) {
      throw new PartialBatch(c.errmsg(this.handle), null, Number(rows[0]), Number(failed[0]), this.diagnostics());
    }
    this.succeed(status);
    return { rows: Number(rows[0]), failed: Number(failed[0]) };
  }
}

module.exports = { Engine, VanbanError, PartialBatch, version: () => c.version() };
