/**
 * Operator-scale figures on a seeded database: `ipt audit verify` over the whole trail, `ipt backup`
 * (SQLite), and the organization outcome report's aggregate query. There is no outcome report in the
 * app yet: the query below is the one such a report would need (first and last PHQ-9 of each finished
 * episode; response = a fall of at least half, remission = a last score under 5 — common conventions;
 * the app's own response/remission rules in src/domain/outcomes take a programme's thresholds),
 * measured here as a benchmark query only.
 *
 *   npm run bench:ops -- --data-dir bench/out/seed-10000 [--no-write]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { arg, databaseEnv, flag, loadManifest, machine, ROOT, table, writeSection } from './lib/harness';

const OUTCOME_SQL = `
with phq as (
  select r.episode_id, r.total, r.administered_at,
         row_number() over (partition by r.episode_id order by r.administered_at) as first_rank,
         row_number() over (partition by r.episode_id order by r.administered_at desc) as last_rank
  from questionnaire_response r
  join episode e on e.id = r.episode_id and e.organization_id = r.organization_id
  where r.organization_id = $1 and r.instrument_id = 'phq-9' and e.status in ('ended', 'dropped-out')
), pairs as (
  select episode_id, max(case when first_rank = 1 then total end) as first_total, max(case when last_rank = 1 then total end) as last_total, count(*) as n
  from phq group by episode_id
)
select count(*) as episodes,
       sum(case when n >= 2 then 1 else 0 end) as with_two_scores,
       sum(case when n >= 2 and first_total > 0 and last_total <= first_total * 0.5 then 1 else 0 end) as responders,
       sum(case when n >= 2 and last_total < 5 then 1 else 0 end) as remitted,
       avg(first_total) as mean_first, avg(last_total) as mean_last
from pairs`;

function timed(label: string, command: string[], env: Record<string, string>): { seconds: number; output: string; ok: boolean } {
  const t = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...command], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = (performance.now() - t) / 1000;
  const output = `${result.stdout}${result.stderr}`.trim();
  console.log(`${label}: ${seconds.toFixed(1)} s — ${output.split('\n').pop()}`);
  return { seconds, output, ok: result.status === 0 };
}

async function outcomeQuery(manifest: ReturnType<typeof loadManifest>): Promise<{ seconds: number; row: Record<string, unknown> }> {
  const t = performance.now();
  let row: Record<string, unknown>;
  if (manifest.dialect === 'sqlite') {
    const db = new BetterSqlite3(manifest.sqliteFile!, { readonly: true });
    row = db.prepare(OUTCOME_SQL.replace('$1', '?')).get(manifest.organizationId) as Record<string, unknown>;
    db.close();
  } else {
    const client = new pg.Client({ connectionString: manifest.databaseUrl! });
    await client.connect();
    row = (await client.query(OUTCOME_SQL, [manifest.organizationId])).rows[0] as Record<string, unknown>;
    await client.end();
  }
  const seconds = (performance.now() - t) / 1000;
  console.log(`outcome report query: ${seconds.toFixed(2)} s — ${JSON.stringify(row)}`);
  return { seconds, row };
}

async function main() {
  const dataDir = arg('data-dir', 'bench/out/seed-10000')!;
  const manifest = loadManifest(dataDir);
  const env = databaseEnv(manifest);
  const events = manifest.counts.audit_event ?? 0;
  const rows: Array<Array<string | number>> = [];
  const verify = timed('ipt audit verify', ['src/cli/main.ts', 'audit', 'verify'], env);
  const verified = Number(/intact: (\d+) events/.exec(verify.output)?.[1] ?? events);
  const verifyPer10M = (verify.seconds * 10_000_000) / Math.max(1, verified);
  rows.push(['`ipt audit verify`', `${verified.toLocaleString('en')} events`, verify.seconds.toFixed(1), verify.ok ? 'chain intact' : 'FAILED',
    `≤ 60 s for 10 M: ${verifyPer10M <= 60 ? 'on track' : 'missed'} (≈ ${verifyPer10M.toFixed(0)} s for 10 M at this rate)`]);
  if (manifest.dialect === 'sqlite') {
    const target = path.join(os.tmpdir(), `ipt-bench-backup-${process.pid}.sqlite`);
    const backup = timed('ipt backup', ['src/cli/main.ts', 'backup', '--to', target], env);
    const bytes = fs.existsSync(target) ? fs.statSync(target).size : 0;
    fs.rmSync(target, { force: true });
    rows.push(['`ipt backup` (VACUUM INTO, integrity check, chain walk)', `${(bytes / 2 ** 20).toFixed(0)} MiB`, backup.seconds.toFixed(1), backup.ok ? 'verified' : 'FAILED',
      `≤ 60 s: ${backup.seconds <= 60 ? 'met at this size' : `missed by ${(backup.seconds - 60).toFixed(0)} s`}`]);
  }
  const outcome = await outcomeQuery(manifest);
  rows.push(['organization outcome report query (bench only)', `${Number(outcome.row.episodes).toLocaleString('en')} finished episodes`, outcome.seconds.toFixed(2),
    `${outcome.row.responders} responders, ${outcome.row.remitted} remitted of ${outcome.row.with_two_scores}`, `≤ 2 s: ${outcome.seconds <= 2 ? 'met' : 'missed'}`]);
  const body = [
    `### Operations — ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${manifest.counts.client?.toLocaleString('en')} clients`,
    '',
    `Machine: ${machine()}. Each command runs as its own process, as an operator would run it (times include start-up).`,
    '',
    table(['operation', 'size', 'seconds', 'result', 'target'], rows),
    '',
    `Rerun: \`npm run bench:ops -- --data-dir ${dataDir}\`.`,
  ].join('\n');
  console.log(`\n${body}`);
  if (!flag('no-write')) writeSection(`ops-${manifest.dialect}`, body);
}

main().catch((error: unknown) => {
  console.error(`bench:ops: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
