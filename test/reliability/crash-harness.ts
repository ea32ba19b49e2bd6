/**
 * Crash harness (security-reference §8 rows 31, 44, 45): a writer sends questionnaire submissions
 * (PHQ-9, some with item 9 above 0), session-note saves and signatures, clients, risk flags and risk
 * actions over HTTP to a real server child process, and keeps a ledger of every write the server
 * acknowledged (id, request id and a hash of what the server answered). At a random moment the
 * server is killed with SIGKILL, then restarted, and the harness checks:
 *   - every acknowledged write is present and identical (the hash of the stored fields matches);
 *   - every acknowledged PHQ-9 answer with item 9 above 0 has its open risk flag;
 *   - every acknowledged write has its audit event (same request id);
 *   - SQLite: `PRAGMA integrity_check` is ok after every kill, before the restart;
 *   - the audit chain verifies (every tenth cycle and at the end).
 *
 * Run:  npm run test:crash                      (200 cycles on SQLite, then PostgreSQL if reachable)
 *       npm run test:crash -- --cycles 20 --dialect sqlite --seed 7
 * PostgreSQL uses IPT_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) to create
 * and afterwards drop a database of its own. The exit code is 1 when any check fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/create-db';
import { verifyAuditChains } from '../../src/server/modules/audit/audit-verify';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type CrashDialect = 'sqlite' | 'postgres';

export interface CrashOptions {
  dialect: CrashDialect;
  cycles: number;
  seed: number;
  /** PostgreSQL server to create a scratch database on. */
  postgresUrl?: string;
  /** Longest time the writer runs before the kill, in ms (the kill falls at a random moment before). */
  maxWriteMs?: number;
  /** Shortest time the writer runs before the kill, in ms. */
  minWriteMs?: number;
  log?: (line: string) => void;
  /** Test of the harness itself: changes one acknowledged client row before the final check, which must then fail. */
  sabotage?: boolean;
}

export interface CrashFigures {
  dialect: CrashDialect;
  cycles: number;
  seed: number;
  acknowledged: number;
  byKind: Record<string, number>;
  riskAnswers: number;
  inFlightAtKill: number;
  missing: number;
  altered: number;
  riskAnswersWithoutFlag: number;
  withoutAudit: number;
  integrityFailures: number;
  chainVerifications: number;
  chainFailures: number;
  auditEvents: number;
  /** Client content found in the server log and in audit rows (must be 0). */
  contentInLogs: number;
  contentInAudit: number;
  seconds: number;
  problems: string[];
}

/** A small deterministic random source (mulberry32), so a failing seed can be replayed. */
function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

/** Every piece of client content the writer sends starts with this marker; logs and audit rows must never show it. */
const CANARY = /Canary[A-Z]{2}/;
const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** One acknowledged write and the fields that must read back the same. */
interface Ack {
  kind: 'client' | 'session' | 'note' | 'sign' | 'measure' | 'flag' | 'action';
  id: string;
  requestId: string;
  hash: string;
  /** PHQ-9 item 9 above 0: the flag ids the server answered with. */
  riskFlagIds?: string[];
  cycle: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of several routes, read field by field
interface HttpAnswer { status: number; json: any; requestId: string }

export async function runCrashHarness(options: CrashOptions): Promise<CrashFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const rnd = randomSource(options.seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ipt-crash-${options.dialect}-`));
  const figures: CrashFigures = {
    dialect: options.dialect, cycles: 0, seed: options.seed, acknowledged: 0, byKind: {}, riskAnswers: 0, inFlightAtKill: 0, missing: 0, altered: 0,
    riskAnswersWithoutFlag: 0, withoutAudit: 0, integrityFailures: 0, chainVerifications: 0, chainFailures: 0, auditEvents: 0, contentInLogs: 0, contentInAudit: 0, seconds: 0, problems: [],
  };
  const problem = (text: string) => { if (figures.problems.length < 50) figures.problems.push(text); };

  // PostgreSQL: a scratch database of its own, dropped afterwards.
  let databaseUrl: string | undefined;
  let adminPool: pg.Pool | undefined;
  const pgName = `ipt_crash_${process.pid}_${Date.now().toString(36)}`;
  if (options.dialect === 'postgres') {
    const base = options.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
    adminPool = new pg.Pool({ connectionString: base, max: 1 });
    await adminPool.query(`create database ${pgName}`);
    const url = new URL(base);
    url.pathname = `/${pgName}`;
    databaseUrl = url.toString();
  }
  const port = await freePort();
  const env = {
    ...process.env, IPT_DATA_DIR: dataDir, IPT_PORT: String(port), IPT_HOST: '127.0.0.1', IPT_LOG_LEVEL: 'info',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
  };
  const config = loadConfig({ IPT_DATA_DIR: dataDir, IPT_LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const base = `http://127.0.0.1:${port}`;

  let server: ChildProcess | undefined;
  let logBytes = 0;
  const startServer = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    // The server's log (pino, info level) must never carry client content: count the canary's hits.
    child.stdout?.on('data', (d: Buffer) => { const text = d.toString(); logBytes += text.length; if (CANARY.test(text)) figures.contentInLogs += (text.match(new RegExp(CANARY, 'g')) ?? []).length; });
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    for (let i = 0; i < 600; i += 1) {
      if (child.exitCode !== null) throw new Error(`the server exited at start-up: ${stderr}`);
      try {
        if ((await fetch(`${base}/readyz`)).ok) return child;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`the server did not become ready: ${stderr}`);
  };
  const kill = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };

