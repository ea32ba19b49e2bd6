import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialects } from '../../../../test/support/dialects';
import type { AuditEventTable } from './audit.table';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';
import { type AuditConnection, type ChainBreak, verifyAuditChains } from './audit-verify';

/**
 * The range-by-range verifier must find exactly what one walk from the first event to the last finds,
 * wherever a break falls relative to the seams between ranges. Ranges of 7 events here: seams after
 * events 7, 14, 21, …
 */
const RANGE = 7;

/**
 * Values PostgreSQL's COPY text format must escape (tab, newline, backslash, a literal `\N`) or that
 * are easily confused there (null and the empty string), and non-ASCII text: each must hash the same
 * when read back.
 */
const REASONS: Array<string | null> = [null, 'caseload', 'tab\there', 'line\nbreak\r\n', 'back\\slash', '\\N', '', 'é ü 漢字 😀', null];

function chain(organizationId: string, length: number, chainNo = 0): AuditEventTable[] {
  const rows: AuditEventTable[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const base = {
      id: `event-${organizationId.slice(-4)}-${chainNo}-${String(seq).padStart(6, "0")}`, organization_id: organizationId, chain: chainNo, seq, recorded_at: new Date(Date.UTC(2026, 10, 1, 9, 0, seq)).toISOString(),
      actor_id: 'actor-1', actor_role: 'clinician', action: seq % 3 === 0 ? 'read' : 'create', entity_type: 'client', entity_id: `client-${seq % 5}`, client_id: `client-${seq % 5}`,
      sensitivity: 'normal', outcome: 'success', reason: REASONS[seq % REASONS.length]!, source_ip: '127.0.0.1', request_id: `req-${seq}`, prev_hash: prev,
    };
    const row = { ...base, hash: hashAuditEvent(base) };
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

const orgId = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
type Db = TestDatabase['db'];

/**
 * One organization per kind of tampering, so a single run of each way of verifying meets every case
 * (worker threads take a moment to start). Each case tampers with its own 40-event chain and names
 * the break a single walk reports.
 */
interface Case {
  name: string;
  /** How many chains the organization's events are in (default 1); `rows` are those of the last one. */
  chains?: number;
  tamper: (db: Db, org: string, rows: AuditEventTable[]) => Promise<void>;
  /** The first break of each chain the tampering broke, in chain order. */
  expected: (org: string, rows: AuditEventTable[]) => ChainBreak | ChainBreak[] | null;
}
const edit = (seq: number): Case => ({
  name: `edited event ${seq}`,
  tamper: async (db, _org, rows) => { await db.updateTable('audit_event').set({ reason: 'edited afterwards' }).where('id', '=', rows[seq - 1]!.id).execute(); },
  expected: (org, rows) => ({ organizationId: org, chain: 0, seq, eventId: rows[seq - 1]!.id, problem: 'its content was changed after it was recorded' }),
});
const removal = (seqs: number[]): Case => ({
  name: `removed events ${seqs.join(',')}`,
  tamper: async (db, org) => { await db.deleteFrom('audit_event').where('organization_id', '=', org).where('seq', 'in', seqs).execute(); },
  expected: (org) => ({ organizationId: org, chain: 0, seq: seqs[0]!, eventId: null, problem: `event ${seqs[0]} is missing (next found is ${Math.max(...seqs) + 1})` }),
});
const swap = (x: number, y: number): Case => ({
  name: `events ${x} and ${y} swapped`,
  tamper: async (db, _org, rows) => {
    const setSeq = (id: string, seq: number) => db.updateTable('audit_event').set({ seq }).where('id', '=', id).execute();
    await setSeq(rows[x - 1]!.id, -1);
    await setSeq(rows[y - 1]!.id, x);
    await setSeq(rows[x - 1]!.id, y);
  },
  expected: (org, rows) => ({ organizationId: org, chain: 0, seq: x, eventId: rows[y - 1]!.id, problem: 'does not follow the previous event (removed or reordered events)' }),
});
/** Sets one event's reason, null there at seq 9, 18, 27 and 36 (REASONS); event 36 starts a range. */
const setReason = (seq: number, reason: string, label: string): Case => ({
  name: `reason of event ${seq} set from null to ${label}`,
  tamper: async (db, _org, rows) => { await db.updateTable('audit_event').set({ reason }).where('id', '=', rows[seq - 1]!.id).execute(); },
  expected: (org, rows) => ({ organizationId: org, chain: 0, seq, eventId: rows[seq - 1]!.id, problem: 'its content was changed after it was recorded' }),
});
const CASES: Case[] = [
  { name: 'untouched', tamper: async () => undefined, expected: () => null },
  { name: 'untouched, in three chains', chains: 3, tamper: async () => undefined, expected: () => null },
  {
    name: 'an edit in the second of two chains',
    chains: 2,
    tamper: async (db, _org, rows) => { await db.updateTable('audit_event').set({ entity_id: 'someone-else' }).where('id', '=', rows[7]!.id).execute(); },
    expected: (org, rows) => ({ organizationId: org, chain: 1, seq: 8, eventId: rows[7]!.id, problem: 'its content was changed after it was recorded' }),
  },
  {
    name: 'the head of the second of two chains missing',
    chains: 2,
    tamper: async (db, org) => { await db.deleteFrom('audit_chain_head').where('organization_id', '=', org).where('chain', '=', 1).execute(); },
    expected: (org) => ({ organizationId: org, chain: 1, seq: 40, eventId: null, problem: 'the chain head is missing' }),
  },
  {
    name: 'an event moved from the first chain to the end of the second',
    chains: 2,
    tamper: async (db, org) => {
      await db.updateTable('audit_event').set({ chain: 1, seq: 41 }).where('organization_id', '=', org).where('chain', '=', 0).where('seq', '=', 40).execute();
    },
    expected: (org) => [
      { organizationId: org, chain: 0, seq: 40, eventId: null, problem: 'the chain should end at event 40 but ends at 39 (events removed from the end)' },
      { organizationId: org, chain: 1, seq: 41, eventId: chain(org, 40, 0)[39]!.id, problem: 'does not follow the previous event (removed or reordered events)' },
    ],
  },
  // Ranges of 7 events: seams after events 7, 14, 21, 28 and 35.
  edit(1), edit(7), edit(8), edit(14), edit(15), edit(40),
  removal([1]), removal([7]), removal([8]), removal([8, 9, 10, 11, 12, 13, 14]), removal([14, 15]),
  swap(3, 5), swap(7, 8), swap(6, 9), swap(14, 22),
  setReason(9, '', 'an empty string'), setReason(36, '\\N', 'a literal \\N'),
  {
    name: 'two edits: only the first is reported',
    tamper: async (db, _org, rows) => { await db.updateTable('audit_event').set({ action: 'delete' }).where('id', 'in', [rows[9]!.id, rows[30]!.id]).execute(); },
    expected: (org, rows) => ({ organizationId: org, chain: 0, seq: 10, eventId: rows[9]!.id, problem: 'its content was changed after it was recorded' }),
  },
  {
    name: 'events removed from the end, a seam right before the new end',
    tamper: async (db, org) => { await db.deleteFrom('audit_event').where('organization_id', '=', org).where('seq', '>', 35).execute(); },
    expected: (org) => ({ organizationId: org, chain: 0, seq: 40, eventId: null, problem: 'the chain should end at event 40 but ends at 35 (events removed from the end)' }),
  },
  {
    name: 'every event removed, the head left',
    tamper: async (db, org) => { await db.deleteFrom('audit_event').where('organization_id', '=', org).execute(); },
    expected: (org) => ({ organizationId: org, chain: 0, seq: 40, eventId: null, problem: 'the chain should end at event 40 but ends at 0 (events removed from the end)' }),
  },
  {
    name: 'chain head missing',
    tamper: async (db, org) => { await db.deleteFrom('audit_chain_head').where('organization_id', '=', org).execute(); },
    expected: (org) => ({ organizationId: org, chain: 0, seq: 40, eventId: null, problem: 'the chain head is missing' }),
  },
];

describe.each(testDialects())('audit chain verification by ranges (%s)', (dialect) => {
  let t: TestDatabase;
  let connection: AuditConnection;
  const chains = CASES.map((c, i) => Array.from({ length: c.chains ?? 1 }, (_, chainNo) => chain(orgId(i + 1), 40, chainNo)));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    connection = dialect === 'sqlite'
      ? { kind: 'sqlite', file: (t.config.database as { file: string }).file }
      : { kind: 'postgres', url: process.env.IPT_TEST_DATABASE_URL!, searchPath: `t_${path.basename(t.dataDir).replace(/[^a-z0-9]/gi, '').toLowerCase()}` };
    for (const rows of chains.flat()) {
      await t.db.insertInto('audit_event').values(rows).execute();
      await t.db.insertInto('audit_chain_head').values({ organization_id: rows[0]!.organization_id, chain: rows[0]!.chain, seq: 40, hash: rows[39]!.hash }).execute();
    }
  });
  afterAll(async () => t?.dispose());

  /** Every way of running the verifier, which must all agree. */
  const allWays = async () => {
    const whole = await verifyAuditChains(t.db);
    const ranges = await verifyAuditChains(t.db, { rangeSize: RANGE });
    const threads = await verifyAuditChains(t.db, { rangeSize: RANGE, connection, workers: 2 });
    expect(ranges).toEqual(whole);
    expect(threads).toEqual(whole);
    return whole;
  };

  it('passes untouched chains and counts every event of every organization', async () => {
    const chainCount = CASES.reduce((n, c) => n + (c.chains ?? 1), 0);
    expect(await allWays()).toEqual({ organizations: CASES.length, chains: chainCount, events: chainCount * 40, breaks: [] });
  });

  it('finds the first break of each tampered chain, wherever it falls against the seams between ranges', async () => {
    if (dialect === 'sqlite') {
      await sql`drop trigger audit_event_no_update`.execute(t.db);
      await sql`drop trigger audit_event_no_delete`.execute(t.db);
    } else {
      await sql`drop trigger audit_event_no_update on audit_event`.execute(t.db);
    }
    for (const [i, c] of CASES.entries()) await c.tamper(t.db, orgId(i + 1), chains[i]!.at(-1)!);
    const result = await allWays();
    const expected = CASES.map((c, i) => c.expected(orgId(i + 1), chains[i]!.at(-1)!)).flatMap((b) => b ?? []);
    expect(result.breaks).toEqual(expected);
    expect(result.organizations).toBe(CASES.length);
  });
});
