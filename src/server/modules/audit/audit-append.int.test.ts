import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../../test/support/dialects';
import { openDatabase, type OpenedDatabase } from '../../db/create-db';
import { GENESIS_HASH } from './audit-hash';
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

/**
 * The chain head row is made by an organization's first append and locked by every append until
 * COMMIT: a first append starts the chain at the genesis hash, and appends racing from two server
 * processes — the first ones included, when no head exists yet — leave one gapless chain.
 */
describe.each(testDialects())('appending audit events concurrently on %s', (dialect) => {
  let t: TestDatabase;
  let second: OpenedDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // The other process: on PostgreSQL a pool of its own on the same schema. On SQLite every writer
    // takes the database's write lock first (BEGIN IMMEDIATE), and two handles in one thread would
    // wait on each other, so both writers share one handle there.
    if (dialect === 'postgres') second = await openDatabase(t.config, { pgSchema: t.schema!, pgPoolSize: 4 });
  });
  afterAll(async () => {
    await second?.close();
    await t.dispose();
  });

  it('starts a new organization\'s chain at the genesis hash on its first append', async () => {
    const [row] = await t.db.transaction().execute((tx) => appendAuditEvents(tx, [event('org-new', 1)], dialect));
    expect(row).toMatchObject({ seq: 1, prev_hash: GENESIS_HASH });
    const head = await t.db.selectFrom('audit_chain_head').selectAll().where('organization_id', '=', 'org-new').executeTakeFirstOrThrow();
    expect([Number(head.seq), head.hash]).toEqual([1, row!.hash]);
    const [next] = await t.db.transaction().execute((tx) => appendAuditEvents(tx, [event('org-new', 2)], dialect));
    expect(next).toMatchObject({ seq: 2, prev_hash: row!.hash });
    expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
  });

  it('leaves one gapless chain when appends from two processes race, the first ones too', async () => {
    const handles = [t.db, second?.db ?? t.db];
    const writers = 24;
    // On PostgreSQL the first eight transactions (both pools full) wait for each other before
    // appending, so several of them find no head yet. SQLite runs one write transaction at a time.
    const together = dialect === 'postgres' ? 8 : 1;
    let arrived = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    await Promise.all(Array.from({ length: writers }, (_, n) => handles[n % 2]!.transaction().execute(async (tx) => {
      // The request's own statements come first, as in a service; then its events, together.
      await tx.selectFrom('audit_event').select('id').where('organization_id', '=', 'org-race').limit(1).execute();
      arrived += 1;
      if (arrived >= together) release();
      await gate;
      return appendAuditEvents(tx, [event('org-race', 2 * n), event('org-race', 2 * n + 1)], dialect);
    })));

    const rows = await t.db.selectFrom('audit_event').select(['id', 'seq', 'prev_hash', 'hash']).where('organization_id', '=', 'org-race').orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 2 * writers }, (_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    // A transaction's events stay next to each other, in their order.
    const seqOf = new Map(rows.map((r) => [r.id, Number(r.seq)]));
    for (let n = 0; n < writers; n += 1) expect(seqOf.get(`org-race-${2 * n + 1}`)! - seqOf.get(`org-race-${2 * n}`)!).toBe(1);
    const head = await t.db.selectFrom('audit_chain_head').selectAll().where('organization_id', '=', 'org-race').executeTakeFirstOrThrow();
    expect([Number(head.seq), head.hash]).toEqual([2 * writers, rows.at(-1)!.hash]);
    expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
  });
});