  let cookie = '';
  let csrf = '';
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> => {
    const response = await fetch(base + url, {
      method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie, 'x-csrf-token': csrf, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie && setCookie.includes('ipt_session=')) cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (json && typeof json === 'object' && 'csrfToken' in json) csrf = String(json.csrfToken);
    return { status: response.status, json, requestId: response.headers.get('x-request-id') ?? '' };
  };
  const must = (answer: HttpAnswer, status: number, what: string) => {
    if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer;
  };

  const ledger: Ack[] = [];
  const ack = (entry: Omit<Ack, 'cycle'>, cycle: number) => {
    ledger.push({ ...entry, cycle });
    figures.byKind[entry.kind] = (figures.byKind[entry.kind] ?? 0) + 1;
  };

  /** The fields of each kind compared after a restart; the same function hashes the answer and the stored row. */
  const noteFields = (note: Record<string, unknown>) => ({ moodRating: note.moodRating ?? null, moodCheckIn: note.moodCheckIn ?? null, plan: note.plan ?? null });

  try {
    server = await startServer();
    must(await call('POST', '/api/v1/setup', { organizationName: 'Crash Clinic', adminName: 'Ada Admin', adminEmail: 'ada@crash.example', adminPassword: 'crash harness admin passphrase' }), 201, 'set-up');
    const invite = must(await call('POST', '/api/v1/invitations', { email: 'cal@crash.example', role: 'clinician' }), 201, 'invitation');
    cookie = '';
    csrf = '';
    must(await call('POST', '/api/v1/invitations/accept', { token: String(invite.json.link).split('#token=')[1], name: 'Cal Clinician', password: 'crash harness clinician passphrase' }), 201, 'accept');
    const signIn = async () => {
      cookie = '';
      csrf = '';
      must(await call('POST', '/api/v1/auth/login', { email: 'cal@crash.example', password: 'crash harness clinician passphrase' }), 200, 'sign-in');
    };

    for (let cycle = 1; cycle <= options.cycles; cycle += 1) {
      if (cycle > 1) server = await startServer();
      if ((await call('GET', '/api/v1/auth/session')).status !== 200) await signIn();

      // Verify what the previous cycle acknowledged (its writes were the ones at risk from the kill).
      if (cycle > 1) await verify(ledger.filter((a) => a.cycle === cycle - 1), cycle % 10 === 0);

      // Write until killed.
      let stopping = false;
      let inFlight = 0;
      const writer = async (lane: number) => {
        const startsAt = (n: number) => new Date(Date.UTC(2026, 0, 5, 8) + (cycle * 1000 + lane * 500 + n) * 3_600_000).toISOString();
        const tracked = async (method: string, url: string, body?: unknown, headers?: Record<string, string>) => {
          inFlight += 1;
          try { return await call(method, url, body, headers); } finally { inFlight -= 1; }
        };
        const client = await tracked('POST', '/api/v1/clients', { displayName: `CanaryCC Client ${cycle}-${lane}`, dateOfBirth: '1980-02-03' });
        if (client.status !== 201) throw new Error(`client ${client.status}`);
        ack({ kind: 'client', id: client.json.id, requestId: client.requestId, hash: sha([client.json.displayName, client.json.dateOfBirth]) }, cycle);
        const episode = await tracked('POST', `/api/v1/clients/${client.json.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-01-05' });
        if (episode.status !== 201) throw new Error(`episode ${episode.status}`);
        for (let n = 0; !stopping; n += 1) {
          const session = await tracked('POST', `/api/v1/episodes/${episode.json.id}/sessions`, { startsAt: startsAt(n) });
          if (session.status !== 201) throw new Error(`session ${session.status} ${JSON.stringify(session.json)}`);
          ack({ kind: 'session', id: session.json.id, requestId: session.requestId, hash: sha([session.json.startsAt, session.json.number]) }, cycle);
          const sessionId = session.json.id as string;

          const answers: Record<string, number> = {};
          for (let item = 1; item <= 9; item += 1) answers[item] = rnd.int(0, 3);
          answers[9] = rnd.next() < 0.4 ? rnd.int(1, 3) : 0;
          const measure = await tracked('POST', `/api/v1/sessions/${sessionId}/measures`, { instrumentId: 'phq-9', answers });
          if (measure.status !== 201) throw new Error(`measure ${measure.status} ${JSON.stringify(measure.json)}`);
          const flagIds = (measure.json.riskFlags as Array<{ id: string }>).map((f) => f.id);
          if (answers[9]! > 0 && flagIds.length === 0) problem(`cycle ${cycle}: a PHQ-9 with item 9 = ${answers[9]} was answered without a risk flag`);
          ack({ kind: 'measure', id: measure.json.measure.id, requestId: measure.requestId, hash: sha([measure.json.measure.answers, measure.json.measure.score.total ?? null]), ...(answers[9]! > 0 ? { riskFlagIds: flagIds } : {}) }, cycle);

          const note = { moodRating: rnd.int(0, 10), moodCheckIn: `CanaryMO ${cycle}.${lane}.${n} ${'é✓'.repeat(rnd.int(0, 20))}`, plan: `CanaryPL ${rnd.int(0, 1e9)}` };
          const saved = await tracked('PATCH', `/api/v1/sessions/${sessionId}`, { attendance: 'attended', note }, { 'if-match': `"${session.json.version}"` });
          if (saved.status !== 200) throw new Error(`note ${saved.status} ${JSON.stringify(saved.json)}`);
          ack({ kind: 'note', id: sessionId, requestId: saved.requestId, hash: sha(noteFields(saved.json.note)) }, cycle);

          if (rnd.next() < 0.5) {
            const signed = await tracked('POST', `/api/v1/sessions/${sessionId}/sign`, undefined, { 'if-match': `"${saved.json.version}"` });
            if (signed.status !== 200) throw new Error(`sign ${signed.status} ${JSON.stringify(signed.json)}`);
            ack({ kind: 'sign', id: sessionId, requestId: signed.requestId, hash: sha([signed.json.noteStatus, signed.json.signedAt]) }, cycle);
          }
          if (rnd.next() < 0.3) {
            const flag = await tracked('POST', `/api/v1/clients/${client.json.id}/risk-flags`, { level: rnd.pick(['low', 'moderate', 'high']), reason: `CanaryRC ${cycle}.${n}` });
            if (flag.status !== 201) throw new Error(`flag ${flag.status} ${JSON.stringify(flag.json)}`);
            ack({ kind: 'flag', id: flag.json.id, requestId: flag.requestId, hash: sha([flag.json.level, flag.json.trigger]) }, cycle);
            const action = await tracked('POST', `/api/v1/risk-flags/${flag.json.id}/actions`, { kind: 'supervisor-consulted', note: `CanaryAC ${cycle}.${n}` });
            if (action.status !== 201) throw new Error(`action ${action.status} ${JSON.stringify(action.json)}`);
            const recorded = (action.json.actions as Array<{ id: string; kind: string; note: string | null }>).find((a) => a.note === `CanaryAC ${cycle}.${n}`)!;
            ack({ kind: 'action', id: recorded.id, requestId: action.requestId, hash: sha([recorded.kind, recorded.note]) }, cycle);
          }
        }
      };
      const lanes = [writer(0), writer(1)].map((p) => p.catch((error: unknown) => {
        // After the kill every request fails; before it, a failure is a finding.
        if (!stopping) problem(`cycle ${cycle}: the writer failed before the kill: ${(error as Error).message}`);
      }));
      await new Promise((r) => setTimeout(r, rnd.int(options.minWriteMs ?? 20, options.maxWriteMs ?? 1500)));
      stopping = true;
      figures.inFlightAtKill += inFlight;
      await kill(server);
      await Promise.all(lanes);
      figures.cycles = cycle;

      if (options.dialect === 'sqlite') {
        const handle = new BetterSqlite3(config.database.kind === 'sqlite' ? config.database.file : '');
        try {
          const result = handle.pragma('integrity_check', { simple: true });
          if (result !== 'ok') { figures.integrityFailures += 1; problem(`cycle ${cycle}: integrity_check said ${String(result)}`); }
        } finally {
          handle.close();
        }
      }
      if (cycle % 20 === 0 || cycle === options.cycles) log(`  ${options.dialect}: cycle ${cycle}/${options.cycles}, ${ledger.length} acknowledged writes, ${figures.problems.length} problems`);
    }
    // The last cycle's writes and the whole ledger, after one more restart.
    server = await startServer();
    if (options.sabotage) {
      const opened = await openDatabase(config, { pgPoolSize: 1 });
      const victim = ledger.find((a) => a.kind === 'client');
      if (!victim) throw new Error('sabotage: no client was acknowledged to change');
      await opened.db.updateTable('client').set({ display_name: 'Changed behind the server' }).where('id', '=', victim.id).execute();
      await opened.close();
    }
    await verify(ledger, true);
    await kill(server);
  } finally {
    if (server) await kill(server);
    if (adminPool) {
      await adminPool.query(`drop database if exists ${pgName} with (force)`).catch(() => undefined);
      await adminPool.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  figures.acknowledged = ledger.length;
  figures.riskAnswers = ledger.filter((a) => a.riskFlagIds).length;
  figures.seconds = Math.round((Date.now() - started) / 1000);
  if (logBytes === 0) problem('the server logged nothing: the log canary check did not run');
  return figures;

  /** Reads the acknowledged writes back from the database (a connection of the harness's own). */
  async function verify(entries: Ack[], chain: boolean) {
    const opened = await openDatabase(config, { pgPoolSize: 2 });
    const db = opened.db;
    try {
      const ids = (kind: Ack['kind']) => entries.filter((e) => e.kind === kind).map((e) => e.id);
      const inChunks = async <T>(values: string[], read: (chunk: string[]) => Promise<T[]>) => {
        const out: T[] = [];
        for (let i = 0; i < values.length; i += 400) if (values.slice(i, i + 400).length > 0) out.push(...(await read(values.slice(i, i + 400))));
        return out;
      };
      const stored = new Map<string, string>();
      for (const row of await inChunks(ids('client'), (c) => db.selectFrom('client').select(['id', 'display_name', 'date_of_birth']).where('id', 'in', c).execute())) {
        stored.set(`client ${row.id}`, sha([row.display_name, row.date_of_birth]));
      }
      const sessionIds = [...new Set([...ids('session'), ...ids('note'), ...ids('sign')])];
      for (const row of await inChunks(sessionIds, (c) => db.selectFrom('therapy_session').select(['id', 'starts_at', 'number', 'note_json', 'note_status', 'signed_at']).where('id', 'in', c).execute())) {
        stored.set(`session ${row.id}`, sha([row.starts_at, Number(row.number)]));
        stored.set(`note ${row.id}`, sha(noteFields(JSON.parse(row.note_json) as Record<string, unknown>)));
        stored.set(`sign ${row.id}`, sha([row.note_status, row.signed_at]));
      }
      for (const row of await inChunks(ids('measure'), (c) => db.selectFrom('questionnaire_response').select(['id', 'answers_json', 'total']).where('id', 'in', c).execute())) {
        stored.set(`measure ${row.id}`, sha([JSON.parse(row.answers_json), row.total === null ? null : Number(row.total)]));
      }
      for (const row of await inChunks(ids('flag'), (c) => db.selectFrom('risk_flag').select(['id', 'level', 'trigger']).where('id', 'in', c).execute())) {
        stored.set(`flag ${row.id}`, sha([row.level, row.trigger]));
      }
      for (const row of await inChunks(ids('action'), (c) => db.selectFrom('risk_action').select(['id', 'kind', 'note']).where('id', 'in', c).execute())) {
        stored.set(`action ${row.id}`, sha([row.kind, row.note]));
      }
      const flagsBySource = new Map<string, Array<{ id: string; status: string }>>();
      for (const row of await inChunks(ids('measure'), (c) => db.selectFrom('risk_flag').select(['id', 'source_id', 'status']).where('source_id', 'in', c).execute())) {
        flagsBySource.set(row.source_id!, [...(flagsBySource.get(row.source_id!) ?? []), { id: row.id, status: row.status }]);
      }
      const audited = new Set((await inChunks(entries.map((e) => e.requestId), (c) => db.selectFrom('audit_event').select('request_id').where('request_id', 'in', c).execute())).map((r) => r.request_id));

      for (const entry of entries) {
        if (!audited.has(entry.requestId)) { figures.withoutAudit += 1; problem(`${entry.kind} ${entry.id} (cycle ${entry.cycle}) has no audit event for request ${entry.requestId}`); }
        if (entry.riskFlagIds) {
          const flags = flagsBySource.get(entry.id) ?? [];
          const allThere = entry.riskFlagIds.length > 0 && entry.riskFlagIds.every((id) => flags.some((f) => f.id === id));
          if (!allThere) { figures.riskAnswersWithoutFlag += 1; problem(`risk answer ${entry.id} (cycle ${entry.cycle}) has no flag`); }
        }
        const got = stored.get(`${entry.kind} ${entry.id}`);
        if (got === undefined) { figures.missing += 1; problem(`${entry.kind} ${entry.id} (cycle ${entry.cycle}) is missing`); continue; }
        // A note acknowledged as saved may since have been signed (the sign was in flight at the kill):
        // the saved sections must still read the same, which noteFields compares.
        if (got !== entry.hash) { figures.altered += 1; problem(`${entry.kind} ${entry.id} (cycle ${entry.cycle}) reads back differently`); }
      }
      if (chain) {
        for (const row of await db.selectFrom('audit_event').selectAll().execute()) if (CANARY.test(JSON.stringify(row))) figures.contentInAudit += 1;
        const result = await verifyAuditChains(db);
        figures.chainVerifications += 1;
        figures.auditEvents = result.events;
        if (result.breaks.length > 0) { figures.chainFailures += 1; problem(`audit chain broken: ${JSON.stringify(result.breaks)}`); }
      }
    } finally {
      await opened.close();
    }
  }
}

/** The figures as a Markdown table (one row per dialect). */
export function figuresTable(all: CrashFigures[]): string {
  const head = '| dialect | cycles | acked writes | risk answers | in flight at kill | missing | altered | risk answers without flag | acked without audit | integrity_check failures | chain verifications (failed) | audit events | client content in log / audit | seconds |';
  const rule = '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|';
  const rows = all.map((f) => `| ${f.dialect} | ${f.cycles} | ${f.acknowledged} | ${f.riskAnswers} | ${f.inFlightAtKill} | ${f.missing} | ${f.altered} | ${f.riskAnswersWithoutFlag} | ${f.withoutAudit} | ${f.dialect === 'sqlite' ? f.integrityFailures : 'n/a'} | ${f.chainVerifications} (${f.chainFailures}) | ${f.auditEvents} | ${f.contentInLogs} / ${f.contentInAudit} | ${f.seconds} |`);
  return [head, rule, ...rows].join('\n');
}

export function crashPassed(f: CrashFigures): boolean {
  return f.problems.length === 0 && f.missing === 0 && f.altered === 0 && f.riskAnswersWithoutFlag === 0 && f.withoutAudit === 0 && f.integrityFailures === 0 && f.chainFailures === 0 && f.contentInLogs === 0 && f.contentInAudit === 0 && f.acknowledged > 0;
}

async function postgresReachable(url: string): Promise<boolean> {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 3000 });
  try {
    await pool.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const arg = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
  const cycles = Number(arg('cycles') ?? 200);
  const seed = Number(arg('seed') ?? Date.now() % 1_000_000);
  const wanted = (arg('dialect') ?? 'both').split(',').flatMap((d) => (d === 'both' ? ['sqlite', 'postgres'] : [d])) as CrashDialect[];
  const postgresUrl = process.env.IPT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const results: CrashFigures[] = [];
  let failed = false;
  for (const dialect of wanted) {
    if (dialect === 'postgres' && !(await postgresReachable(postgresUrl))) {
      console.log(`PostgreSQL is not reachable at ${postgresUrl.replace(/\/\/[^@]*@/, '//…@')}: the PostgreSQL run is skipped (set IPT_TEST_DATABASE_URL).`);
      if (arg('dialect') === 'postgres') failed = true;
      continue;
    }
    console.log(`Crash harness on ${dialect}: ${cycles} cycles, seed ${seed}`);
    const figures = await runCrashHarness({ dialect, cycles, seed, postgresUrl });
    results.push(figures);
    if (!crashPassed(figures)) failed = true;
    for (const p of figures.problems) console.log(`  PROBLEM: ${p}`);
  }
  console.log(`\n${figuresTable(results)}\n`);
  console.log(failed ? 'FAIL' : 'PASS: no acknowledged write lost or altered');
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
