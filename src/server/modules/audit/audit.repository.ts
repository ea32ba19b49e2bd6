import type { Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import type { AuditEventTable } from './audit.table';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';

export type AuditRow = AuditEventTable;

export type NewAuditEvent = Omit<AuditEventTable, 'seq' | 'prev_hash' | 'hash'>;

// The chain-head statements run for every audited request: built once (db/reusable-query.ts).
const ensureHead = reusableQuery<{ organizationId: string; genesis: string }, never>(['organizationId', 'genesis'], (db, p) => db.insertInto('audit_chain_head')
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
 * Appends events to their organizations' chains, in the order given. Must run inside the same
 * transaction as the change they record: if this fails, the whole request fails. Each chain head row
 * is locked (PostgreSQL `for update`; SQLite transactions already hold the write lock) so concurrent
 * writers, even in other server processes, take turns per organization. A batch costs one head read
 * and one head update per organization plus one multi-row insert per 200 events, rather than four
 * statements per event (the read-audit group commit appends many at once).
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
    await ensureHead(tx, { organizationId, genesis: GENESIS_HASH });
    const [head] = await (dialect === 'postgres' ? lockHead : readHead)(tx, { organizationId });
    if (!head) throw new Error(`audit chain head of ${organizationId} is missing`);
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
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insertInto('audit_event').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    await updateHead(tx, { organizationId, seq, hash: prevHash });
    appended.push(...rows);
  }
  return appended;
}

/** Appends one event to its organization's chain (see appendAuditEvents). */
export async function appendAuditEvent(tx: Executor, event: NewAuditEvent, dialect: 'sqlite' | 'postgres'): Promise<AuditRow> {
  return (await appendAuditEvents(tx, [event], dialect))[0]!;
}
