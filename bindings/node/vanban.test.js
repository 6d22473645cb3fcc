// Tests of the Node binding (node --test; run by ctest as Node.Binding).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const vanban = require('./vanban');

const samples = process.env.VANBAN_SAMPLES || path.join(__dirname, '..', '..', 'samples');
const sample = (name) => fs.readFileSync(path.join(samples, name));
const pdfText = (pdf) => {
  const file = path.join(os.tmpdir(), `vanban-node-${process.pid}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');
  } finally {
    fs.unlinkSync(file);
  }
};

const engine = new vanban.Engine();
test.after(() => engine.close());

test('version', () => assert.strictEqual(vanban.version(), '0.1.0'));

test('renders the plan to PDF and DOCX', () => {
  const pdf = engine.render('ke-hoach', sample('ke-hoach-hoa-binh-2021.json'), { creationDate: '2021-03-05' });
  assert.strictEqual(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(pdf);
  assert.ok(text.includes('KẾ HOẠCH'));
  assert.ok(text.includes('Nơi nhận'));
  const docx = engine.render('ke-hoach', sample('ke-hoach-hoa-binh-2021.json'), { format: 'docx' });
  assert.strictEqual(docx.subarray(0, 2).toString(), 'PK');
});

test('errors say where', () => {
  assert.throws(() => engine.render('ke-hoach', '{\n  "subject": "a",\n  oops\n}', { sourceName: 'bad.json' }),
    (e) => e instanceof vanban.VanbanError && e.status === 'syntax' && e.file === 'bad.json' && e.line === 3 &&
      e.column === 3 && e.message.startsWith('bad.json:3:3: malformed JSON'));
  assert.throws(() => engine.validate('no-such-template', '{}'), (e) => e.status === 'template');
});

test('every problem as a list, field by field', () => {
  const model = JSON.parse(sample('ke-hoach-hoa-binh-2021.json'));
  model.signature.signer_nam = model.signature.signer_name;
  delete model.signature.signer_name;
  model.subjet = model.subject;
  delete model.subject;
  assert.throws(() => engine.validate('ke-hoach', JSON.stringify(model, null, 1), { sourceName: 'two.json' }), (e) => {
    const errors = Object.fromEntries(e.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.field, d]));
    const d = errors['signature.signer_nam'];
    assert.ok(d, JSON.stringify(e.diagnostics));
    assert.ok(errors.subjet, JSON.stringify(e.diagnostics));
    assert.deepStrictEqual([d.status, d.file], ['model', 'two.json']);
    assert.ok(d.line > 1);
    assert.ok(d.hint.includes('signer_name'), d.hint);
    assert.ok(errors.subjet.hint.includes('subject'), errors.subjet.hint);
    return true;
  });
});

test('check: rules of the decree as warnings with their IDs', () => {
  const findings = engine.check('ke-hoach', sample('ke-hoach-hoa-binh-2021.json'), { sourceName: 'kh.json' });
  assert.ok(findings.length > 0);
  for (const d of findings) assert.ok(d.severity === 'warning' && d.rule.startsWith('ND30-'), JSON.stringify(d));
});

test('a partial batch carries the document and the failed rows', () => {
  assert.throws(() => engine.batch('giay-khen', sample('danh-sach-khen-thuong.csv'), { sourceName: 'ds.csv' }),
    (e) => {
      assert.ok(e instanceof vanban.PartialBatch);
      assert.deepStrictEqual([e.rows, e.failed, e.failures.length], [9, 2, 2]);
      assert.ok(e.failures[0].startsWith('ds.csv:8:2: row 8 (STT 7), ho_ten'));
      assert.ok(pdfText(e.data).includes('Số sổ vàng'));
      return true;
    });
});

test('renders on worker threads give the same bytes', async () => {
  const data = sample('ke-hoach-hoa-binh-2021.json');
  const reference = engine.render('ke-hoach', data, { creationDate: '2021-03-05' });
  const all = await Promise.all(Array.from({ length: 6 },
    () => engine.renderAsync('ke-hoach', data, { creationDate: '2021-03-05' })));
  for (const pdf of all) assert.ok(pdf.equals(reference));
  await assert.rejects(engine.renderAsync('ke-hoach', '{'), (e) => e.status === 'syntax');
});

test('signed by the signer as it is written, then by the body', () => {
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'vanban-node-keys-'));
  try {
    execFileSync('bash', [path.join(__dirname, '..', '..', 'tests', 'sign', 'make_keys.sh'), keys]);
    const time = '2021-03-05T09:15:30+07:00';
    let pdf = engine.render('ke-hoach', sample('ke-hoach-hoa-binh-2021.json'), { creationDate: '2021-03-05',
      signingTime: time, signatures: [{ p12: path.join(keys, 'signer.p12'), secret: 'secret' }] });
    pdf = engine.sign(pdf, { signingTime: time,
      signatures: [{ p12: path.join(keys, 'body.p12'), secret: 'secret', role: 'body' }] });
    const file = path.join(keys, 'signed.pdf');
    fs.writeFileSync(file, pdf);
    let report = '';
    try {
      report = execFileSync('pdfsig', [file], { stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
    } catch (e) {
      report = e.stdout.toString('utf8');
    }
    assert.strictEqual(report.split('Signature is Valid.').length - 1, 2, report);
    assert.match(report.split('Signature #2')[1], /Total document signed/);
    assert.throws(() => engine.render('ke-hoach', sample('ke-hoach-hoa-binh-2021.json'),
      { signatures: [{ p12: path.join(keys, 'signer.p12'), secret: 'wrong' }] }), (e) => e.status === 'signature');
    assert.throws(() => engine.sign(pdf, { signatures: [{ p12: 'x.p12', role: 'boss' }] }), TypeError);
  } finally {
    fs.rmSync(keys, { recursive: true, force: true });
  }
});
