import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../test/support/test-app';
import { testDialects } from '../../../test/support/dialects';
import { verifyAuditChains } from '../modules/audit/audit-verify';
import { appendAuditEvents, CHAINS_PER_ORGANIZATION } from '../modules/audit/audit.repository';
import { readAuditAppends } from './read-audit';

/** Audited reads committed in groups: every answer has its durable event, and no event means no answer. */
describe.each(testDialects())('group-committed read audit on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let other: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'casey@test.example', 'clinician', 'Casey Clinician');
    other = await inviteAndAccept(t.app, admin, 'olu@test.example', 'clinician', 'Olu Other');
  });
  afterAll(async () => t.close());

  it('stores one read event per answer when many reads arrive at once, on an intact chain', async () => {
    const client = await createClient(clinician, { displayName: 'Concurrent Reads' });
    const answers = await Promise.all(Array.from({ length: 40 }, () => clinician.get(`/api/v1/clients/${client.id}`)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    const reads = await t.db.db.selectFrom('audit_event').select(['request_id']).where('action', '=', 'read').where('entity_id', '=', client.id).execute();
    expect(reads).toHaveLength(40);
    expect(new Set(reads.map((r) => r.request_id)).size).toBe(40);
    const chains = await verifyAuditChains(t.db.db);
    expect(chains.breaks).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('keeps reads on one chain of the upper half, in one statement each, and carries on when another writer moves that chain', async () => {
    const client = await createClient(clinician, { displayName: 'One Chain' });
    const readEvents = async () => t.db.db.selectFrom('audit_event').select(['chain', 'seq']).where('action', '=', 'read').where('entity_id', '=', client.id).orderBy('seq').execute();
    for (let n = 0; n < 3; n += 1) expect((await clinician.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
    const chains = new Set((await readEvents()).map((e) => Number(e.chain)));
    expect(chains.size).toBe(1);
    const chain = [...chains][0]!;
    expect(chain).toBeGreaterThanOrEqual(CHAINS_PER_ORGANIZATION / 2);
    const before = readAuditAppends(t.db.db);
    for (let n = 0; n < 3; n += 1) expect((await clinician.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
    expect(readAuditAppends(t.db.db).oneStatement - before.oneStatement).toBe(3);
    // Another process appends to that chain: the next read's one-statement append finds the head
    // moved, stores nothing, and the read's event goes in under the head lock instead.
    await t.db.db.transaction().execute((tx) => appendAuditEvents(tx, [{
      id: 'moved-by-another', organization_id: clinician.organizationId, recorded_at: t.clock.now().toISOString(), actor_id: null, actor_role: null, action: 'login',
      entity_type: 'session', entity_id: null, client_id: null, sensitivity: 'normal', outcome: 'success', reason: null, source_ip: null, request_id: 'elsewhere',
    }], 'postgres', { chain }));
    const moved = readAuditAppends(t.db.db);
    const answers = await Promise.all(Array.from({ length: 12 }, () => clinician.get(`/api/v1/clients/${client.id}`)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(readAuditAppends(t.db.db).underLock - moved.underLock).toBe(1);
    expect(await readEvents()).toHaveLength(18);
    expect((await verifyAuditChains(t.db.db)).breaks).toEqual([]);
  });

  it('audits a refused read as a denial and answers 404', async () => {
    const client = await createClient(clinician, { displayName: 'Not Yours' });
    const refused = await other.get(`/api/v1/clients/${client.id}`);
    expect(refused.statusCode).toBe(404);
    const denials = await t.db.db.selectFrom('audit_event').select(['outcome']).where('action', '=', 'denied').where('entity_id', '=', client.id).execute();
    expect(denials).toEqual([{ outcome: 'denied' }]);
  });

  it('gives no answer when the read event cannot be stored', async () => {
    const client = await createClient(clinician, { displayName: 'Audit Down' });
    if (dialect === 'sqlite') {
      await sql`create trigger refuse_audit before insert on audit_event begin select raise(abort, 'audit store unavailable'); end`.execute(t.db.db);
    } else {
      await sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit store unavailable'; end $$`.execute(t.db.db);
      await sql`create trigger refuse_audit before insert on audit_event for each row execute function refuse_audit()`.execute(t.db.db);
    }
    try {
      const answers = await Promise.all([clinician.get(`/api/v1/clients/${client.id}`), clinician.get('/api/v1/clients')]);
      for (const answer of answers) {
        expect(answer.statusCode).toBe(500);
        expect(answer.body).not.toContain('Audit Down');
      }
    } finally {
      if (dialect === 'sqlite') {
        await sql`drop trigger refuse_audit`.execute(t.db.db);
      } else {
        await sql`drop trigger refuse_audit on audit_event`.execute(t.db.db);
        await sql`drop function refuse_audit()`.execute(t.db.db);
      }
    }
    expect((await clinician.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
  });
});
