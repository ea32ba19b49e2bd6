import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../../test/support/dialects';
import { appendAuditEvent, appendAuditEvents, type NewAuditEvent } from './audit.repository';
import { verifyAuditChains } from './audit-verify';

function event(organizationId: string, n: number): NewAuditEvent {
  return {
    id: `${organizationId}-${n}`, organization_id: organizationId, recorded_at: `2026-12-06T10:00:${String(n % 60).padStart(2, '0')}.000Z`, actor_id: 'u1', actor_role: 'clinician',
    action: 'read', entity_type: 'client', entity_id: `c${n}`, client_id: `c${n}`, sensitivity: 'normal', outcome: 'success', reason: null, source_ip: '127.0.0.1', request_id: `r${n}`,
  };
}

/** Appending many events at once (the read-audit group commit) builds the same chains as one at a time. */
describe.each(testDialects())('appending audit events in a batch on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.dispose());

  it('keeps each organization\'s order across interleaved organizations and insert chunks, and the chains verify', async () => {
    await t.db.transaction().execute((tx) => appendAuditEvent(tx, event('org-b', 0), dialect));
    const batch: NewAuditEvent[] = [];
    for (let n = 1; n <= 450; n += 1) batch.push(event(n % 3 === 0 ? 'org-b' : 'org-a', n));
    const appended = await t.db.transaction().execute((tx) => appendAuditEvents(tx, batch, dialect));
    expect(appended).toHaveLength(450);

    const rows = await t.db.selectFrom('audit_event').select(['organization_id', 'seq', 'id']).orderBy('organization_id').orderBy('seq').execute();
    const idsOf = (org: string) => rows.filter((r) => r.organization_id === org).map((r) => r.id);
    expect(idsOf('org-a')).toEqual(batch.filter((e) => e.organization_id === 'org-a').map((e) => e.id));
    expect(idsOf('org-b')).toEqual(['org-b-0', ...batch.filter((e) => e.organization_id === 'org-b').map((e) => e.id)]);
    expect(rows.filter((r) => r.organization_id === 'org-b').map((r) => Number(r.seq))).toEqual(Array.from({ length: 151 }, (_, i) => i + 1));

    const heads = await t.db.selectFrom('audit_chain_head').selectAll().orderBy('organization_id').execute();
    expect(heads.map((h) => [h.organization_id, Number(h.seq)])).toEqual([['org-a', 300], ['org-b', 151]]);
    const verified = await verifyAuditChains(t.db);
    expect(verified.breaks).toEqual([]);
    expect(verified.events).toBe(451);
  });

  it('stores nothing of a batch whose transaction fails', async () => {
    const before = await t.db.selectFrom('audit_chain_head').selectAll().orderBy('organization_id').execute();
    await expect(t.db.transaction().execute(async (tx) => {
      await appendAuditEvents(tx, [event('org-a', 1000), event('org-c', 1001)], dialect);
      throw new Error('the change being audited failed');
    })).rejects.toThrow('failed');
    expect(await t.db.selectFrom('audit_chain_head').selectAll().orderBy('organization_id').execute()).toEqual(before);
    expect(await t.db.selectFrom('audit_event').select('id').where('id', 'in', ['org-a-1000', 'org-c-1001']).execute()).toEqual([]);
  });
});
