import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventTable } from '../../src/server/modules/audit/audit.table';
import { GENESIS_HASH, hashAuditEvent } from '../../src/server/modules/audit/audit-hash';
import { verifyAuditChains } from '../../src/server/modules/audit/audit-verify';
import { testDialects } from '../support/dialects';
import { ADMIN_PASSWORD, agentFrom, createTestApp, type Agent, type TestApp } from '../support/test-app';

interface Item { id: string; chain: number; seq: number }

/**
 * The audit report when an organization's events are in several chains (PostgreSQL writers that
 * overlapped): each event names its chain, and the number column sorts by chain, then place.
 */
describe.each(testDialects())('the audit report over several chains on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  const second: AuditEventTable[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = agentFrom(t.app, await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { organizationName: 'Chains Clinic', adminName: 'Test Admin', adminEmail: 'admin@test.example', adminPassword: ADMIN_PASSWORD } }));
    // Chain 1 as overlapping writers leave it: seq from 1, linked from the genesis hash, its own head.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq += 1) {
      const base = {
        id: `chain-one-${seq}`, organization_id: admin.organizationId, chain: 1, seq, recorded_at: t.clock.now().toISOString(), actor_id: admin.userId, actor_role: 'admin',
        action: 'read', entity_type: 'client', entity_id: `client-${seq}`, client_id: null, sensitivity: 'normal', outcome: 'success', reason: null, source_ip: '127.0.0.1',
        request_id: `req-${seq}`, prev_hash: prev,
      };
      const row = { ...base, hash: hashAuditEvent(base) };
      second.push(row);
      prev = row.hash;
    }
    await t.db.db.insertInto('audit_event').values(second).execute();
    await t.db.db.deleteFrom('audit_chain_head').where('organization_id', '=', admin.organizationId).where('chain', '=', 1).execute();
    await t.db.db.insertInto('audit_chain_head').values({ organization_id: admin.organizationId, chain: 1, seq: 3, hash: prev }).execute();
  });
  afterAll(async () => t.close());

  const report = async (query: string): Promise<Item[]> => {
    const response = await admin.get(`/api/v1/audit-events?${query}&limit=100`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Item[] }).items;
  };

  it('names each event\'s chain and sorts the number column by chain, then place in the chain', async () => {
    const ascending = await report('sort=seq&order=asc');
    const firstChain = ascending.filter((i) => i.chain === 0);
    expect(firstChain.length).toBeGreaterThan(0);
    expect(ascending.map((i) => [i.chain, i.seq])).toEqual([...firstChain.map((i) => [0, i.seq]), [1, 1], [1, 2], [1, 3]]);
    expect(firstChain.map((i) => i.seq)).toEqual(firstChain.map((_, n) => n + 1));
    expect(ascending.slice(-3).map((i) => i.id)).toEqual(second.map((e) => e.id));
    // The first report is audited too: its own event is new in the second.
    const descending = (await report('sort=seq&order=desc')).filter((i) => ascending.some((a) => a.id === i.id));
    expect(descending.map((i) => i.id)).toEqual(ascending.map((i) => i.id).reverse());
  });

  it('breaks ties of equal times by chain, then place', async () => {
    const byTime = await report('sort=recordedAt&order=asc');
    const sameTime = byTime.filter((i) => second.some((e) => e.id === i.id));
    expect(sameTime.map((i) => i.seq)).toEqual([1, 2, 3]);
    expect((await verifyAuditChains(t.db.db)).breaks).toEqual([]);
  });
});
