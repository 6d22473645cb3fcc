// The Typst peer for certificates, warm compiler (fonts loaded, as a server keeps it):
//   node typst_certificates.mjs one <all.typ> <out.pdf>        one PDF of every page
//   node typst_certificates.mjs each <dir-of-page-typ> <outdir> one PDF per file
// Prints JSON: pages, seconds, pages per second, bytes.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const [mode, input, out] = process.argv.slice(2);
const compiler = NodeCompiler.create({
  workspace: '.',
  fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/liberation2'] }],
});
// Warm-up: fonts loaded and the compiler ready, on a one-page document.
compiler.pdf({ mainFileContent: '#set text(font: "Liberation Serif")\nXin chào' });
const seconds = (t) => Number(process.hrtime.bigint() - t) / 1e9;
if (mode === 'one') {
  const source = readFileSync(input, 'utf8');
  const t = process.hrtime.bigint();
  const pdf = compiler.pdf({ mainFileContent: source });
  const s = seconds(t);
  writeFileSync(out, pdf);
  const pages = (source.match(/^#cert\(/gm) || []).length;
  console.log(JSON.stringify({ pages, seconds: s, pages_per_second: pages / s, bytes: pdf.length }));
} else {
  const files = readdirSync(input).filter((f) => f.endsWith('.typ')).sort();
  let bytes = 0;
  const t = process.hrtime.bigint();
  for (const f of files) {
    const pdf = compiler.pdf({ mainFileContent: readFileSync(join(input, f), 'utf8') });
    writeFileSync(join(out, f.replace(/\.typ$/, '.pdf')), pdf);
    bytes += pdf.length;
  }
  const s = seconds(t);
  console.log(JSON.stringify({ pages: files.length, seconds: s, pages_per_second: files.length / s, bytes }));
}
