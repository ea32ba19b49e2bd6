import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../../test/support/dialects';
import { openDatabase, type OpenedDatabase } from '../../db/create-db';
import { GENESIS_HASH } from './audit-hash';
import { appendAuditEvent, appendAuditEvents, appendIfHeadUnchanged, CHAINS_PER_ORGANIZATION, type NewAuditEvent } from './audit.repository';
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

    // One writer at a time: everything went to chain 0 (PostgreSQL also made the other chains' heads, at the genesis).
    const heads = await t.db.selectFrom('audit_chain_head').selectAll().orderBy('organization_id').orderBy('chain').execute();
    expect(heads.filter((h) => Number(h.seq) > 0).map((h) => [h.organization_id, Number(h.chain), Number(h.seq)])).toEqual([['org-a', 0, 300], ['org-b', 0, 151]]);
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
 * Chain heads are made by an organization's first append and locked by every append until COMMIT: a
 * first append starts at the genesis hash, and appends racing from two server processes — the first
 * ones included, when no head exists yet — leave gapless chains. On PostgreSQL a writer takes a chain
 * no other transaction holds, so writers do not wait for each other's commits.
 */
describe.each(testDialects())('appending audit events concurrently on %s', (dialect) => {
  let t: TestDatabase;
  let second: OpenedDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    // The other process: on PostgreSQL a pool of its own on the same schema. On SQLite every writer
    // takes the database's write lock first (BEGIN IMMEDIATE), and two handles in one thread would
    // wait on each other, so both writers share one handle there.
    if (dialect === 'postgres') second = await openDatabase(t.config, { pgSchema: t.schema!, pgPoolSize: CHAINS_PER_ORGANIZATION + 1 });
  });
  afterAll(async () => {
    await second?.close();
    await t.dispose();
  });

  /** How many sessions wait on a lock over an audit chain head (a writer queued behind a holder). */
  const waiting = async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%audit_chain_head%'`.execute(t.db)).rows[0]!.n;

  /** The organization's events by chain, each in seq order. */
  const chainsOf = async (organizationId: string) => {
    const rows = await t.db.selectFrom('audit_event').select(['id', 'chain', 'seq', 'prev_hash', 'hash']).where('organization_id', '=', organizationId).orderBy('chain').orderBy('seq').execute();
    const byChain = new Map<number, typeof rows>();
    for (const row of rows) byChain.set(Number(row.chain), [...(byChain.get(Number(row.chain)) ?? []), row]);
    return byChain;
  };

  /** Each chain starts at 1 from the genesis hash, has no gap, links each event to the one before, and its head is its last event. */
  const expectGaplessChains = async (organizationId: string) => {
    const byChain = await chainsOf(organizationId);
    const heads = await t.db.selectFrom('audit_chain_head').selectAll().where('organization_id', '=', organizationId).execute();
    for (const [chain, rows] of byChain) {
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
      expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
      for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
      const head = heads.find((h) => Number(h.chain) === chain)!;
      expect([Number(head.seq), head.hash]).toEqual([rows.length, rows.at(-1)!.hash]);
    }
    // Heads made ahead for chains not used yet are at the genesis.
    for (const head of heads.filter((h) => !byChain.has(Number(h.chain)))) expect([Number(head.seq), head.hash]).toEqual([0, GENESIS_HASH]);
    expect((await verifyAuditChains(t.db)).breaks).toEqual([]);
    return byChain;
  };

  it('starts a new organization\'s chain at the genesis hash on its first append', async () => {
    const [row] = await t.db.transaction().execute((tx) => appendAuditEvents(tx, [event('org-new', 1)], dialect));
    expect(row).toMatchObject({ chain: 0, seq: 1, prev_hash: GENESIS_HASH });
    const [next] = await t.db.transaction().execute((tx) => appendAuditEvents(tx, [event('org-new', 2)], dialect));
    expect(next).toMatchObject({ chain: 0, seq: 2, prev_hash: row!.hash });
    const heads = await t.db.selectFrom('audit_chain_head').selectAll().where('organization_id', '=', 'org-new').orderBy('chain').execute();
    expect(heads.map((h) => Number(h.chain))).toEqual(Array.from({ length: dialect === 'postgres' ? CHAINS_PER_ORGANIZATION : 1 }, (_, i) => i));
    await expectGaplessChains('org-new');
  });

  it('leaves gapless chains when appends from two processes race, the first ones too', async () => {
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

    const byChain = await expectGaplessChains('org-race');
    expect([...byChain.values()].reduce((n, rows) => n + rows.length, 0)).toBe(2 * writers);
    if (dialect === 'sqlite') expect([...byChain.keys()]).toEqual([0]);
    // A transaction's events stay next to each other, in their order, in one chain.
    const placed = new Map([...byChain.values()].flat().map((r) => [r.id, [Number(r.chain), Number(r.seq)]]));
    for (let n = 0; n < writers; n += 1) {
      const [chainA, seqA] = placed.get(`org-race-${2 * n}`)!;
      const [chainB, seqB] = placed.get(`org-race-${2 * n + 1}`)!;
      expect([chainB, seqB! - seqA!]).toEqual([chainA, 1]);
    }
  });

  it.runIf(dialect === 'postgres')('lets a writer append while another holds a chain, keeps one transaction to one chain, and queues a writer only when every chain is held', async () => {
    const other = second!.db;
    // The organization's heads exist once its first append has committed (until then a second first
    // append waits for that commit).
    await t.db.transaction().execute((tx) => appendAuditEvents(tx, [event('org-held', 1)], dialect));
    // An append waiting on a held chain would never finish while its holder waits for it: each step
    // below finishes only because the appends take free chains.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const holders: Array<Promise<unknown>> = [];
    for (let n = 0; n < CHAINS_PER_ORGANIZATION; n += 1) {
      let appended!: () => void;
      const done = new Promise<void>((resolve) => { appended = resolve; });
      holders.push(other.transaction().execute(async (tx) => {
        await appendAuditEvents(tx, [event('org-held', 100 + n)], dialect);
        // A second append in the same transaction goes to the chain it already holds.
        await appendAuditEvents(tx, [event('org-held', 200 + n)], dialect);
        appended();
        await gate;
      }));
      await done;
    }
    // Every chain is held now: this writer waits for one of them.
    let queuedDone = false;
    const queued = t.db.transaction().execute((tx) => appendAuditEvents(tx, [event('org-held', 999)], dialect)).then((rows) => {
      queuedDone = true;
      return rows;
    });
    while ((await waiting()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queuedDone).toBe(false);
    release();
    await Promise.all(holders);
    const [row] = await queued;

    const byChain = await expectGaplessChains('org-held');
    expect(byChain.size).toBe(CHAINS_PER_ORGANIZATION);
    for (let n = 0; n < CHAINS_PER_ORGANIZATION; n += 1) {
      const chainOf = (id: string) => [...byChain.entries()].find(([, rows]) => rows.some((r) => r.id === id))![0];
      expect(chainOf(`org-held-${200 + n}`)).toBe(chainOf(`org-held-${100 + n}`));
    }
    // The queued writer's event follows the events of the chain it waited for (the first append's too on chain 0).
    expect(row!.seq).toBe(row!.chain === 0 ? 4 : 3);
  });

  it.runIf(dialect === 'postgres')('appends in one statement while the head is where the writer left it, and stores nothing once another writer has moved it', async () => {
    const [first] = await t.db.transaction().execute((tx) => appendAuditEvents(tx, [event('org-cond', 1)], dialect, { chain: 11 }));
    expect([first!.chain, first!.seq]).toEqual([11, 1]);
    const head = { chain: 11, seq: 1, hash: first!.hash };
    const next = await appendIfHeadUnchanged(t.db, 'org-cond', head, [event('org-cond', 2), event('org-cond', 3)]);
    expect(next).toEqual({ chain: 11, seq: 3, hash: expect.any(String) });
    // The same head again is stale now: nothing is stored, and the head stays where the last append left it.
    expect(await appendIfHeadUnchanged(t.db, 'org-cond', head, [event('org-cond', 4)])).toBeUndefined();
    // Another writer (another process) moves the head; the one-statement writer's next try stores nothing.
    await second!.db.transaction().execute((tx) => appendAuditEvents(tx, [event('org-cond', 5)], dialect, { chain: 11 }));
    expect(await appendIfHeadUnchanged(t.db, 'org-cond', next!, [event('org-cond', 6)])).toBeUndefined();
    // While another transaction holds the head, the statement waits; that one commits a move, so this stores nothing.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => { holding = resolve; });
    const holder = second!.db.transaction().execute(async (tx) => {
      await appendAuditEvents(tx, [event('org-cond', 7)], dialect, { chain: 11 });
      holding();
      await gate;
    });
    await held;
    const [current] = await t.db.selectFrom('audit_chain_head').select(['chain', 'seq', 'hash']).where('organization_id', '=', 'org-cond').where('chain', '=', 11).execute();
    const waiter = appendIfHeadUnchanged(t.db, 'org-cond', { chain: 11, seq: Number(current!.seq), hash: current!.hash }, [event('org-cond', 8)]);
    while ((await waiting()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await holder;
    expect(await waiter).toBeUndefined();
    const byChain = await expectGaplessChains('org-cond');
    expect(byChain.get(11)!.map((r) => r.id)).toEqual(['org-cond-1', 'org-cond-2', 'org-cond-3', 'org-cond-5', 'org-cond-7']);
    await expect(appendIfHeadUnchanged(t.db, 'org-cond', next!, [event('org-other', 9)])).rejects.toThrow('must belong to the organization');
  });
});
