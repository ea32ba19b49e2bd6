// Bundle budget: the JavaScript a browser must load before the sign-in page and the caseload can show
// (the entry script of index.html and every module it preloads — both pages are in the entry chunk;
// other pages are lazy chunks) must stay within 200 KB gzipped. Prints the figure, and beside it the
// Brotli size the server actually sends (the build's .br copies; docs/decisions/0004-web-delivery.md);
// exits 1 over budget. The budget stays on gzip, the encoding every browser and proxy accepts.
//   node scripts/check-bundle-budget.mjs [--dir dist/web] [--budget-kb 200]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argValue = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const dir = path.resolve(root, argValue('dir', process.env.IPT_WEB_ROOT ?? 'dist/web'));
const budgetKb = Number(argValue('budget-kb', '200'));

const indexFile = path.join(dir, 'index.html');
if (!fs.existsSync(indexFile)) {
  console.error(`check-bundle-budget: no ${path.relative(root, indexFile)}; build the web app first (node scripts/web-build.mjs)`);
  process.exit(2);
}
const html = fs.readFileSync(indexFile, 'utf8');
const urls = new Set();
for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) urls.add(m[1]);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) urls.add(m[1]);
if (urls.size === 0) {
  console.error('check-bundle-budget: index.html names no module script');
  process.exit(2);
}

let rawTotal = 0;
let gzipTotal = 0;
let brTotal = 0;
const rows = [];
const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
for (const url of urls) {
  const file = path.join(dir, url.replace(/^\//, ''));
  const bytes = fs.readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  // The copy the server sends when the build wrote one, else what Brotli would make of the file.
  const br = fs.existsSync(`${file}.br`) ? fs.statSync(`${file}.br`).size : brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rawTotal += bytes.length;
  gzipTotal += gz;
  brTotal += br;
  rows.push(`  ${url.padEnd(48)} ${kb(bytes.length)} ${kb(gz)} gzipped ${kb(br)} brotli`);
}
console.log(`Initial JavaScript for sign-in + caseload (${path.relative(root, dir) || '.'}):`);
console.log(rows.join('\n'));
const verdict = gzipTotal <= budgetKb * 1024 ? 'within' : 'OVER';
console.log(`  total ${(rawTotal / 1024).toFixed(1)} KB, ${(gzipTotal / 1024).toFixed(1)} KB gzipped (${(brTotal / 1024).toFixed(1)} KB brotli, as sent): ${verdict} the budget of ${budgetKb} KB gzipped`);
process.exit(verdict === 'OVER' ? 1 : 0);
