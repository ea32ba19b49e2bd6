/**
 * Operator-scale figures on a seeded database: `ipt audit verify` over the whole trail, `ipt backup`
 * (SQLite), and the organization outcome summary (src/server/modules/outcomes/outcome-summary.repository.ts)
 * as the server runs it, through the app's own database factory.
 *
 *   npm run bench:ops -- --data-dir bench/out/seed-10000 [--no-write] [--backup-parts] [--only outcome]
 *
 * `--only outcome` times the outcome summary alone (no verify, no backup) and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/create-db';
import { migrateToLatest } from '../src/server/db/migrator';
import { organizationOutcomeSummary, type OutcomeSummary } from '../src/server/modules/outcomes/outcome-summary.repository';
import { arg, databaseEnv, flag, loadManifest, machine, ROOT, table, writeSection } from './lib/harness';

/**
 * Runs one CLI command in its own process. Where /usr/bin/time exists, also the CPU seconds the
 * process used (all its threads): on a shared machine that says more than the wall-clock time.
 */
function timed(label: string, command: string[], env: Record<string, string>): { seconds: number; cpuSeconds: number | null; output: string; ok: boolean } {
  const cpuFile = path.join(os.tmpdir(), `ipt-bench-cpu-${process.pid}.txt`);
  const withTime = fs.existsSync('/usr/bin/time');
  const t = performance.now();
  const result = withTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, process.execPath, '--import', 'tsx', ...command], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' })
    : spawnSync(process.execPath, ['--import', 'tsx', ...command], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = (performance.now() - t) / 1000;
  let cpuSeconds: number | null = null;
  if (withTime && fs.existsSync(cpuFile)) {
    const [user, system] = fs.readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpuSeconds = (user ?? 0) + (system ?? 0);
    fs.rmSync(cpuFile, { force: true });
  }
  const output = `${result.stdout}${result.stderr}`.trim();
  console.log(`${label}: ${seconds.toFixed(1)} s${cpuSeconds === null ? '' : ` (CPU ${cpuSeconds.toFixed(1)} s)`} — ${output.split('\n').pop()}`);
  return { seconds, cpuSeconds, output, ok: result.status === 0 };
}

const cpuNote = (r: { cpuSeconds: number | null }) => (r.cpuSeconds === null ? '' : `; CPU ${r.cpuSeconds.toFixed(0)} s in the command's own process`);

/**
 * The outcome summary on the seed's database, opened as the server opens it. Pending migrations (the
 * summary's index) are applied first, as at server start, and timed apart from the query.
 */
