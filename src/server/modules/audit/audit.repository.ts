import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import type { AuditEventTable } from './audit.table';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';

export type AuditRow = AuditEventTable;

export type NewAuditEvent = Omit<AuditEventTable, 'chain' | 'seq' | 'prev_hash' | 'hash'>;

/**
 * How many chains an organization's events may spread over on PostgreSQL. A writer holds its chain's
 * head from the append until COMMIT, so with one chain every writer of the organization waited for
 * the one before it to reach the disk; with several, that many commit side by side (decision 0003,
 * §8). More than one instance's connection pool holds (10), so one instance's writers never all
 * wait, and two instances' rarely.
 * SQLite has one writer at a time and uses chain 0 only.
 */
export const CHAINS_PER_ORGANIZATION = 16;

/** A chain's head: its number, and the number and hash of its last event. */
export type Head = { chain: number; seq: number; hash: string };

// The chain-head statements run for every audited request: built once (db/reusable-query.ts).
const createChainHeads = reusableQuery<{ organizationId: string; genesis: string }, never>(['organizationId', 'genesis'], (db, p) => db.insertInto('audit_chain_head')
  .values(Array.from({ length: CHAINS_PER_ORGANIZATION }, (_, chain) => ({ organization_id: p.organizationId, chain, seq: 0, hash: p.genesis })))
  .onConflict((oc) => oc.columns(['organization_id', 'chain']).doNothing()));
const createFirstHead = reusableQuery<{ organizationId: string; genesis: string }, never>(['organizationId', 'genesis'], (db, p) => db.insertInto('audit_chain_head')
  .values({ organization_id: p.organizationId, chain: 0, seq: 0, hash: p.genesis }).onConflict((oc) => oc.columns(['organization_id', 'chain']).doNothing()));
const readHead = reusableQuery<{ organizationId: string; chain: number }, Head>(['organizationId', 'chain'], (db, p) => db.selectFrom('audit_chain_head')
  .select(['chain', 'seq', 'hash']).where('organization_id', '=', p.organizationId).where('chain', '=', p.chain));
const lockHead = reusableQuery<{ organizationId: string; chain: number }, Head>(['organizationId', 'chain'], (db, p) => db.selectFrom('audit_chain_head')
  .select(['chain', 'seq', 'hash']).where('organization_id', '=', p.organizationId).where('chain', '=', p.chain).forUpdate());
// The lowest-numbered head no other transaction holds, locked; none when all are held (or none exist).
const lockFreeHead = reusableQuery<{ organizationId: string }, Head>(['organizationId'], (db, p) => db.selectFrom('audit_chain_head')
  .select(['chain', 'seq', 'hash']).where('organization_id', '=', p.organizationId).orderBy('chain').limit(1).forUpdate().skipLocked());
const updateHead = reusableQuery<{ organizationId: string; chain: number; seq: number; hash: string }, never>(['organizationId', 'chain', 'seq', 'hash'], (db, p) => db.updateTable('audit_chain_head')
  .set({ seq: p.seq, hash: p.hash }).where('organization_id', '=', p.organizationId).where('chain', '=', p.chain));

/** Rows per INSERT: audit_event has 18 columns, well under SQLite's and PostgreSQL's parameter limits. */
export const INSERT_CHUNK = 200;

/**
 * The chain each transaction already holds, per organization: a transaction that appends twice keeps
 * to one chain (its events stay in order there) and holds one head, not two.
 */
const heldChains = new WeakMap<Executor, Map<string, number>>();

/**
 * SQLite: chain 0's head (the transaction already holds the write lock). Made on the organization's
 * first append.
 */
async function sqliteHead(tx: Executor, organizationId: string): Promise<Head> {
  const [head] = await readHead(tx, { organizationId, chain: 0 });
  if (head) return head;
  await createFirstHead(tx, { organizationId, genesis: GENESIS_HASH });
  const [created] = await readHead(tx, { organizationId, chain: 0 });
  if (!created) throw new Error(`audit chain head of ${organizationId} is missing`);
  return created;
}

