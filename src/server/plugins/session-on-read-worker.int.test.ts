import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/dialects';
import { ADMIN_PASSWORD, agentFrom, createClient, createTestApp, inviteAndAccept, setupOrganization, signIn, type Agent, type TestApp } from '../../../test/support/test-app';
import { auditRows, expectProblem } from '../../../test/server/helpers';
import type { ReadPool } from '../db/read-pool';
import { sha256Hex } from '../lib/crypto';
import { SessionLeftToEventLoop } from '../lib/read-audit';
import { verifyAuditChains } from '../modules/audit/audit-verify';

/**
 * The session check of the four audited reads runs on the read worker with the read (decision 0003
 * §10). The worker admits only a session that needs nothing written; everything else — a time-out,
 * an activity touch, a disabled account, a refusal — is checked on the event loop exactly as before,
 * with the same answers, session ends and audit events.
 */
describe.each(testDialects())('session checks on the read worker, %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let casey: Agent;
  let clientId: string;
  let episodeId: string;
  /** What each worker run did with the session: admitted it, or left it to the event loop. */
  let runs: Array<'admitted' | 'left' | 'not deferred'> = [];

  const tokenOf = (agent: Agent) => agent.cookie.split(';')[0]!.split('=').slice(1).join('=');
  const sessionRow = (agent: Agent) => t.db.db.selectFrom('auth_session').selectAll().where('token_hash', '=', sha256Hex(tokenOf(agent))).executeTakeFirstOrThrow();
  const readEventsOf = async (requestId: unknown) => (await auditRows(t.db.db, { requestId: String(requestId) })).filter((r) => r.action === 'read' || r.action === 'query');
  const freshCasey = async () => agentFrom(t.app, await signIn(t.app, 'casey@test.example'));

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { readWorkers: 1 });
    const pool = t.readPool as ReadPool;
    const run = pool.run.bind(pool);
    pool.run = async (task, ctx, args) => {
      const deferred = ctx.deferredSession !== undefined && ctx.deferredSession !== null;
      const outcome = await run(task, ctx, args);
      runs.push(!deferred ? 'not deferred' : outcome.admitted ? 'admitted' : !outcome.ok && outcome.error instanceof SessionLeftToEventLoop ? 'left' : 'not deferred');
      return outcome;
    };
    admin = await setupOrganization(t.app);
    casey = await inviteAndAccept(t.app, admin, 'casey@test.example', 'clinician', 'Casey Clinician');
    await inviteAndAccept(t.app, admin, 'sam@test.example', 'supervisor', 'Sam Supervisor');
    clientId = (await createClient(casey, { displayName: 'Deferred Check' })).id;
    episodeId = (await casey.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02', contractedSessions: 12 })).json().id;
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    runs = [];
  });

  it('admits a live session on the worker for the caseload, the client, its episodes and the episode page, in one run each, with the actor on the read event', async () => {
    const agent = await freshCasey();
    for (const url of ['/api/v1/clients?status=active', `/api/v1/clients/${clientId}`, `/api/v1/clients/${clientId}/episodes`, `/api/v1/episodes/${episodeId}`]) {
      runs = [];
      const answer = await agent.get(url);
      expect(answer.statusCode, url).toBe(200);
      expect(runs, url).toEqual(['admitted']);
      const events = await readEventsOf(answer.headers['x-request-id']);
      expect(events, url).toHaveLength(1);
      expect(events[0], url).toMatchObject({ actor_id: casey.userId, actor_role: 'clinician', organization_id: casey.organizationId, outcome: 'success' });
    }
  });

  it('leaves a due activity touch to the event loop, which records it and then reads; the next read is admitted on the worker again', async () => {
    const agent = await freshCasey();
    const before = (await sessionRow(agent)).last_seen_at;
    t.clock.advanceSeconds(61);
    const answer = await agent.get(`/api/v1/clients/${clientId}`);
    expect(answer.statusCode).toBe(200);
    expect(runs).toEqual(['left', 'not deferred']);
    expect((await sessionRow(agent)).last_seen_at).toBe(t.clock.now().toISOString());
    expect((await sessionRow(agent)).last_seen_at > before).toBe(true);
    expect(await readEventsOf(answer.headers['x-request-id'])).toHaveLength(1);
    runs = [];
    expect((await agent.get(`/api/v1/clients/${clientId}`)).statusCode).toBe(200);
    expect(runs).toEqual(['admitted']);
  });

  it('ends an idle session on the event loop: 401, the session ended and audited as a time-out, nothing read', async () => {
    const agent = await freshCasey();
    t.clock.advanceSeconds(901);
    const answer = await agent.get(`/api/v1/episodes/${episodeId}`);
    expect(expectProblem(answer, 401).type).toMatch(/\/session-ended$/);
    expect(runs).toEqual(['left']);
    const row = await sessionRow(agent);
    expect(row.end_reason).toBe('idle time-out');
    const timeouts = (await auditRows(t.db.db, { organizationId: casey.organizationId })).filter((r) => r.action === 'timeout' && r.entity_id === row.id);
    expect(timeouts).toHaveLength(1);
    expect(await readEventsOf(answer.headers['x-request-id'])).toEqual([]);
  });

  it('refuses a signed-out session and a token that never existed with 401, reading nothing', async () => {
    const agent = await freshCasey();
    expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const asStranger = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: `ipt_session=${'x'.repeat(43)}` } });
    for (const get of [(url: string) => agent.get(url), asStranger]) {
      runs = [];
      const answer = await get(`/api/v1/clients/${clientId}`);
      expectProblem(answer, 401);
      expect(runs).toEqual(['left']);
      expect(await readEventsOf(answer.headers['x-request-id'])).toEqual([]);
    }
  });

  it('ends a disabled account\'s session on the event loop', async () => {
    const agent = await freshCasey();
    await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', casey.userId).execute();
    try {
      expectProblem(await agent.get('/api/v1/clients?status=active'), 401);
      expect(runs).toEqual(['left']);
      expect((await sessionRow(agent)).end_reason).toBe('account disabled');
    } finally {
      await t.db.db.updateTable('app_user').set({ status: 'active' }).where('id', '=', casey.userId).execute();
    }
  });

  it('refuses a role that may never list clients on the event loop, with its denial audited', async () => {
    const freshAdmin = agentFrom(t.app, await signIn(t.app, 'admin@test.example', ADMIN_PASSWORD));
    const answer = await freshAdmin.get('/api/v1/clients?status=active');
    expectProblem(answer, 403);
    expect(runs).toEqual(['left']);
    const denials = (await auditRows(t.db.db, { requestId: String(answer.headers['x-request-id']) })).filter((r) => r.action === 'denied');
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({ actor_id: admin.userId, entity_type: 'route', outcome: 'denied' });
  });

  it('sends a counsellor of an organization that requires MFA to enrolment first', async () => {
    const agent = await freshCasey();
    await t.db.db.updateTable('organization').set({ require_mfa: 1 }).where('id', '=', casey.organizationId).execute();
    try {
      expect(expectProblem(await agent.get(`/api/v1/clients/${clientId}`), 403).type).toMatch(/\/mfa-enrolment-required$/);
      expect(runs).toEqual(['left']);
    } finally {
      await t.db.db.updateTable('organization').set({ require_mfa: 0 }).where('id', '=', casey.organizationId).execute();
    }
  });

  it('loads a supervisor\'s supervisees on the worker, so a supervised client is shown', async () => {
    const sam = agentFrom(t.app, await signIn(t.app, 'sam@test.example'));
    const freshAdmin = agentFrom(t.app, await signIn(t.app, 'admin@test.example', ADMIN_PASSWORD));
    const assigned = await freshAdmin.post('/api/v1/supervision-assignments', { supervisorId: sam.userId, clinicianId: casey.userId });
    expect(assigned.statusCode, assigned.body).toBe(201);
    runs = [];
    const answer = await sam.get(`/api/v1/clients/${clientId}`);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(runs).toEqual(['admitted']);
    expect((await readEventsOf(answer.headers['x-request-id']))[0]).toMatchObject({ actor_id: sam.userId, actor_role: 'supervisor' });
  });

  it('answers a request with parameters that do not validate as if the session came first: 401 when signed out, 400 when signed in', async () => {
    const agent = await freshCasey();
    const badLimit = '/api/v1/clients?limit=many';
    expect(fieldOf(expectProblem(await agent.get(badLimit), 400))).toContain('querystring.limit');
    expect((await sessionRow(agent)).ended_at).toBeNull();
    expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expectProblem(await agent.get(badLimit), 401);
    expect(runs).toEqual([]);
  });

  it('leaves every chain intact', async () => {
    expect((await verifyAuditChains(t.db.db)).breaks).toEqual([]);
  });
});

function fieldOf(problem: ReturnType<typeof expectProblem>): string[] {
  return (problem.errors ?? []).map((e) => e.field);
}
