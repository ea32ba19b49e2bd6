import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditSortField } from '../../src/contracts/audit.contract';
import { verifyAuditChains } from '../../src/server/modules/audit/audit-verify';
import { CHAINS_PER_ORGANIZATION } from '../../src/server/modules/audit/audit.repository';
import { testDialects } from '../support/dialects';
import { ADMIN_PASSWORD, STAFF_PASSWORD, agentFrom, createTestApp, inviteAndAccept, type Agent, type TestApp } from '../support/test-app';
import { auditRows, expectProblem, fieldsOf, signInFrom, tokenOf } from './helpers';

type Row = Awaited<ReturnType<typeof auditRows>>[number];
interface Step { name: string; response: LightMyRequestResponse; rows: Row[] }

/** Client content that must never reach the audit trail. */
const CANARY = {
  displayName: 'Quillon Featherstone', preferredName: 'Quilly', identifier: 'CANARY-93817', phone: '+44 7700 900517', email: 'quillon@canary.example',
  address: '17 Lantern Row, Quillshire', emergencyContactName: 'Marisol Featherstone', dateOfBirth: '1987-03-14',
};
const ARCHIVE_REASON = 'Quillon moved to the Lantern Row hostel';

/**
 * The audit trail (security-reference §8 rows 27–32): one event per audited action with the
 * request's id and no client content, denials recorded, a verifiable hash chain that reveals
 * edits, removals and reordering, and a report filtered by period, user, client and action.
 */
