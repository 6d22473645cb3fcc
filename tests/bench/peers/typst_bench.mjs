// Times the Typst peer with a warm compiler: node typst_bench.mjs <file.typ> <runs> <out.pdf>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const [file, runsArg, out] = process.argv.slice(2);
const source = readFileSync(file, 'utf8');
const t0 = process.hrtime.bigint();
const compiler = NodeCompiler.create({
  workspace: '.',
  fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/liberation2'] }],
});
const warm = compiler.pdf({ mainFileContent: source });
const startup = Number(process.hrtime.bigint() - t0) / 1e6;
const times = [];
let pdf = warm;
for (let i = 0; i < Number(runsArg); i++) {
  const a = process.hrtime.bigint();
  // A new document each time: the compiler keeps fonts and caches warm, as a server would.
  // Fonts stay loaded, but the layout cache is emptied: each run lays the document
  // out anew, as for a different document (without this, Typst's memoisation
  // replays the previous layout).
  compiler.evictCache(0);
  pdf = compiler.pdf({ mainFileContent: source });
  times.push(Number(process.hrtime.bigint() - a) / 1e6);
}
times.sort((x, y) => x - y);
writeFileSync(out, pdf);
console.log(JSON.stringify({ startup_ms: startup, median_ms: times[Math.floor(times.length / 2)],
  min_ms: times[0], bytes: pdf.length }));
