/**
 * Synthetic organization for benchmarks: `npm run bench:seed -- --clients 100000`.
 *
 * Per 100,000 clients: 2,000 clinicians, 100 supervisors (each supervising 50 clinicians), ~120,000
 * episodes over the shipped protocols, ~1.2 million sessions with notes (signed ones with their hash)
 * and interval-review worksheets, ~1.5 million PHQ-9/GAD-7 responses scored by the domain, risk flags
 * for item-9 answers (raised by the domain's own rules), and ~10 million audit events on one valid
 * hash chain (hashed with the app's hashAuditEvent). Every person and name is made up.
 *
 * The schema comes from the app's migrations; rows are written in bulk (prepared statements in big
 * transactions on SQLite, COPY FROM STDIN on PostgreSQL) and read by the app like any other rows.
 * Deterministic: the same arguments make the same data. Never writes into ./data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { getInstrument } from '../src/domain/instruments/registry';
import { scoreInstrument } from '../src/domain/instruments/scoring';
import { getProtocol } from '../src/domain/protocols/registry';
import { evaluateRisk } from '../src/domain/risk/evaluate-risk';
import { IntervalReviewPayload } from '../src/domain/worksheets/worksheet-kinds';
import { openDatabase } from '../src/server/db/create-db';
import { migrateToLatest } from '../src/server/db/migrator';
import { sha256Hex } from '../src/server/lib/crypto';
import { GENESIS_HASH, hashAuditEvent } from '../src/server/modules/audit/audit-hash';
import type { AuditEventTable } from '../src/server/modules/audit/audit.table';
import { hashPassword } from '../src/server/modules/auth/passwords';
import { searchTextOf } from '../src/server/modules/clients/clients.repository';
import type { ClientTable } from '../src/server/modules/clients/clients.table';
import type { EpisodeTable, PhaseChangeTable } from '../src/server/modules/episodes/episodes.table';
import type { QuestionnaireResponseTable } from '../src/server/modules/measures/measures.table';
import type { WorksheetTable } from '../src/server/modules/middle-phase/middle-phase.table';
import type { RiskFlagTable } from '../src/server/modules/risk/risk.table';
import type { TherapySessionTable } from '../src/server/modules/sessions/sessions.table';
import type { SupervisionAssignmentTable, UserTable } from '../src/server/modules/users/users.table';
import { type BulkSink, PostgresSink, SqliteSink } from './lib/bulk-sink';
import { Prng } from './lib/prng';

export const BENCH_PASSWORD = 'bench-password-not-secret';
export const BENCH_DOMAIN = 'bench.invalid';

export interface SeedManifest {
  dialect: 'sqlite' | 'postgres';
  databaseUrl: string | null;
  sqliteFile: string | null;
  dataDir: string;
  seed: number;
  password: string;
  adminEmail: string;
  organizationId: string;
  clinicianEmails: string[];
  supervisorEmails: string[];
  counts: Record<string, number>;
  timings: Record<string, number>;
  createdAt: string;
}

interface Options {
  clients: number;
  databaseUrl: string | undefined;
  dataDir: string;
  seed: number;
  auditPerClient: number;
  force: boolean;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const clients = Number(get('clients') ?? 1000);
  if (!Number.isInteger(clients) || clients < 10) throw new Error('--clients must be a whole number of at least 10');
  const databaseUrl = get('database-url');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('--database-url must start with postgres://');
  const dataDir = path.resolve(get('data-dir') ?? path.join('bench', 'out', `seed-${databaseUrl ? 'pg-' : ''}${clients}`));
  if (path.resolve(dataDir) === path.resolve('data')) throw new Error('refusing to seed into ./data (the default data directory); pass another --data-dir');
  return { clients, databaseUrl, dataDir, seed: Number(get('seed') ?? 20261206), auditPerClient: Number(get('audit-per-client') ?? 100), force: argv.includes('--force') };
}

const DAY = 86_400_000;
/** The seeded organization's "today": fixed so runs are repeatable. */
const TODAY = Date.parse('2026-12-01T09:00:00.000Z');
const FIRST_DAY = Date.parse('2024-01-08T09:00:00.000Z');

