import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { ADMIN_PASSWORD, STAFF_PASSWORD, agentFrom, createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { auditRows, expectProblem, fieldsOf, signInFrom, withAuditChainHeld } from '../../../../test/server/helpers';

/** User administration: listing, role and status changes, the last administrator, supervision assignments. */
describe.each(testDialects())('users and supervision on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let cara: Agent;
  let dev: Agent;
  let sue: Agent;
  let ip = 0;
  const signIn = (email: string, password = STAFF_PASSWORD) => signInFrom(t.app, email, password, { ip: `10.7.0.${(ip += 1)}` });
  const versionOf = async (id: string) => Number((await t.db.db.selectFrom('app_user').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
  const privilegeEvents = async (entityId: string) =>
    (await auditRows(t.db.db, { organizationId: admin.organizationId })).filter((r) => r.action === 'privilege-change' && r.entity_id === entityId).map((r) => r.reason);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    cara = await inviteAndAccept(t.app, admin, 'cara@test.example', 'clinician', 'Cara Clinician');
    dev = await inviteAndAccept(t.app, admin, 'dev@test.example', 'clinician', 'Dev Clinician');
    sue = await inviteAndAccept(t.app, admin, 'sue@test.example', 'supervisor', 'Sue Supervisor');
  });
  afterAll(async () => t.close());

  it('lists the organization\'s users to an administrator, filtered, without secrets', async () => {
    const all = await admin.get('/api/v1/users');
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json().items as Array<Record<string, unknown>>;
    expect(items.map((u) => u.email).sort()).toEqual(['admin@test.example', 'cara@test.example', 'dev@test.example', 'sue@test.example']);
    for (const user of items) {
      expect(Object.keys(user).sort()).toEqual(['createdAt', 'email', 'id', 'lastLoginAt', 'mfaEnabled', 'name', 'role', 'status', 'supervisorIds', 'version']);
    }
    expect((await admin.get('/api/v1/users?role=clinician')).json().items.map((u: { email: string }) => u.email).sort()).toEqual(['cara@test.example', 'dev@test.example']);
    expect((await admin.get('/api/v1/users?q=SUE')).json().items.map((u: { email: string }) => u.email)).toEqual(['sue@test.example']);
    expect((await admin.get('/api/v1/users?q=%25')).json().items).toEqual([]);
    expectProblem(await admin.get('/api/v1/users?role=owner'), 400);
  });

  it('treats _ and % in a search as the characters themselves', async () => {
    await inviteAndAccept(t.app, admin, 'under_score@test.example', 'clinician', 'Uli Underscore');
    const found = await admin.get('/api/v1/users?q=under_score');
    expect(found.json().items.map((u: { email: string }) => u.email)).toEqual(['under_score@test.example']);
    expect((await admin.get('/api/v1/users?q=under%25score')).json().items).toEqual([]);
  });

  it('changes a role only with a current If-Match, audits it, and the change applies to open sessions at once', async () => {
    expectProblem(await dev.get('/api/v1/supervision/clinicians'), 403);
    expectProblem(await admin.patch(`/api/v1/users/${dev.userId}`, { role: 'supervisor' }), 428);
    const stale = await admin.patch(`/api/v1/users/${dev.userId}`, { role: 'supervisor' }, { 'if-match': '"99"' });
    expect(expectProblem(stale, 412).currentVersion).toBe(1);
    expect((await t.db.db.selectFrom('app_user').select('role').where('id', '=', dev.userId).executeTakeFirstOrThrow()).role).toBe('clinician');

    const promoted = await admin.patch(`/api/v1/users/${dev.userId}`, { role: 'supervisor' }, { 'if-match': '"1"' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.headers.etag).toBe('"2"');
    expect(promoted.json()).toMatchObject({ role: 'supervisor', version: 2 });
    expect((await dev.get('/api/v1/supervision/clinicians')).statusCode).toBe(200);

    const demoted = await admin.patch(`/api/v1/users/${dev.userId}`, { role: 'clinician' }, { 'if-match': '"2"' });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expectProblem(await dev.get('/api/v1/supervision/clinicians'), 403);
    expect(await privilegeEvents(dev.userId)).toEqual(['role clinician → supervisor', 'role supervisor → clinician']);
  });

  it('ends a disabled user\'s sessions at once and answers their sign-in exactly like a wrong password', async () => {
    const eve = await inviteAndAccept(t.app, admin, 'eve@test.example', 'clinician', 'Eve Leaving');
    const second = agentFrom(t.app, await signIn('eve@test.example'));
    const disabled = await admin.patch(`/api/v1/users/${eve.userId}`, { status: 'disabled' }, { 'if-match': `"${await versionOf(eve.userId)}"` });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    expectProblem(await eve.get('/api/v1/auth/session'), 401);
    expectProblem(await second.get('/api/v1/clients'), 401);
    const live = await t.db.db.selectFrom('auth_session').select('id').where('user_id', '=', eve.userId).where('ended_at', 'is', null).execute();
    expect(live).toEqual([]);

    const refused = await signIn('eve@test.example');
    const wrongPassword = await signIn('cara@test.example', 'not the password at all');
    expectProblem(refused, 401);
    expect(refused.json()).toEqual(wrongPassword.json());
    expect(await privilegeEvents(eve.userId)).toEqual(['status active → disabled']);

    const enabled = await admin.patch(`/api/v1/users/${eve.userId}`, { status: 'active' }, { 'if-match': `"${await versionOf(eve.userId)}"` });
    expect(enabled.statusCode).toBe(200);
    expect((await signIn('eve@test.example')).statusCode).toBe(200);
  });

  describe('administrators', () => {
    let ann: Agent;
    beforeAll(async () => {
      ann = await inviteAndAccept(t.app, admin, 'ann@test.example', 'admin', 'Ann Admin');
    });

    it('cannot remove their own administrator role or disable themselves', async () => {
      const version = await versionOf(admin.userId);
      const demote = await admin.patch(`/api/v1/users/${admin.userId}`, { role: 'clinician' }, { 'if-match': `"${version}"` });
      expectProblem(demote, 400);
      expect(fieldsOf(demote)).toEqual(['role']);
      const disable = await admin.patch(`/api/v1/users/${admin.userId}`, { status: 'disabled' }, { 'if-match': `"${version}"` });
      expectProblem(disable, 400);
      expect(fieldsOf(disable)).toEqual(['status']);
      expect(await versionOf(admin.userId)).toBe(version);
    });

    it('may demote another administrator while another active one remains, and a disabled administrator at any time', async () => {
      const demoted = await admin.patch(`/api/v1/users/${ann.userId}`, { role: 'clinician' }, { 'if-match': `"${await versionOf(ann.userId)}"` });
      expect(demoted.statusCode, demoted.body).toBe(200);
      expect((await admin.patch(`/api/v1/users/${ann.userId}`, { role: 'admin' }, { 'if-match': `"${await versionOf(ann.userId)}"` })).statusCode).toBe(200);
      expect((await admin.patch(`/api/v1/users/${ann.userId}`, { status: 'disabled' }, { 'if-match': `"${await versionOf(ann.userId)}"` })).statusCode).toBe(200);
      // Ann is disabled: demoting her leaves the number of active administrators unchanged (one).
      const cleanUp = await admin.patch(`/api/v1/users/${ann.userId}`, { role: 'clinician' }, { 'if-match': `"${await versionOf(ann.userId)}"` });
      expect(cleanUp.statusCode, cleanUp.body).toBe(200);
    });

    it('keeps at least one active administrator when two demote each other at the same moment', async () => {
      // Exactly two active administrators: the set-up one and Bo.
      await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('organization_id', '=', admin.organizationId).where('role', '=', 'admin').where('id', '!=', admin.userId).execute();
      const bo = await inviteAndAccept(t.app, admin, 'bo@test.example', 'admin', 'Bo Admin');
      const [boVersion, adminVersion] = [await versionOf(bo.userId), await versionOf(admin.userId)];
      const race = () => Promise.all([
        admin.patch(`/api/v1/users/${bo.userId}`, { role: 'clinician' }, { 'if-match': `"${boVersion}"` }),
        bo.patch(`/api/v1/users/${admin.userId}`, { role: 'clinician' }, { 'if-match': `"${adminVersion}"` }),
      ]);
      // On PostgreSQL, hold both transactions at their audit write so their checks overlap for certain.
      const answers = dialect === 'postgres' ? await withAuditChainHeld(t.db.db, admin.organizationId, race) : await race();
      const activeAdmins = () => t.db.db.selectFrom('app_user').select('id').where('organization_id', '=', admin.organizationId).where('role', '=', 'admin').where('status', '=', 'active').execute();
      const active = await activeAdmins();
      if (active.length === 0) {
        // Repair the fixture so the tests after this one still have an administrator.
        await t.db.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', admin.userId).execute();
      } else if (active.every((a) => a.id !== admin.userId)) {
        admin = bo;
      }
      const statuses = answers.map((a) => a.statusCode);
      expect(active.length, `answers ${statuses.join('/')}`).toBeGreaterThanOrEqual(1);
      expect(statuses.filter((s) => s === 200), statuses.join('/')).toHaveLength(1);
    });
  });

  describe('supervision assignments', () => {
    let assignmentId: string;

    it('assigns a clinician to a supervisor, lists it, refuses a duplicate, and the access follows at once', async () => {
      const client = await createClient(cara, { displayName: 'Supervised Person' });
      expectProblem(await sue.get(`/api/v1/clients/${client.id}`), 404);
      const created = await admin.post('/api/v1/supervision-assignments', { supervisorId: sue.userId, clinicianId: cara.userId });
      expect(created.statusCode, created.body).toBe(201);
      assignmentId = created.json().id;
      expect(created.json()).toMatchObject({ supervisorId: sue.userId, clinicianId: cara.userId });
      expect((await admin.get('/api/v1/supervision-assignments')).json().items).toEqual([created.json()]);
      expectProblem(await admin.post('/api/v1/supervision-assignments', { supervisorId: sue.userId, clinicianId: cara.userId }), 409);
      expect((await sue.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
      const users = (await admin.get('/api/v1/users?role=clinician')).json().items as Array<{ id: string; supervisorIds: string[] }>;
      expect(users.find((u) => u.id === cara.userId)?.supervisorIds).toEqual([sue.userId]);
      expect(await privilegeEvents(assignmentId)).toEqual(['supervisor assigned']);
    });

    it('refuses assignments between the wrong roles or unknown people, naming the field', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ supervisorId: cara.userId, clinicianId: dev.userId }, 'supervisorId'],
        [{ supervisorId: sue.userId, clinicianId: sue.userId }, 'clinicianId'],
        [{ supervisorId: sue.userId, clinicianId: admin.userId }, 'clinicianId'],
        [{ supervisorId: '01900000-0000-7000-8000-000000000000', clinicianId: dev.userId }, 'supervisorId'],
        [{ supervisorId: 'not-an-id', clinicianId: dev.userId }, 'supervisorId'],
        [{ supervisorId: sue.userId }, 'clinicianId'],
      ];
      for (const [body, field] of cases) {
        const response = await admin.post('/api/v1/supervision-assignments', body);
        expectProblem(response, 400);
        expect(fieldsOf(response), JSON.stringify(body)).toEqual([field]);
      }
      expect((await admin.get('/api/v1/supervision-assignments')).json().items).toHaveLength(1);
    });

    it('shows a supervisor only their supervisees, with active caseload counts; an administrator sees every clinician', async () => {
      await createClient(cara, { displayName: 'Second Supervised' });
      const archived = await createClient(cara, { displayName: 'Archived Supervised' });
      expect((await cara.post(`/api/v1/clients/${archived.id}/archive`, { reason: 'finished' }, { 'if-match': '"1"' })).statusCode).toBe(200);
      await createClient(dev, { displayName: 'Unsupervised Person' });
      const mine = await sue.get('/api/v1/supervision/clinicians');
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json().items).toEqual([{ id: cara.userId, name: 'Cara Clinician', email: 'cara@test.example', activeClients: 2 }]);
      const everyone = (await admin.get('/api/v1/supervision/clinicians')).json().items as Array<{ id: string; activeClients: number }>;
      expect(everyone.find((c) => c.id === cara.userId)?.activeClients).toBe(2);
      expect(everyone.find((c) => c.id === dev.userId)?.activeClients).toBe(1);
      expectProblem(await cara.get('/api/v1/supervision/clinicians'), 403);
    });

    it('removes an assignment, after which the supervisor loses access at once', async () => {
      const client = await createClient(cara, { displayName: 'Unassigned Later' });
      expect((await sue.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
      expect((await admin.delete(`/api/v1/supervision-assignments/${assignmentId}`)).statusCode).toBe(204);
      expect((await admin.get('/api/v1/supervision-assignments')).json().items).toEqual([]);
      expectProblem(await sue.get(`/api/v1/clients/${client.id}`), 404);
      expect((await sue.get('/api/v1/supervision/clinicians')).json().items).toEqual([]);
      expectProblem(await admin.delete(`/api/v1/supervision-assignments/${assignmentId}`), 404);
      expect(await privilegeEvents(assignmentId)).toEqual(['supervisor assigned', 'supervisor unassigned']);
    });
  });

  it('refuses every administration route to clinicians and supervisors (403), storing nothing and auditing the refusal', async () => {
    const before = await t.db.db.selectFrom('one_time_token').select('id').execute();
    const someone = cara.userId;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/users'], ['PATCH', `/api/v1/users/${someone}`, { role: 'admin' }], ['POST', `/api/v1/users/${someone}/reset-link`],
      ['GET', '/api/v1/invitations'], ['POST', '/api/v1/invitations', { email: 'sneaky@test.example', role: 'admin' }],
      ['DELETE', '/api/v1/invitations/01900000-0000-7000-8000-000000000000'], ['GET', '/api/v1/supervision-assignments'],
      ['POST', '/api/v1/supervision-assignments', { supervisorId: sue.userId, clinicianId: cara.userId }],
      ['DELETE', '/api/v1/supervision-assignments/01900000-0000-7000-8000-000000000000'], ['PATCH', '/api/v1/organization', { requireMfa: false }],
    ];
    for (const agent of [cara, sue]) {
      const deniedBefore = (await auditRows(t.db.db, { organizationId: admin.organizationId })).filter((r) => r.action === 'denied' && r.actor_id === agent.userId).length;
      for (const [method, url, payload] of calls) {
        const response = await agent.request({ method: method as 'GET', url, payload: payload as object | undefined, headers: { 'if-match': '"1"' } });
        expectProblem(response, 403);
      }
      const denied = (await auditRows(t.db.db, { organizationId: admin.organizationId })).filter((r) => r.action === 'denied' && r.actor_id === agent.userId);
      expect(denied.length - deniedBefore).toBe(calls.length);
    }
    expect(await t.db.db.selectFrom('one_time_token').select('id').execute()).toEqual(before);
    expect((await t.db.db.selectFrom('app_user').select('role').where('id', '=', cara.userId).executeTakeFirstOrThrow()).role).toBe('clinician');
    expect((await signInFrom(t.app, 'admin@test.example', ADMIN_PASSWORD, { ip: '10.7.9.9' })).statusCode).toBe(200);
  });
});