describe.each(testDialects())('audit trail on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let clinician: Agent;
  let other: Agent;
  let clientId: string;
  const steps: Step[] = [];
  const org = () => admin.organizationId;

  async function step(name: string, send: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
    const before = new Set((await auditRows(t.db.db)).map((r) => r.id));
    const response = await send();
    expect(response.statusCode, `${name}: ${response.body}`).toBeLessThan(500);
    steps.push({ name, response, rows: (await auditRows(t.db.db)).filter((r) => !before.has(r.id)) });
    return response;
  }
  const rowsOf = (name: string) => steps.find((s) => s.name === name)!.rows;
  const summary = (rows: Row[]) => rows.map((r) => `${r.action} ${r.entity_type}${r.client_id ? ` client=${r.client_id === clientId ? 'C' : r.client_id}` : ''}`);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const setup = await step('setup', () => t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { organizationName: 'Audit Clinic', adminName: 'Test Admin', adminEmail: 'admin@test.example', adminPassword: ADMIN_PASSWORD } }));
    admin = agentFrom(t.app, setup);
    const invite = await step('invite', () => admin.post('/api/v1/invitations', { email: 'casey@test.example', role: 'clinician' }));
    clinician = agentFrom(t.app, await step('accept', () => t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token: tokenOf(invite.json().link), name: 'Casey Clinician', password: STAFF_PASSWORD } })));
    other = await inviteAndAccept(t.app, admin, 'olu@test.example', 'clinician', 'Olu Other');
    clientId = (await step('create client', () => clinician.post('/api/v1/clients', CANARY))).json().id;
    await step('read client', () => clinician.get(`/api/v1/clients/${clientId}`));
    await step('list', () => clinician.get('/api/v1/clients'));
    await step('search', () => clinician.get(`/api/v1/clients?q=${encodeURIComponent(CANARY.displayName)}`));
    await step('patch', () => clinician.patch(`/api/v1/clients/${clientId}`, { pronouns: 'he/him' }, { 'if-match': '"1"' }));
    await step('archive', () => clinician.post(`/api/v1/clients/${clientId}/archive`, { reason: ARCHIVE_REASON }, { 'if-match': '"2"' }));
    await step('audit report', () => admin.get('/api/v1/audit-events'));
    await step('denied record', () => other.get(`/api/v1/clients/${clientId}`));
    await step('denied route', () => clinician.get('/api/v1/users'));
    await step('wrong password', () => signInFrom(t.app, 'casey@test.example', 'not the password at all', { ip: '10.20.0.1' }));
  });
  afterAll(async () => t.close());

  it('records each successful request as the expected events, all carrying that request\'s id', () => {
    expect(Object.fromEntries(steps.map((s) => [s.name, summary(s.rows)]))).toEqual({
      setup: ['create organization', 'privilege-change user', 'login session'],
      invite: ['privilege-change invitation'],
      accept: ['create user', 'login session'],
      'create client': ['create client client=C'],
      'read client': ['read client client=C'],
      list: ['query client'],
      search: ['query client'],
      patch: ['update client client=C'],
      archive: ['delete client client=C'],
      'audit report': ['query audit-event'],
      'denied record': ['denied client client=C'],
      'denied route': ['denied route'],
      'wrong password': ['login-failed session'],
    });
    const requestIds = steps.map((s) => s.rows[0]!.request_id);
    for (const s of steps) expect(new Set(s.rows.map((r) => r.request_id)), s.name).toEqual(new Set([s.rows[0]!.request_id]));
    expect(requestIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(requestIds).size).toBe(steps.length);
  });

  it('records who, where, when and on which record', () => {
    const when = t.clock.now().toISOString();
    for (const s of steps.filter((x) => !['setup', 'accept', 'wrong password'].includes(x.name))) {
      for (const row of s.rows) {
        expect(row.organization_id, s.name).toBe(org());
        expect(row.recorded_at, s.name).toBe(when);
        expect(row.source_ip, s.name).toBe('127.0.0.1');
        expect(row.sensitivity, s.name).toBe('normal');
      }
    }
    expect(rowsOf('create client')[0]).toMatchObject({ actor_id: clinician.userId, actor_role: 'clinician', entity_id: clientId, outcome: 'success' });
    expect(rowsOf('invite')[0]).toMatchObject({ actor_id: admin.userId, actor_role: 'admin', entity_id: steps[1]!.response.json().id });
    expect(rowsOf('accept')[0]).toMatchObject({ actor_id: clinician.userId, entity_id: clinician.userId, organization_id: org() });
    expect(rowsOf('setup').every((r) => r.actor_id === admin.userId && r.organization_id === org())).toBe(true);
    expect(rowsOf('denied record')[0]).toMatchObject({ actor_id: other.userId, entity_id: clientId, outcome: 'denied', reason: 'client.read' });
    expect(rowsOf('denied route')[0]).toMatchObject({ actor_id: clinician.userId, outcome: 'denied' });
    expect(rowsOf('wrong password')[0]).toMatchObject({ actor_id: clinician.userId, organization_id: org(), outcome: 'denied', source_ip: '10.20.0.1' });
  });

  it('tells the caller the request id it recorded, so an answer can be traced to its audit events', () => {
    for (const s of steps) {
      const header = s.response.headers['x-request-id'] ?? s.response.headers['request-id'];
      expect(header, `${s.name} answers without a request id header`).toBe(s.rows[0]!.request_id);
    }
  });

  it('keeps client content out of every audit column', async () => {
    const rows = await auditRows(t.db.db);
    const text = JSON.stringify(rows).toLowerCase();
    for (const value of [...Object.values(CANARY), ARCHIVE_REASON, 'quillon', 'featherstone', 'lantern']) {
      expect(text.includes(value.toLowerCase()), `audit trail contains "${value}"`).toBe(false);
    }
  });

  describe('the audit report', () => {
    const report = async (query: string) => {
      const response = await admin.get(`/api/v1/audit-events?${query}`);
      expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
      return response.json() as { items: Array<Record<string, unknown> & { id: string; chain: number; seq: number; recordedAt: string }>; nextCursor: string | null };
    };

    beforeAll(async () => {
      // A second day of activity, from other addresses, for the period filter and for sorting.
      t.clock.advanceSeconds(24 * 3600);
      admin = agentFrom(t.app, await signInFrom(t.app, 'admin@test.example', ADMIN_PASSWORD, { ip: '10.20.0.2' }));
      clinician = agentFrom(t.app, await signInFrom(t.app, 'casey@test.example', STAFF_PASSWORD, { ip: '10.20.0.3' }));
      expect((await clinician.get(`/api/v1/clients/${clientId}`)).statusCode).toBe(200);
    });

    it('filters by period, user, client and action, and shows only this organization\'s events', async () => {
      const orgRows = await auditRows(t.db.db, { organizationId: org() });
      const day1 = await report('from=2026-11-22&to=2026-11-22&limit=100');
      expect(day1.items.length).toBe(orgRows.filter((r) => r.recorded_at.startsWith('2026-11-22')).length);
      expect(day1.items.every((i) => i.recordedAt.startsWith('2026-11-22'))).toBe(true);
      const day2 = await report('from=2026-11-23&limit=100');
      expect(day2.items.length).toBeGreaterThan(0);
      expect(day2.items.every((i) => i.recordedAt.startsWith('2026-11-23'))).toBe(true);
      expect((await report('to=2026-11-21')).items).toEqual([]);
      const byUser = await report(`userId=${clinician.userId}&limit=100`);
      expect(byUser.items.length).toBe(orgRows.filter((r) => r.actor_id === clinician.userId).length);
      expect(byUser.items.every((i) => i.actorId === clinician.userId)).toBe(true);
      const byClient = await report(`clientId=${clientId}&limit=100&sort=seq&order=asc`);
      // By number: by chain, then place in the chain. On PostgreSQL audited reads (and their refusals)
      // are committed on a chain of their own (decision 0003, §9), after the changes' chain 0.
      expect(byClient.items.map((i) => i.action)).toEqual(dialect === 'sqlite' ? ['create', 'read', 'update', 'delete', 'denied', 'read'] : ['create', 'update', 'delete', 'read', 'denied', 'read']);
      expect(byClient.items.map((i) => i.chain >= (dialect === 'sqlite' ? 0 : CHAINS_PER_ORGANIZATION / 2))).toEqual(dialect === 'sqlite' ? Array(6).fill(true) : [false, false, false, true, true, true]);
      const reads = await report('action=read&limit=100');
      expect(reads.items.length).toBe(2);
      expect(reads.items.every((i) => i.action === 'read')).toBe(true);
      const everything = await report('limit=100');
      const own = new Set((await auditRows(t.db.db, { organizationId: org() })).map((r) => r.id));
      expect(everything.items.length).toBeGreaterThan(0);
      expect(everything.items.every((i) => own.has(i.id))).toBe(true);
    });

    it('sorts by every allow-listed field, ascending and descending, ties broken by chain and then seq', async () => {
      const keyOf: Record<string, string> = { recordedAt: 'recordedAt', actorName: 'actorName', actorRole: 'actorRole', action: 'action', entityType: 'entityType', clientId: 'clientId', outcome: 'outcome', sourceIp: 'sourceIp', seq: 'seq' };
      expect(Object.keys(keyOf).sort()).toEqual([...AuditSortField.options].sort());
      for (const field of AuditSortField.options) {
        for (const order of ['asc', 'desc'] as const) {
          const { items } = await report(`sort=${field}&order=${order}&limit=100&to=2026-11-23`);
          expect(items.length).toBeGreaterThan(10);
          // The number sort is by chain, then place in the chain.
          const place = (i: { chain: number; seq: number }) => i.chain * 1e9 + i.seq;
          const values = items.map((i) => (field === 'seq' ? place(i) : i[keyOf[field]!] as string | number | null));
          // Missing values (null) sort together at one end; the dialects differ on which end.
          const firstNull = values.indexOf(null);
          if (firstNull >= 0) {
            const nulls = values.filter((v) => v === null).length;
            const together = values.slice(firstNull, firstNull + nulls).every((v) => v === null);
            expect(together && (firstNull === 0 || firstNull + nulls === values.length), `${field} ${order}: nulls at one end`).toBe(true);
          }
          const sign = order === 'asc' ? 1 : -1;
          for (let i = 1; i < items.length; i += 1) {
            const [a, b] = [values[i - 1], values[i]];
            if (a === null || b === null || a === undefined || b === undefined) continue;
            const cmp = a < b ? -1 : a > b ? 1 : 0;
            expect(cmp === 0 || cmp === -sign, `${field} ${order} at ${i}: ${a} then ${b}`).toBe(true);
            if (cmp === 0) expect(Math.sign(place(items[i]!) - place(items[i - 1]!)), `${field} ${order} tie at ${i}`).toBe(sign);
          }
        }
      }
    });

    it('refuses an unknown sort field or order with 400, whatever SQL it carries', async () => {
      for (const query of ['sort=recorded_at', 'sort=recorded_at;drop table client', 'sort=recordedAt%20desc', 'order=asc;drop table client', 'sort=recordedAt&sort=seq', 'sort=name', 'order=up']) {
        const response = await admin.get(`/api/v1/audit-events?${query}`);
        expectProblem(response, 400);
        expect(fieldsOf(response).some((f) => f.startsWith('querystring')), query).toBe(true);
      }
      expect((await clinician.get(`/api/v1/clients/${clientId}`)).statusCode).toBe(200);
      expect((await t.db.db.selectFrom('client').select('id').execute()).length).toBe(1);
    });

    it('pages with a cursor, without gaps or repeats', async () => {
      const whole = await report('to=2026-11-22&sort=seq&order=asc&limit=100');
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await report(`to=2026-11-22&sort=seq&order=asc&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(pages).toBe(Math.ceil(whole.items.length / 4));
      expect(seen).toEqual(whole.items.map((i) => i.id));
      const bad = await admin.get('/api/v1/audit-events?cursor=bm90LWEtbnVtYmVy');
      expectProblem(bad, 400);
      expect(fieldsOf(bad)).toEqual(['cursor']);
    });
  });

  describe('tamper evidence', () => {
    const db = () => t.db.db;
    const chainBreaks = async () => (await verifyAuditChains(db())).breaks.map((b) => ({ organizationId: b.organizationId, seq: b.seq, problem: b.problem }));
    const rowAt = async (seq: number) => (await auditRows(db(), { organizationId: org() })).find((r) => r.seq === seq)!;

    it('verifies the untouched chains', async () => {
      const result = await verifyAuditChains(db());
      expect(result.breaks).toEqual([]);
      expect(result.events).toBe((await auditRows(db())).length);
    });

    it('is refused by the database: no UPDATE, no DELETE, no emptying the table', async () => {
      await expect(db().updateTable('audit_event').set({ action: 'read' }).where('organization_id', '=', org()).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
      await expect(db().deleteFrom('audit_event').where('organization_id', '=', org()).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
      await expect(db().deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
      let emptied = false;
      await db().transaction().execute(async (tx) => {
        if (dialect === 'postgres') {
          await sql`truncate audit_event`.execute(tx).then(() => { emptied = true; }, () => undefined);
        }
        throw new Error('roll back whatever happened');
      }).catch(() => undefined);
      expect(emptied, 'TRUNCATE audit_event succeeded').toBe(false);
      expect(await chainBreaks()).toEqual([]);
    });

    describe('with the append-only triggers dropped', () => {
      beforeAll(async () => {
        if (dialect === 'sqlite') {
          await sql`drop trigger audit_event_no_update`.execute(db());
          await sql`drop trigger audit_event_no_delete`.execute(db());
        } else {
          await sql`drop trigger audit_event_no_update on audit_event`.execute(db());
        }
      });

      it('detects an edited event at its seq', async () => {
        const original = await rowAt(3);
        await db().updateTable('audit_event').set({ action: 'read' }).where('id', '=', original.id).execute();
        expect(await chainBreaks()).toEqual([{ organizationId: org(), seq: 3, problem: expect.stringMatching(/changed/) }]);
        await db().updateTable('audit_event').set({ action: original.action }).where('id', '=', original.id).execute();
        expect(await chainBreaks()).toEqual([]);
      });

      it('detects a removed event in the middle at its seq', async () => {
        const { seq: _seq, ...removed } = await rowAt(5);
        await db().deleteFrom('audit_event').where('id', '=', removed.id).execute();
        expect(await chainBreaks()).toEqual([{ organizationId: org(), seq: 5, problem: expect.stringMatching(/missing/) }]);
        await db().insertInto('audit_event').values({ ...removed, seq: 5 }).execute();
        expect(await chainBreaks()).toEqual([]);
      });

      it('detects two events that swapped places at the first of them', async () => {
        const [a, b] = [await rowAt(4), await rowAt(6)];
        const swap = async (x: string, y: string, xSeq: number, ySeq: number) => {
          await db().updateTable('audit_event').set({ seq: -1 }).where('id', '=', x).execute();
          await db().updateTable('audit_event').set({ seq: xSeq }).where('id', '=', y).execute();
          await db().updateTable('audit_event').set({ seq: ySeq }).where('id', '=', x).execute();
        };
        await swap(a.id, b.id, 4, 6);
        expect(await chainBreaks()).toEqual([{ organizationId: org(), seq: 4, problem: expect.stringMatching(/does not follow/) }]);
        await swap(b.id, a.id, 4, 6);
        expect(await chainBreaks()).toEqual([]);
      });

      it('detects the removal of the last event', async () => {
        const rows = await auditRows(db(), { organizationId: org() });
        const { seq: lastSeq, ...last } = rows[rows.length - 1]!;
        await db().deleteFrom('audit_event').where('id', '=', last.id).execute();
        expect(await chainBreaks()).toEqual([{ organizationId: org(), seq: lastSeq, problem: expect.stringMatching(/end/) }]);
        await db().insertInto('audit_event').values({ ...last, seq: lastSeq }).execute();
        expect(await chainBreaks()).toEqual([]);
      });
    });
  });
});
