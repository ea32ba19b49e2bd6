/**
 * Lighthouse 12 performance score (mobile form factor, simulated slow 4G — Lighthouse's defaults) in
 * Debian's Chromium, on the caseload and on a questionnaire form, signed in through the API with the
 * session cookie passed as a header. Builds the web app into dist/web-bench first when it is missing.
 *
 *   npm run bench:lighthouse -- --data-dir bench/out/seed-10000 [--rebuild] [--no-write]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { arg, databaseEnv, flag, loadManifest, machine, ROOT, signIn, startServer, table, writeSection } from './lib/harness';

const WEB_OUT = path.join(ROOT, 'dist', 'web-bench');

async function main() {
  const dataDir = arg('data-dir', 'bench/out/seed-10000')!;
  const manifest = loadManifest(dataDir);
  if (flag('rebuild') || !fs.existsSync(path.join(WEB_OUT, 'index.html'))) {
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
    for (const page of pages) {
      const result = await lighthouse(`${server.url}${page.path}`, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: { Cookie: who.cookie },
      });
      if (!result) throw new Error(`Lighthouse gave no result for ${page.path}`);
      const lhr = result.lhr;
      const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
      const metric = (id: string) => lhr.audits[id]?.displayValue ?? '—';
      rows.push([page.name, score, metric('first-contentful-paint'), metric('largest-contentful-paint'), metric('total-blocking-time'), metric('cumulative-layout-shift'), `≥ 90: ${score >= 90 ? 'met' : 'missed'}`]);
      console.log(`${page.name}: performance ${score} (final URL ${lhr.finalDisplayedUrl})`);
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  const body = [
    '### Lighthouse (mobile, simulated slow 4G)',
    '',
    `Machine: ${machine()}. Lighthouse 12 defaults (mobile form factor, simulated throttling: 150 ms RTT, 1.6 Mbit/s, 4× CPU slow-down) in /usr/bin/chromium --headless=new; signed in as a counsellor through the API, cookie passed as a header; production build served by the app.`,
    '',
    table(['page', 'score', 'FCP', 'LCP', 'TBT', 'CLS', 'target'], rows),
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