const FIRST_NAMES = ['Alex', 'Sam', 'Robin', 'Kim', 'Jo', 'Noor', 'Ade', 'Mira', 'Tomas', 'Lena', 'Ravi', 'Yuki', 'Ines', 'Omar', 'Zara', 'Pavel', 'Ama', 'Luis', 'Hana', 'Kofi', 'Sofia', 'Ivan', 'Leila', 'Chen'];
const LAST_NAMES = ['Example', 'Sample', 'Fictive', 'Testwood', 'Placeholder', 'Madeup', 'Synthetic', 'Notreal', 'Demo', 'Specimen', 'Mockley', 'Pretend'];

/**
 * Chosen with the share of active work (below) so that the programme comes out at the sizing:
 * about 1.2 episodes, 12 sessions and 15 questionnaire responses per client.
 */
const PROTOCOL_MIX = [['ipt-acute', 55], ['ipc', 20], ['ipt-b', 10], ['ipt-a', 5], ['ipt-maintenance', 5], ['ipc-3-session', 5]] as const;
const PHQ9 = getInstrument('phq-9');
const GAD7 = getInstrument('gad-7');

/** Answers whose scored items add up to about `target` (0–3 each); item 9 set separately. */
function answersFor(rng: Prng, itemIds: string[], target: number, riskItem: string | null, riskValue: number, extra: Record<string, number>): Record<string, number> {
  const answers: Record<string, number> = {};
  const free = itemIds.filter((id) => id !== riskItem);
  let left = Math.max(0, Math.min(target - riskValue, free.length * 3));
  for (let i = 0; i < free.length; i += 1) {
    const slots = free.length - i;
    const mean = left / slots;
    const value = Math.max(0, Math.min(3, Math.round(mean + (rng.next() - 0.5))));
    const bounded = Math.min(value, left);
    answers[free[i]!] = bounded;
    left -= bounded;
  }
  if (riskItem) answers[riskItem] = riskValue;
  return { ...answers, ...extra };
}

const NOTE_TEXT = {
  moodCheckIn: 'Mood described as a little steadier this week (synthetic note).',
  intervalHistory: 'Talked through the main events since the last meeting and how mood moved with them.',
  measureReview: 'Questionnaire reviewed together and compared with earlier scores.',
  problemAreaWork: 'Worked on the agreed focus; practised a new way to raise a difficult topic.',
  plan: 'Meet again next week at the usual time.',
};
const AGENDA = JSON.stringify([
  { id: 'complete-measure', label: 'Complete the questionnaire', guidance: 'Synthetic agenda item.', required: true, opensTool: null, done: true },
  { id: 'work-on-focus', label: 'Work on the focus', guidance: 'Synthetic agenda item.', required: true, opensTool: null, done: true },
]);
const WORKSHEET_PAYLOAD = JSON.stringify(IntervalReviewPayload.parse({
  mood: 5, keyEvents: [{ event: 'A tense phone call with a relative (synthetic)', moodLink: 'Felt low for the evening afterwards' }],
  eventMoodLink: 'Mood dipped after the call and lifted after a walk with a friend.', problemAreaProgress: 'Raised the disagreement calmly for the first time.',
}));

