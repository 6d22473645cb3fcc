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