/**
 * PostgreSQL: a chain head of the organization locked for this transaction until COMMIT — the one it
 * already holds, else the lowest-numbered one no other transaction holds (`skip locked`, so no wait).
 * When none is free, the heads are made if they are not all there yet (an organization's first
 * append, or its first since it had one chain) and a free one is taken; only when every chain is held
 * does the writer wait, for one picked at random so waiters spread. Two first appends that meet: the
 * second one's insert waits for the first to commit and does nothing, and its next read (a new
 * snapshot under READ COMMITTED) sees the committed heads. A caller that asks for a chain gets that
 * one (made if missing), waiting while another transaction holds it.
 */
async function postgresHead(tx: Executor, organizationId: string, asked: number | undefined): Promise<Head> {
  const held = heldChains.get(tx)?.get(organizationId);
  if (held !== undefined) {
    const [head] = await lockHead(tx, { organizationId, chain: held });
    if (!head) throw new Error(`audit chain head ${held} of ${organizationId} is missing`);
    return head;
  }
  let [head] = asked === undefined ? await lockFreeHead(tx, { organizationId }) : await lockHead(tx, { organizationId, chain: asked });
  if (!head && asked !== undefined) {
    await createChainHeads(tx, { organizationId, genesis: GENESIS_HASH });
    [head] = await lockHead(tx, { organizationId, chain: asked });
    if (!head) throw new Error(`audit chain head ${asked} of ${organizationId} is missing`);
  }
  if (!head) {
    await createChainHeads(tx, { organizationId, genesis: GENESIS_HASH });
    [head] = await lockFreeHead(tx, { organizationId });
  }
  if (!head) {
    const chain = Math.floor(Math.random() * CHAINS_PER_ORGANIZATION);
    [head] = await lockHead(tx, { organizationId, chain });
    if (!head) throw new Error(`audit chain head ${chain} of ${organizationId} is missing`);
  }
  let byOrganization = heldChains.get(tx);
  if (!byOrganization) heldChains.set(tx, (byOrganization = new Map()));
  byOrganization.set(organizationId, head.chain);
  return head;
}

/** Events as the rows that continue a chain from `head`: numbered on, each hashed with the one before. */
function continueChain(head: Head, events: readonly NewAuditEvent[]): AuditRow[] {
  let seq = Number(head.seq);
  let prevHash = head.hash;
  return events.map((event) => {
    seq += 1;
    const base = { ...event, chain: head.chain, seq, prev_hash: prevHash };
    const row: AuditRow = { ...base, hash: hashAuditEvent(base) };
    prevHash = row.hash;
    return row;
  });
}

/**
 * Appends events to their organizations' chains, in the order given (all of one organization's events
 * of a transaction go to one chain). Must run inside the same transaction as the change they record:
 * if this fails, the whole request fails. The chain's head row is locked until COMMIT; on PostgreSQL
 * concurrent writers, even in other server processes, take different chains and wait only when all of
 * them are held, and on SQLite the write lock already lets one writer at a time. Callers append a
 * request's events in one call as its last statements (lib/audit.ts, PendingAudit), which keeps that
 * lock short. A batch costs per organization one head read plus one multi-row insert per 200 events
 * and one head update — on PostgreSQL the last insert and the update travel as one statement —
 * rather than four statements per event (the read-audit group commit appends many at once).
 * `chain` (PostgreSQL) asks for that chain, waiting for it if another transaction holds it.
 */
export async function appendAuditEvents(tx: Executor, events: readonly NewAuditEvent[], dialect: 'sqlite' | 'postgres', options: { chain?: number } = {}): Promise<AuditRow[]> {
  const byOrganization = new Map<string, NewAuditEvent[]>();
  for (const event of events) {
    const list = byOrganization.get(event.organization_id);
    if (list) list.push(event);
    else byOrganization.set(event.organization_id, [event]);
  }
  const appended: AuditRow[] = [];
  // A fixed order of head locks keeps two multi-organization batches from deadlocking each other.
  for (const organizationId of [...byOrganization.keys()].sort()) {
    const head = dialect === 'postgres' ? await postgresHead(tx, organizationId, options.chain) : await sqliteHead(tx, organizationId);
    const chain = head.chain;
    const rows = continueChain(head, byOrganization.get(organizationId)!);
    const { seq, hash: prevHash } = rows[rows.length - 1]!;
    const last = Math.floor((rows.length - 1) / INSERT_CHUNK) * INSERT_CHUNK;
    for (let i = 0; i < last; i += INSERT_CHUNK) await tx.insertInto('audit_event').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    if (dialect === 'postgres') {
      // A data-modifying WITH runs to completion whether or not the outer statement reads it.
      await tx.with('appended', (db) => db.insertInto('audit_event').values(rows.slice(last)))
        .updateTable('audit_chain_head').set({ seq, hash: prevHash }).where('organization_id', '=', organizationId).where('chain', '=', chain).execute();
    } else {
      await tx.insertInto('audit_event').values(rows.slice(last)).execute();
      await updateHead(tx, { organizationId, chain, seq, hash: prevHash });
    }
    appended.push(...rows);
  }
  return appended;
}