export async function seed(options: Options): Promise<SeedManifest> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const rng = new Prng(options.seed);
  fs.mkdirSync(options.dataDir, { recursive: true });
  const sqliteFile = path.join(options.dataDir, 'ipt.sqlite');

  // ---- the schema, from the app's own migrations ------------------------------------------------
  let pgAdmin: pg.Client | undefined;
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    const dbName = url.pathname.replace(/^\//, '');
    if (!dbName || dbName === 'postgres') throw new Error('name a database of its own in --database-url (e.g. …/ipt_bench); the seed creates it');
    const adminUrl = new URL(options.databaseUrl);
    adminUrl.pathname = '/postgres';
    pgAdmin = new pg.Client({ connectionString: adminUrl.toString() });
    await pgAdmin.connect();
    const exists = await pgAdmin.query('select 1 from pg_database where datname = $1', [dbName]);
    if (exists.rowCount && !options.force) throw new Error(`database ${dbName} exists; pass --force to drop and recreate it`);
    if (exists.rowCount) await pgAdmin.query(`drop database ${pg.escapeIdentifier(dbName)} with (force)`);
    await pgAdmin.query(`create database ${pg.escapeIdentifier(dbName)}`);
    await pgAdmin.end();
  } else {
    if (fs.existsSync(sqliteFile) && !options.force) throw new Error(`${sqliteFile} exists; pass --force to replace it`);
    for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) fs.rmSync(f, { force: true });
  }
  const config = options.databaseUrl
    ? { database: { kind: 'postgres' as const, url: options.databaseUrl }, dataDir: options.dataDir }
    : { database: { kind: 'sqlite' as const, file: sqliteFile }, dataDir: options.dataDir };
  const opened = await openDatabase(config);
  await migrateToLatest(opened.db);
  await opened.close();
  timings.schemaSeconds = (performance.now() - t0) / 1000;

  // ---- the bulk writer ----------------------------------------------------------------------------
  let sink: BulkSink;
  let finish: () => Promise<void>;
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    // Only this loading connection skips the wait for the WAL flush; the server itself refuses to run so.
    await client.query('set synchronous_commit = off');
    // Bulk load as pg_restore does: foreign-key triggers off for this connection only (the rows are
    // consistent by construction), secondary indexes dropped now and built again once at the end.
    // Primary keys and unique constraints stay and are checked on every row; unique indexes are checked
    // when they are built again.
    await client.query('set session_replication_role = replica');
    await client.query("set maintenance_work_mem = '512MB'");
    const { rows: secondary } = await client.query<{ indexname: string; indexdef: string }>(`
      select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema()
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype in ('p', 'u', 'x'))`);
    for (const index of secondary) await client.query(`drop index ${pg.escapeIdentifier(index.indexname)}`);
    sink = new PostgresSink(client);
    finish = async () => {
      for (const index of secondary) await client.query(index.indexdef);
      await client.query('set session_replication_role = origin');
      // VACUUM as well as ANALYZE: a live database is vacuumed by autovacuum, which sets the visibility
      // map that index-only scans rely on; a freshly loaded one (or a server with autovacuum off, as
      // test machines often have) would otherwise read every heap page behind the index.
      await client.query('vacuum (analyze)');
      await client.end();
    };
  } else {
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const handle = new BetterSqlite3(sqliteFile);
    handle.pragma('journal_mode = OFF');
    handle.pragma('synchronous = OFF');
    handle.pragma('cache_size = -1000000');
    handle.pragma('foreign_keys = OFF');
    sink = new SqliteSink(handle);
    finish = async () => {
      handle.exec('analyze');
      handle.pragma('journal_mode = WAL');
      handle.pragma('synchronous = FULL');
      handle.close();
    };
  }

  const tHash = performance.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  timings.passwordHashSeconds = (performance.now() - tHash) / 1000;

  const N = options.clients;
  const clinicianCount = Math.max(2, Math.round(N / 50));
  const supervisorCount = Math.max(1, Math.round(N / 1000));
  const organizationId = rng.uuid7(FIRST_DAY - 30 * DAY);
  const iso = (ms: number) => new Date(ms).toISOString();
  const counts: Record<string, number> = {};
  const count = (table: string, n = 1) => { counts[table] = (counts[table] ?? 0) + n; };

  // ---- audit chain: appended in order with the app's hash ----------------------------------------
  // Clients' writes add to their reads, so a client's events run a few per cent over the target; the
  // margin keeps the trail's last event before "today", and the clamp holds it there if it does not.
  const estimatedEvents = Math.ceil((N * options.auditPerClient + clinicianCount * 3) * 1.1);
  const auditStep = Math.max(1, Math.floor((TODAY - FIRST_DAY) / estimatedEvents));
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let requestCounter = 0;
  const appendAudit = (e: Pick<AuditEventTable, 'actor_id' | 'actor_role' | 'action' | 'entity_type' | 'entity_id' | 'client_id'> & { sensitivity?: string; reason?: string | null }) => {
    seq += 1;
    const at = Math.min(TODAY, FIRST_DAY + seq * auditStep);
    const base = {
      id: rng.uuid7(at), organization_id: organizationId, chain: 0, seq, recorded_at: iso(at), actor_id: e.actor_id, actor_role: e.actor_role, action: e.action,
      entity_type: e.entity_type, entity_id: e.entity_id, client_id: e.client_id, sensitivity: e.sensitivity ?? 'normal', outcome: 'success',
      reason: e.reason ?? null, source_ip: '127.0.0.1', request_id: `seed-${(requestCounter += 1).toString(36)}`, prev_hash: prevHash,
    };
    const row: AuditEventTable = { ...base, hash: hashAuditEvent(base) };
    prevHash = row.hash;
    sink.add('audit_event', row);
    count('audit_event');
  };

  // ---- organization and staff ---------------------------------------------------------------------
  const created = iso(FIRST_DAY - 30 * DAY);
  sink.add('organization', { id: organizationId, name: `Benchmark Programme (synthetic, ${N} clients)`, require_mfa: 0, settings_json: '{}', created_at: created, updated_at: created, version: 1 });
  count('organization');
  const user = (role: string, email: string, name: string): UserTable => ({
    id: rng.uuid7(FIRST_DAY - 29 * DAY), organization_id: organizationId, email, name, role, status: 'active', password_hash: passwordHash,
    totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, created_at: created, updated_at: created, version: 1,
  });
  const admin = user('admin', `admin@${BENCH_DOMAIN}`, 'Bench Administrator');
  sink.add('app_user', admin);
  const clinicians: UserTable[] = [];
  for (let i = 0; i < clinicianCount; i += 1) {
    const u = user('clinician', `clinician-${String(i + 1).padStart(4, '0')}@${BENCH_DOMAIN}`, `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} (counsellor ${i + 1})`);
    clinicians.push(u);
    sink.add('app_user', u);
  }
  const supervisors: UserTable[] = [];
  for (let i = 0; i < supervisorCount; i += 1) {
    const u = user('supervisor', `supervisor-${String(i + 1).padStart(3, '0')}@${BENCH_DOMAIN}`, `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} (supervisor ${i + 1})`);
    supervisors.push(u);
    sink.add('app_user', u);
  }
  count('app_user', 1 + clinicianCount + supervisorCount);
  // Each supervisor oversees 50 counsellors (overlapping groups), as on the dashboard target.
  const perSupervisor = Math.min(50, clinicianCount);
  const stride = Math.max(1, Math.floor(clinicianCount / supervisorCount));
  for (let s = 0; s < supervisorCount; s += 1) {
    for (let k = 0; k < perSupervisor; k += 1) {
      const clinician = clinicians[(s * stride + k) % clinicianCount]!;
      const row: SupervisionAssignmentTable = { id: rng.uuid7(FIRST_DAY - 28 * DAY), organization_id: organizationId, supervisor_id: supervisors[s]!.id, clinician_id: clinician.id, created_at: created, created_by: admin.id };
      sink.add('supervision_assignment', row);
      count('supervision_assignment');
    }
  }
  for (const u of [...clinicians, ...supervisors]) appendAudit({ actor_id: admin.id, actor_role: 'admin', action: 'create', entity_type: 'user', entity_id: u.id, client_id: null });
  await sink.flush();

  // ---- clients and their treatment ----------------------------------------------------------------
  const tClients = performance.now();
  let lastReport = tClients;
  for (let c = 0; c < N; c += 1) {
    const clinician = clinicians[c % clinicianCount]!;
    const eventsBefore = counts.audit_event ?? 0;
    const actor = { actor_id: clinician.id, actor_role: 'clinician' };
    const enrolled = FIRST_DAY + Math.floor((c / N) * (TODAY - FIRST_DAY - 20 * 7 * DAY)) + rng.int(0, 6) * DAY;
    const birthYear = rng.int(1950, 2008);
    const client: ClientTable = {
      id: rng.uuid7(enrolled), organization_id: organizationId, display_name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} ${c + 1}`, preferred_name: null, search_text: '',
      date_of_birth: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`, pronouns: null, language: 'en',
      identifier: `BENCH-${String(c + 1).padStart(7, '0')}`, phone: null, email: null, address: null, emergency_contact_name: null, emergency_contact_phone: null,
      emergency_contact_relationship: null, clinician_id: clinician.id, status: 'active', archived_at: null, archive_reason: null, archived_by: null,
      created_at: iso(enrolled), updated_at: iso(enrolled), version: 1,
    };
    client.search_text = searchTextOf(client);
    const episodes = rng.chance(0.22) ? 2 : 1;
    // About 15 of a counsellor's 50 clients are in treatment now; the rest have finished.
    const currentActive = rng.chance(0.3);
    if (!currentActive && rng.chance(0.2)) {
      client.status = 'archived';
      client.archived_at = iso(TODAY - rng.int(1, 60) * DAY);
      client.archive_reason = 'treatment completed';
      client.archived_by = clinician.id;
    }
    sink.add('client', client);
    count('client');
    appendAudit({ ...actor, action: 'create', entity_type: 'client', entity_id: client.id, client_id: client.id });

    let start = enrolled;
    let previousEpisodeId: string | null = null;
    for (let e = 0; e < episodes; e += 1) {
      const last = e === episodes - 1;
      const active = last && currentActive && client.status === 'active';
      const protocol = getProtocol(rng.weighted(PROTOCOL_MIX));
      // Contracted from the protocol's default up to its maximum (acute IPT 12–16, maintenance 24–36).
      const contracted = protocol.sessionCount.default + rng.int(0, protocol.sessionCount.max - protocol.sessionCount.default);
      let held = active ? rng.int(1, Math.max(1, contracted - 1)) : rng.chance(0.15) ? rng.int(1, Math.max(1, contracted - 1)) : contracted;
      const weekly = protocol.cadence === 'monthly' ? 28 : 7;
      if (active) start = TODAY - (held * weekly + rng.int(0, 5)) * DAY;
      else {
        // Finished work lies in the past: a finished episode that would run past "today" (monthly
        // maintenance, or a client's second episode) starts at least one interval back and is cut short
        // there, ending as a drop-out, so no session, response or end date is dated in the future.
        start = Math.min(start, TODAY - weekly * DAY);
        held = Math.min(held, Math.floor((TODAY - start) / (weekly * DAY)));
      }
      const phases = protocol.phases.map((p) => p.id);
      const phaseOf = (n: number) => (n <= Math.ceil(contracted * 0.25) ? phases[0]! : n > contracted - Math.ceil(contracted * 0.25) ? phases[phases.length - 1]! : phases[Math.min(1, phases.length - 1)]!);
      const droppedOut = !active && held < contracted;
      const episode: EpisodeTable = {
        id: rng.uuid7(start), organization_id: organizationId, client_id: client.id, clinician_id: clinician.id, protocol_id: protocol.id, protocol_version: protocol.version,
        status: active ? 'active' : droppedOut ? 'dropped-out' : 'ended', current_phase: phaseOf(held), phase_started_session: 1, start_date: iso(start).slice(0, 10),
        contracted_sessions: contracted, schedule: protocol.cadence === 'monthly' ? 'monthly' : 'weekly', session_length_minutes: protocol.sessionLengthMinutes?.max ?? null,
        medication_referral: 'not-assessed', medication_referral_note: null, formulation_agreed_at: held >= 3 ? iso(start + 2 * weekly * DAY) : null,
        termination_discussed_at: held > contracted - 3 ? iso(start + (contracted - 3) * weekly * DAY) : null, end_reason: active ? null : droppedOut ? 'dropped-out' : 'completed',
        ended_at: active ? null : iso(start + held * weekly * DAY), previous_episode_id: previousEpisodeId, created_at: iso(start), updated_at: iso(start + held * weekly * DAY), version: 1,
      };
      for (let n = 2; n <= held; n += 1) if (phaseOf(n) !== phaseOf(n - 1)) episode.phase_started_session = n;
      sink.add('episode', episode);
      count('episode');
      appendAudit({ ...actor, action: 'create', entity_type: 'episode', entity_id: episode.id, client_id: client.id });
      // Phase changes where the phase of consecutive sessions differs, so the chart's phase bands match.
      let phase = phaseOf(1);
      for (let n = 2; n <= held; n += 1) {
        if (phaseOf(n) !== phase) {
          const change: PhaseChangeTable = { id: rng.uuid7(start + (n - 1) * weekly * DAY), organization_id: organizationId, episode_id: episode.id, from_phase: phase, to_phase: phaseOf(n), at_session: n, overridden_guards: '[]', reason: null, changed_by: clinician.id, changed_at: iso(start + (n - 1) * weekly * DAY) };
          sink.add('phase_change', change);
          count('phase_change');
          phase = phaseOf(n);
        }
      }

      const baseline = rng.int(10, 23);
      const improves = rng.chance(0.65);
      for (let n = 1; n <= held; n += 1) {
        const at = start + (n - 1) * weekly * DAY;
        const isOpenDraft = active && n === held;
        const attendance = isOpenDraft ? 'attended' : rng.weighted([['attended', 90], ['did-not-attend', 5], ['cancelled', 5]] as const);
        const sessionPhase = phaseOf(n);
        const note = attendance === 'attended' ? JSON.stringify(NOTE_TEXT) : JSON.stringify({ plan: 'Session did not take place; rebooked.' });
        const session: TherapySessionTable = {
          id: rng.uuid7(at), organization_id: organizationId, episode_id: episode.id, client_id: client.id, clinician_id: clinician.id, number: n, starts_at: iso(at),
          duration_minutes: episode.session_length_minutes, attendance, mode: rng.weighted([['in-person', 60], ['video', 25], ['phone', 15]] as const), phase: sessionPhase,
          agenda_json: AGENDA, note_json: isOpenDraft ? '{}' : note, note_status: isOpenDraft ? 'draft' : 'signed', signed_at: isOpenDraft ? null : iso(at + 3_600_000),
          signed_by: isOpenDraft ? null : clinician.id, signed_hash: isOpenDraft ? null : sha256Hex(`${note}\n${AGENDA}`), created_at: iso(at), updated_at: iso(at + 3_600_000), version: isOpenDraft ? 1 : 3,
        };
        sink.add('therapy_session', session);
        count('therapy_session');
        appendAudit({ ...actor, action: 'create', entity_type: 'session', entity_id: session.id, client_id: client.id });
        if (attendance !== 'attended' || isOpenDraft) continue;

        // PHQ-9 every attended session, GAD-7 every other one: scored and risk-checked by the domain.
        const progress = (n - 1) / Math.max(1, contracted - 1);
        const target = Math.max(0, Math.round(baseline * (improves ? 1 - 0.7 * progress : 1 - 0.15 * progress) + rng.int(-2, 2)));
        const riskValue = rng.chance(target >= 15 ? 0.12 : 0.03) ? rng.int(1, 3) : 0;
        const measures: Array<[typeof PHQ9, Record<string, number>]> = [[PHQ9, answersFor(rng, PHQ9.items.filter((i) => i.scored).map((i) => i.id), target, '9', riskValue, { 10: Math.min(3, Math.floor(target / 7)) })]];
        if (n % 2 === 1) measures.push([GAD7, answersFor(rng, GAD7.items.filter((i) => i.scored).map((i) => i.id), Math.round(target * 0.8), null, 0, {})]);
        for (const [definition, answers] of measures) {
          const score = scoreInstrument(definition, answers);
          const response: QuestionnaireResponseTable = {
            id: rng.uuid7(at + 600_000), organization_id: organizationId, client_id: client.id, episode_id: episode.id, session_id: session.id, instrument_id: definition.id,
            instrument_version: definition.version, answers_json: JSON.stringify(answers), total: score.total, severity_code: score.severity?.code ?? null, respondent: rng.chance(0.5) ? 'clinician-entered' : 'client-on-device',
            administered_at: iso(at + 600_000), administered_by: clinician.id, created_at: iso(at + 600_000),
          };
          sink.add('questionnaire_response', response);
          count('questionnaire_response');
          appendAudit({ ...actor, action: 'create', entity_type: 'questionnaire-response', entity_id: response.id, client_id: client.id, reason: `${definition.id}@${definition.version}` });
          for (const proposal of evaluateRisk(definition, score)) {
            // Flags of finished work were closed after review; those of the last weeks of active work stay open.
            const stillOpen = active && n >= held - 2;
            const flag: RiskFlagTable = {
              id: rng.uuid7(at + 601_000), organization_id: organizationId, client_id: client.id, episode_id: episode.id, session_id: session.id, source_type: 'questionnaire-response',
              source_id: response.id, trigger: proposal.trigger, level: proposal.level, status: stillOpen ? 'open' : 'closed', detail: proposal.reason, raised_by: clinician.id,
              raised_at: iso(at + 601_000), closed_by: stillOpen ? null : clinician.id, closed_at: stillOpen ? null : iso(at + 2 * DAY), close_reason: stillOpen ? null : 'Reviewed with the client; safety plan in place.',
              version: stillOpen ? 1 : 2, screen_response_id: null, screened_at: null, escalation_status: proposal.level === 'high' ? (stillOpen ? 'pending' : 'acknowledged') : 'none',
              escalated_at: proposal.level === 'high' ? iso(at + 601_000) : null, acknowledged_by: proposal.level === 'high' && !stillOpen ? supervisors[0]!.id : null,
              acknowledged_at: proposal.level === 'high' && !stillOpen ? iso(at + DAY) : null, last_notified_at: proposal.level === 'high' ? iso(at + 601_000) : null,
            };
            sink.add('risk_flag', flag);
            count('risk_flag');
            appendAudit({ ...actor, action: 'create', entity_type: 'risk-flag', entity_id: flag.id, client_id: client.id, sensitivity: 'risk', reason: `${flag.trigger} (${flag.level})` });
          }
        }
        if (sessionPhase === 'middle' && rng.chance(0.3)) {
          const worksheet: WorksheetTable = {
            id: rng.uuid7(at + 1_200_000), organization_id: organizationId, client_id: client.id, episode_id: episode.id, session_id: session.id, workspace_id: null, continues_id: null,
            kind: 'interval-review', payload_json: WORKSHEET_PAYLOAD, created_at: iso(at + 1_200_000), created_by: clinician.id, updated_at: iso(at + 1_200_000), updated_by: clinician.id, version: 1,
          };
          sink.add('worksheet', worksheet);
          count('worksheet');
          appendAudit({ ...actor, action: 'create', entity_type: 'worksheet', entity_id: worksheet.id, client_id: client.id });
        }
        appendAudit({ ...actor, action: 'update', entity_type: 'session', entity_id: session.id, client_id: client.id });
        appendAudit({ ...actor, action: 'sign', entity_type: 'session-note', entity_id: session.id, client_id: client.id });
      }
      previousEpisodeId = episode.id;
      start = start + (held * weekly + rng.int(30, 120)) * DAY;
      if (start > TODAY - 20 * DAY) start = TODAY - 20 * DAY;
    }
    // Reads and caseload queries make up the rest of the trail (most audit events are reads).
    const target = Math.max(1, Math.round(options.auditPerClient * (0.5 + rng.next())));
    const reads = Math.max(0, target - ((counts.audit_event ?? 0) - eventsBefore));
    for (let r = 0; r < reads; r += 1) {
      const kind = rng.weighted([['client', 30], ['episode', 35], ['session', 20], ['caseload', 15]] as const);
      if (kind === 'caseload') appendAudit({ ...actor, action: 'query', entity_type: 'client', entity_id: null, client_id: null, reason: 'caseload' });
      else appendAudit({ ...actor, action: 'read', entity_type: kind, entity_id: kind === 'client' ? client.id : previousEpisodeId, client_id: client.id });
    }
    if (sink.full) await sink.flush();
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const done = (c + 1) / N;
      const elapsed = (lastReport - tClients) / 1000;
      console.log(`  ${c + 1}/${N} clients, ${counts.audit_event ?? 0} audit events, ${elapsed.toFixed(0)} s (about ${(elapsed / done - elapsed).toFixed(0)} s left)`);
    }
  }
  sink.add('audit_chain_head', { organization_id: organizationId, chain: 0, seq, hash: prevHash });
  await sink.settle();
  timings.rowsSeconds = (performance.now() - tClients) / 1000;
  const tFinish = performance.now();
  await finish();
  timings.analyzeSeconds = (performance.now() - tFinish) / 1000;
  timings.totalSeconds = (performance.now() - t0) / 1000;

  const manifest: SeedManifest = {
    dialect: options.databaseUrl ? 'postgres' : 'sqlite', databaseUrl: options.databaseUrl ?? null, sqliteFile: options.databaseUrl ? null : sqliteFile, dataDir: options.dataDir,
    seed: options.seed, password: BENCH_PASSWORD, adminEmail: admin.email, organizationId,
    clinicianEmails: clinicians.map((u) => u.email), supervisorEmails: supervisors.map((u) => u.email), counts, timings, createdAt: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(options.dataDir, 'seed.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  console.log(`Seeding ${options.clients} clients into ${options.databaseUrl ?? path.join(options.dataDir, 'ipt.sqlite')} (seed ${options.seed}) …`);
  const manifest = await seed(options);
  const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  console.log('\n| table | rows |\n|---|---:|');
  for (const [table, n] of Object.entries(manifest.counts)) console.log(`| ${table} | ${n.toLocaleString('en')} |`);
  console.log(`\n${rows.toLocaleString('en')} rows in ${manifest.timings.totalSeconds!.toFixed(1)} s (schema ${manifest.timings.schemaSeconds!.toFixed(1)} s, rows ${manifest.timings.rowsSeconds!.toFixed(1)} s, analyze ${manifest.timings.analyzeSeconds!.toFixed(1)} s; ${Math.round(rows / manifest.timings.rowsSeconds!).toLocaleString('en')} rows/s).`);
  console.log(`Sign in as ${manifest.clinicianEmails[0]}, ${manifest.supervisorEmails[0]} or ${manifest.adminEmail} with the password ${manifest.password}.`);
  console.log(`Manifest: ${path.join(manifest.dataDir, 'seed.json')}`);
  if (manifest.dialect === 'sqlite') console.log(`Serve it: IPT_DATA_DIR=${path.relative(process.cwd(), manifest.dataDir)} npm start`);
}

if (process.argv[1] && /bench[\\/]seed\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(`bench:seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
