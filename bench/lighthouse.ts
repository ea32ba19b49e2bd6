/**
 * Lighthouse 12 performance score (mobile form factor, simulated slow 4G — Lighthouse's defaults) in
 * Debian's Chromium, on the caseload and on a questionnaire form, signed in through the API with the
 * session cookie passed as a header. Builds the web app into dist/web-bench first when it is missing
 * or older than its sources. Each page is measured `--runs` times (default 2); every run is reported.
 * The full Lighthouse reports are kept as JSON in bench/out/lighthouse/ (layout shifts, requests).
 *
 *   npm run bench:lighthouse -- --data-dir bench/out/seed-10000 [--runs 2] [--rebuild] [--no-write]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { arg, databaseEnv, flag, loadManifest, machine, ROOT, signIn, startServer, table, writeSection } from './lib/harness';

const WEB_OUT = path.join(ROOT, 'dist', 'web-bench');
const REPORTS = path.join(ROOT, 'bench', 'out', 'lighthouse');
const SOURCES = ['src/web', 'src/contracts', 'src/domain', 'vite.config.ts', 'package-lock.json'];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, entry) => Math.max(newest, newestMtime(path.join(target, entry))), stat.mtimeMs);
}

/** True when dist/web-bench is missing or a source changed after it was built. */
function buildIsStale(): boolean {
  const index = path.join(WEB_OUT, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(ROOT, source)) > built);
}

async function main() {
  const dataDir = arg('data-dir', 'bench/out/seed-10000')!;
  const manifest = loadManifest(dataDir);
  const runs = Math.max(1, Number(arg('runs', '2')));
  if (flag('rebuild') || buildIsStale()) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', WEB_OUT, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the web build failed');
  }
  const server = await startServer({ ...databaseEnv(manifest), IPT_WEB_ROOT: WEB_OUT });
  const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const rows: Array<Array<string | number>> = [];
  try {
    const who = await signIn(server.url, manifest.clinicianEmails[0]!, manifest.password);
    const pages = [
      { name: 'caseload', path: '/clients' },
      { name: 'questionnaire form (PHQ-9)', path: '/instruments/phq-9' },
    ];
    fs.mkdirSync(REPORTS, { recursive: true });
    for (let run = 1; run <= runs; run++) {
      for (const page of pages) {
        const result = await lighthouse(`${server.url}${page.path}`, {
          port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: { Cookie: who.cookie },
        });
        if (!result) throw new Error(`Lighthouse gave no result for ${page.path}`);
        const lhr = result.lhr;
        const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
        const metric = (id: string) => lhr.audits[id]?.displayValue ?? '—';
        const kib = Math.round((lhr.audits['total-byte-weight']?.numericValue ?? 0) / 1024);
        rows.push([page.name, run, score, metric('first-contentful-paint'), metric('largest-contentful-paint'), metric('total-blocking-time'), metric('cumulative-layout-shift'), `${kib} KiB`, `≥ 90: ${score >= 90 ? 'met' : 'missed'}`]);
        const file = path.join(REPORTS, `${page.path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${run}.json`);
        fs.writeFileSync(file, JSON.stringify(lhr, null, 1));
        console.log(`${page.name} (run ${run}): performance ${score} (final URL ${lhr.finalDisplayedUrl}; report ${path.relative(ROOT, file)})`);
      }
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  const body = [
    '### Lighthouse (mobile, simulated slow 4G)',
    '',
    `Machine: ${machine()}. ${runs} run(s) per page, every run shown. Lighthouse 12 defaults (mobile form factor, simulated throttling: 150 ms RTT, 1.6 Mbit/s, 4× CPU slow-down) in /usr/bin/chromium --headless=new; signed in as a counsellor through the API, cookie passed as a header; production build served by the app.`,
    '',
    table(['page', 'run', 'score', 'FCP', 'LCP', 'TBT', 'CLS', 'transferred', 'target'], rows),
    '',
    'The client portal does not exist yet, so it has no score. Rerun: `npm run bench:lighthouse -- --data-dir bench/out/seed-10000`.',
  ].join('\n');
  console.log(`\n${body}`);
  if (!flag('no-write')) writeSection('lighthouse', body);
}

main().catch((error: unknown) => {
  console.error(`bench:lighthouse: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