/** Appends one event to its organization's chain (see appendAuditEvents). */
export async function appendAuditEvent(tx: Executor, event: NewAuditEvent, dialect: 'sqlite' | 'postgres'): Promise<AuditRow> {
  return (await appendAuditEvents(tx, [event], dialect))[0]!;
}

const AUDIT_COLUMNS = ['id', 'organization_id', 'chain', 'seq', 'recorded_at', 'actor_id', 'actor_role', 'action', 'entity_type', 'entity_id', 'client_id',
  'sensitivity', 'outcome', 'reason', 'source_ip', 'request_id', 'prev_hash', 'hash'] as const satisfies ReadonlyArray<keyof AuditRow>;
// Every column of the table, no more: a column added to the table and not here fails to compile.
const allColumns: Exclude<keyof AuditRow, (typeof AUDIT_COLUMNS)[number]> extends never ? true : never = true;
void allColumns;
const INTEGER_COLUMNS: ReadonlySet<string> = new Set(['chain', 'seq']);

/**
 * PostgreSQL, outside any transaction: appends one organization's events to `head.chain` in a single
 * statement — no BEGIN, head lock, separate insert and COMMIT, four round trips — provided the chain's
 * head is still `head` (same number and hash); otherwise it stores nothing. The head update is the
 * condition of the insert inside one statement, so the events and the new head are stored together
 * or not at all. If another transaction holds the head, the statement waits for it and then finds
 * the head moved (or not, if that one rolled back). For a writer that keeps appending to one chain and
 * remembers where it left it (the read-audit group commit, lib/read-audit.ts). Returns the new head,
 * or undefined when the head had moved. At most INSERT_CHUNK events (the parameters of one statement).
 */
export async function appendIfHeadUnchanged(db: Executor, organizationId: string, head: Head, events: readonly NewAuditEvent[]): Promise<Head | undefined> {
  if (events.some((event) => event.organization_id !== organizationId)) throw new Error('appendIfHeadUnchanged: every event must belong to the organization');
  if (events.length > INSERT_CHUNK) throw new Error(`appendIfHeadUnchanged: at most ${INSERT_CHUNK} events at once`);
  const rows = continueChain(head, events);
  const last = rows[rows.length - 1];
  if (!last) return head;
  const cell = (column: string, value: unknown) => (INTEGER_COLUMNS.has(column) ? sql`${value}::integer` : sql`${value}`);
  const tuples = sql.join(rows.map((row) => sql`(${sql.join(AUDIT_COLUMNS.map((column) => cell(column, row[column])))})`));
  const columns = sql.join(AUDIT_COLUMNS.map((column) => sql.ref(column)));
  const result = await sql`with moved as (
      update audit_chain_head set seq = ${last.seq}, hash = ${last.hash}
      where organization_id = ${organizationId} and chain = ${head.chain} and seq = ${head.seq} and hash = ${head.hash} returning chain)
    insert into audit_event (${columns}) select * from (values ${tuples}) as appended (${columns}) where exists (select 1 from moved)`.execute(db);
  const inserted = Number(result.numAffectedRows ?? 0);
  if (inserted === 0) return undefined;
  if (inserted !== rows.length) throw new Error(`appendIfHeadUnchanged: ${inserted} of ${rows.length} events stored`);
  return { chain: head.chain, seq: last.seq, hash: last.hash };
}
