import type { Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import type { AuditEventTable } from './audit.table';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';

export type AuditRow = AuditEventTable;

export type NewAuditEvent = Omit<AuditEventTable, 'seq' | 'prev_hash' | 'hash'>;

// The chain-head statements run for every audited request: built once (db/reusable-query.ts).
const createHead = reusableQuery<{ organizationId: string; genesis: string }, never>(['organizationId', 'genesis'], (db, p) => db.insertInto('audit_chain_head')
  .values({ organization_id: p.organizationId, seq: 0, hash: p.genesis }).onConflict((oc) => oc.column('organization_id').doNothing()));
const readHead = reusableQuery<{ organizationId: string }, { seq: number; hash: string }>(['organizationId'], (db, p) => db.selectFrom('audit_chain_head')
  .select(['seq', 'hash']).where('organization_id', '=', p.organizationId));
const lockHead = reusableQuery<{ organizationId: string }, { seq: number; hash: string }>(['organizationId'], (db, p) => db.selectFrom('audit_chain_head')
  .select(['seq', 'hash']).where('organization_id', '=', p.organizationId).forUpdate());
const updateHead = reusableQuery<{ organizationId: string; seq: number; hash: string }, never>(['organizationId', 'seq', 'hash'], (db, p) => db.updateTable('audit_chain_head')
  .set({ seq: p.seq, hash: p.hash }).where('organization_id', '=', p.organizationId));

/** Rows per INSERT: audit_event has 17 columns, well under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 200;

/**
 * The organization's chain head, locked for this transaction (PostgreSQL `for update`; SQLite
 * transactions already hold the write lock). The row is made on the first append only: when two
 * first appends meet on PostgreSQL, the second one's insert waits for the first to commit and does
 * nothing, and its second read (a new snapshot under READ COMMITTED) then locks the committed head.
 */
async function lockedHead(tx: Executor, organizationId: string, dialect: 'sqlite' | 'postgres'): Promise<{ seq: number; hash: string }> {
  const read = dialect === 'postgres' ? lockHead : readHead;
  const [head] = await read(tx, { organizationId });
  if (head) return head;
  await createHead(tx, { organizationId, genesis: GENESIS_HASH });
  const [created] = await read(tx, { organizationId });
  if (!created) throw new Error(`audit chain head of ${organizationId} is missing`);
  return created;
}

/**
 * Appends events to their organizations' chains, in the order given. Must run inside the same
 * transaction as the change they record: if this fails, the whole request fails. Each chain head row
 * is locked until COMMIT, so concurrent writers, even in other server processes, take turns per
 * organization; callers therefore append a request's events in one call as its last statements
 * (lib/audit.ts, PendingAudit), which keeps that lock short. A batch costs per organization one head
 * read plus one multi-row insert per 200 events and one head update — on PostgreSQL the last insert
 * and the update travel as one statement — rather than four statements per event (the read-audit
 * group commit appends many at once).
 */
export async function appendAuditEvents(tx: Executor, events: readonly NewAuditEvent[], dialect: 'sqlite' | 'postgres'): Promise<AuditRow[]> {
  const byOrganization = new Map<string, NewAuditEvent[]>();
  for (const event of events) {
    const list = byOrganization.get(event.organization_id);
    if (list) list.push(event);
    else byOrganization.set(event.organization_id, [event]);
  }
  const appended: AuditRow[] = [];
  // A fixed order of head locks keeps two multi-organization batches from deadlocking each other.
  for (const organizationId of [...byOrganization.keys()].sort()) {
    const head = await lockedHead(tx, organizationId, dialect);
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const rows: AuditRow[] = [];
    for (const event of byOrganization.get(organizationId)!) {
      seq += 1;
      const base = { ...event, seq, prev_hash: prevHash };
      const row: AuditRow = { ...base, hash: hashAuditEvent(base) };
      rows.push(row);
      prevHash = row.hash;
    }
    const last = Math.floor((rows.length - 1) / INSERT_CHUNK) * INSERT_CHUNK;
    for (let i = 0; i < last; i += INSERT_CHUNK) await tx.insertInto('audit_event').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    if (dialect === 'postgres') {
      // A data-modifying WITH runs to completion whether or not the outer statement reads it.
      await tx.with('appended', (db) => db.insertInto('audit_event').values(rows.slice(last)))
        .updateTable('audit_chain_head').set({ seq, hash: prevHash }).where('organization_id', '=', organizationId).execute();
    } else {
      await tx.insertInto('audit_event').values(rows.slice(last)).execute();
      await updateHead(tx, { organizationId, seq, hash: prevHash });
    }
    appended.push(...rows);
  }
  return appended;
}

/** Appends one event to its organization's chain (see appendAuditEvents). */
export async function appendAuditEvent(tx: Executor, event: NewAuditEvent, dialect: 'sqlite' | 'postgres'): Promise<AuditRow> {
  return (await appendAuditEvents(tx, [event], dialect))[0]!;
}