async function outcomeQuery(manifest: ReturnType<typeof loadManifest>): Promise<{ seconds: number; summary: OutcomeSummary }> {
  const opened = await openDatabase(loadConfig({ ...databaseEnv(manifest), IPT_LOG_LEVEL: 'silent' }));
  try {
    let t = performance.now();
    const applied = await migrateToLatest(opened.db);
    if (applied.length > 0) console.log(`migrations applied first: ${applied.join(', ')} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const summary = await organizationOutcomeSummary(opened.db, opened.dialect, manifest.organizationId);
    const seconds = (performance.now() - t) / 1000;
    console.log(`outcome report query: ${seconds.toFixed(2)} s — ${JSON.stringify(summary)}`);
    return { seconds, summary };
  } finally {
    await opened.close();
  }
}

/**
 * `--backup-parts`: each part of a backup on its own, one after the other (no server running): the
 * ways of copying (a kernel copy of the file, SQLite's backup API, VACUUM INTO) and the two checks
 * (quick_check, integrity_check) on the backup API's copy.
 */
async function backupParts(file: string): Promise<Array<Array<string | number>>> {
  const rows: Array<Array<string | number>> = [];
  const part = (label: string, size: string, act: () => string) => {
    const t = performance.now();
    const result = act();
    const seconds = (performance.now() - t) / 1000;
    console.log(`${label}: ${seconds.toFixed(1)} s — ${result}`);
    rows.push([label, size, seconds.toFixed(1), result, 'part of `ipt backup` (≤ 60 s in all)']);
  };
  const target = path.join(os.tmpdir(), `ipt-bench-parts-${process.pid}.sqlite`);
  const mib = () => `${(fs.statSync(target).size / 2 ** 20).toFixed(0)} MiB`;
  try {
    let t = performance.now();
    fs.copyFileSync(file, target);
    let seconds = (performance.now() - t) / 1000;
    console.log(`file copy: ${seconds.toFixed(1)} s`);
    rows.push(['part: kernel copy of the database file (the copy `ipt backup` makes)', mib(), seconds.toFixed(1), 'copied', 'part of `ipt backup`']);
    fs.rmSync(target, { force: true });
    t = performance.now();
    const source = new BetterSqlite3(file, { readonly: true });
    await source.backup(target, { progress: () => 2 ** 31 - 1 });
    source.close();
    seconds = (performance.now() - t) / 1000;
    console.log(`backup API copy: ${seconds.toFixed(1)} s`);
    rows.push(['part: page copy with SQLite\'s backup API (`ipt backup`\'s fallback)', mib(), seconds.toFixed(1), 'copied', 'fallback of `ipt backup`']);
    const copy = new BetterSqlite3(target, { readonly: true });
    part('part: quick_check of the copy', mib(), () => String(copy.pragma('quick_check', { simple: true })));
    part('part: integrity_check of the copy (restore, --full-check)', mib(), () => String(copy.pragma('integrity_check', { simple: true })));
    copy.close();
    fs.rmSync(target, { force: true });
    t = performance.now();
    const again = new BetterSqlite3(file, { readonly: true });
    again.prepare('vacuum into ?').run(target);
    again.close();
    seconds = (performance.now() - t) / 1000;
    console.log(`VACUUM INTO: ${seconds.toFixed(1)} s`);
    rows.push(['part: VACUUM INTO (the copy `ipt backup` made before)', mib(), seconds.toFixed(1), 'copied', 'for comparison']);
  } finally {
    fs.rmSync(target, { force: true });
  }
  return rows;
}

/** The operator commands, each as its own process: `ipt audit verify`, `ipt backup` (SQLite), `--backup-parts`. */
async function operatorCommands(manifest: ReturnType<typeof loadManifest>, rows: Array<Array<string | number>>): Promise<void> {
  const env = databaseEnv(manifest);
  const events = manifest.counts.audit_event ?? 0;
  const verify = timed('ipt audit verify', ['src/cli/main.ts', 'audit', 'verify'], env);
  const verified = Number(/intact: (\d+) events/.exec(verify.output)?.[1] ?? events);
  const verifyPer10M = (verify.seconds * 10_000_000) / Math.max(1, verified);
  rows.push(['`ipt audit verify`', `${verified.toLocaleString('en')} events`, verify.seconds.toFixed(1), `${verify.ok ? 'chains intact' : 'FAILED'}${cpuNote(verify)}`,
    `≤ 60 s for 10 M: ${verifyPer10M <= 60 ? 'on track' : 'missed'} (≈ ${verifyPer10M.toFixed(0)} s for 10 M at this rate)`]);
  if (manifest.dialect === 'sqlite') {
    const target = path.join(os.tmpdir(), `ipt-bench-backup-${process.pid}.sqlite`);
    const backup = timed('ipt backup', ['src/cli/main.ts', 'backup', '--to', target], env);
    const bytes = fs.existsSync(target) ? fs.statSync(target).size : 0;
    fs.rmSync(target, { force: true });
    rows.push(['`ipt backup` (file copy, quick_check and chain walk side by side on one snapshot)', `${(bytes / 2 ** 20).toFixed(0)} MiB`, backup.seconds.toFixed(1), `${backup.ok ? 'verified' : 'FAILED'}${cpuNote(backup)}`,
      `≤ 60 s: ${backup.seconds <= 60 ? 'met at this size' : `missed by ${(backup.seconds - 60).toFixed(0)} s`}`]);
  }
  if (manifest.dialect === 'sqlite' && flag('backup-parts')) rows.push(...await backupParts(manifest.sqliteFile!));
}

async function main() {
  const dataDir = arg('data-dir', 'bench/out/seed-10000')!;
  const manifest = loadManifest(dataDir);
  const rows: Array<Array<string | number>> = [];
  const onlyOutcome = arg('only') === 'outcome';
  if (!onlyOutcome) await operatorCommands(manifest, rows);
  const { seconds, summary } = await outcomeQuery(manifest);
  rows.push(['organization outcome report (`organizationOutcomeSummary`)', `${summary.withScore.toLocaleString('en')} finished episodes with a PHQ-9 (${summary.episodes.toLocaleString('en')} finished)`, seconds.toFixed(2),
    `${summary.responders} responders, ${summary.remittedWithTwoScores} remitted of ${summary.withTwoScores}`, `≤ 2 s: ${seconds <= 2 ? 'met' : 'missed'}`]);
  const body = [
    `### Operations — ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${manifest.counts.client?.toLocaleString('en')} clients`,
    '',
    `Machine: ${machine()}. Each command runs as its own process, as an operator would run it (times include start-up); the outcome report is the query alone, on a database opened as the server opens it.`,
    '',
    table(['operation', 'size', 'seconds', 'result', 'target'], rows),
    '',
    `Rerun: \`npm run bench:ops -- --data-dir ${dataDir}\`.`,
  ].join('\n');
  console.log(`\n${body}`);
  if (!flag('no-write') && !onlyOutcome) writeSection(`ops-${manifest.dialect}-${manifest.counts.client}`, body);
}

main().catch((error: unknown) => {
  console.error(`bench:ops: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
