import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, agentFrom, createClient, createTestApp, inviteAndAccept, setupOrganization, signIn, type Agent, type TestApp } from '../../../../test/support/test-app';
import { testDialects } from '../../../../test/support/dialects';
import { findClient, findClientWithRecentGrants, recentBreakGlassGrants } from './clients.repository';

describe.each(testDialects())('clients on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let clinician: Agent;
  let otherClinician: Agent;
  let supervisor: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'casey@test.example', 'clinician', 'Casey Clinician');
    otherClinician = await inviteAndAccept(t.app, admin, 'olu@test.example', 'clinician', 'Olu Other');
    supervisor = await inviteAndAccept(t.app, admin, 'sam@test.example', 'supervisor', 'Sam Supervisor');
    const assigned = await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: clinician.userId });
    expect(assigned.statusCode).toBe(201);
    // The supervisor's supervisees are read per request, so the new assignment applies at once.
  });
  afterAll(async () => t.close());

  it('creates a client from the smallest valid body and reads it back with its ETag', async () => {
    const created = await clinician.post('/api/v1/clients', { displayName: 'Rowan Test', dateOfBirth: '1985-02-28' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.etag).toBe('"1"');
    const read = await clinician.get(`/api/v1/clients/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ displayName: 'Rowan Test', dateOfBirth: '1985-02-28', clinicianId: clinician.userId, status: 'active', version: 1 });
    expect(read.headers['cache-control']).toBe('no-store');
  });

  it('hides a client from another clinician and from an administrator exactly like a missing one', async () => {
    const client = await createClient(clinician, { displayName: 'Private Person' });
    const foreign = await otherClinician.get(`/api/v1/clients/${client.id}`);
    const missing = await otherClinician.get('/api/v1/clients/01900000-0000-7000-8000-000000000000');
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json().detail).toBe(missing.json().detail);
    expect((await admin.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(404);
  });

  it('refuses a stale or missing If-Match and keeps the stored record', async () => {
    const client = await createClient(clinician, { displayName: 'Versioned Person' });
    const noMatch = await clinician.patch(`/api/v1/clients/${client.id}`, { pronouns: 'they/them' });
    expect(noMatch.statusCode).toBe(428);
    const ok = await clinician.patch(`/api/v1/clients/${client.id}`, { pronouns: 'they/them' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await clinician.patch(`/api/v1/clients/${client.id}`, { pronouns: 'she/her' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json().currentVersion).toBe(2);
    expect((await clinician.get(`/api/v1/clients/${client.id}`)).json().pronouns).toBe('they/them');
  });

  it('answers a retried create with the same Idempotency-Key once, and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': `key-${dialect}-1` };
    const first = await clinician.post('/api/v1/clients', { displayName: 'Once Only', dateOfBirth: '2000-01-01' }, headers);
    const again = await clinician.post('/api/v1/clients', { displayName: 'Once Only', dateOfBirth: '2000-01-01' }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const list = await clinician.get('/api/v1/clients?q=once%20only');
    expect(list.json().items).toHaveLength(1);
    const other = await clinician.post('/api/v1/clients', { displayName: 'Someone Else', dateOfBirth: '2000-01-01' }, headers);
    expect(other.statusCode).toBe(422);
  });

  it('pages and searches the caseload by name or identifier', async () => {
    for (let i = 0; i < 5; i += 1) await createClient(clinician, { displayName: `Page Person ${i}`, identifier: `PP-${dialect}-${i}` });
    const first = await clinician.get('/api/v1/clients?q=page%20person&limit=2');
    expect(first.json().items.map((c: { displayName: string }) => c.displayName)).toEqual(['Page Person 0', 'Page Person 1']);
    const second = await clinician.get(`/api/v1/clients?q=page%20person&limit=2&cursor=${first.json().nextCursor}`);
    expect(second.json().items.map((c: { displayName: string }) => c.displayName)).toEqual(['Page Person 2', 'Page Person 3']);
    const byIdentifier = await clinician.get(`/api/v1/clients?q=pp-${dialect}-4`);
    expect(byIdentifier.json().items).toHaveLength(1);
    expect((await otherClinician.get('/api/v1/clients?q=page%20person')).json().items).toHaveLength(0);
    expect((await clinician.get('/api/v1/clients?cursor=not-a-cursor')).statusCode).toBe(400);
  });

  it('shows the highest open risk level on the caseload and the client page, not a closed one', async () => {
    const ranked = await createClient(clinician, { displayName: 'Ranked Risk Person' });
    const calm = await createClient(clinician, { displayName: 'Ranked Calm Person' });
    const flag = (level: string, status: string) => ({
      id: crypto.randomUUID(), organization_id: clinician.organizationId, client_id: ranked.id, episode_id: null, session_id: null, source_type: 'clinician', source_id: null,
      trigger: 'clinician-concern', level, status, detail: 'test', raised_by: clinician.userId, raised_at: '2026-11-20T10:00:00.000Z', closed_by: null, closed_at: null,
      close_reason: null, version: 1, screen_response_id: null, screened_at: null, escalation_status: 'none', escalated_at: null, acknowledged_by: null, acknowledged_at: null, last_notified_at: null,
    });
    await t.db.db.insertInto('risk_flag').values([flag('low', 'open'), flag('high', 'closed'), flag('moderate', 'open')]).execute();
    const page = (await clinician.get('/api/v1/clients?q=ranked')).json().items as Array<{ displayName: string; openRiskLevel: string | null }>;
    expect(page.map((c) => [c.displayName, c.openRiskLevel])).toEqual([['Ranked Calm Person', null], ['Ranked Risk Person', 'moderate']]);
    expect((await clinician.get(`/api/v1/clients/${ranked.id}`)).json().openRiskLevel).toBe('moderate');
    expect((await clinician.get(`/api/v1/clients/${calm.id}`)).json().openRiskLevel).toBeNull();
  });

  it('lets a supervisor see a supervisee\'s caseload and transfer a client, but not archive without a reason', async () => {
    const client = await createClient(clinician, { displayName: 'Transfer Person' });
    expect((await supervisor.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
    const seen = await supervisor.get(`/api/v1/clients?clinicianId=${clinician.userId}&q=transfer`);
    expect(seen.json().items).toHaveLength(1);
    const badTarget = await supervisor.post(`/api/v1/clients/${client.id}/transfer`, { clinicianId: otherClinician.userId, reason: 'leave' }, { 'if-match': '"1"' });
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().errors[0].field).toBe('clinicianId');
    await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: otherClinician.userId });
    const moved = await supervisor.post(`/api/v1/clients/${client.id}/transfer`, { clinicianId: otherClinician.userId, reason: 'Casey is on leave' }, { 'if-match': '"1"' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().clinicianId).toBe(otherClinician.userId);
    expect((await clinician.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(404);
    expect((await otherClinician.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
    expect((await clinician.post(`/api/v1/clients/${client.id}/transfer`, { clinicianId: clinician.userId, reason: 'x' }, { 'if-match': '"2"' })).statusCode).toBe(403);
  });

  it('archives with a reason, keeps the record, and makes it read-only', async () => {
    const client = await createClient(clinician, { displayName: 'Archive Person' });
    const noReason = await clinician.post(`/api/v1/clients/${client.id}/archive`, {}, { 'if-match': '"1"' });
    expect(noReason.statusCode).toBe(400);
    const archived = await clinician.post(`/api/v1/clients/${client.id}/archive`, { reason: 'Moved away' }, { 'if-match': '"1"' });
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', archiveReason: 'Moved away' });
    expect((await clinician.get('/api/v1/clients?q=archive%20person')).json().items).toHaveLength(0);
    expect((await clinician.get('/api/v1/clients?q=archive%20person&status=archived')).json().items).toHaveLength(1);
    expect((await clinician.patch(`/api/v1/clients/${client.id}`, { pronouns: 'x' }, { 'if-match': '"2"' })).statusCode).toBe(409);
  });

  it('shows on the client page the newest 50 break-glass grants of the last 30 days, newest first, as the grants\' own query lists them', async () => {
    const client = await createClient(clinician, { displayName: 'Many Grants' });
    const now = t.clock.now().getTime();
    const day = 24 * 3600 * 1000;
    // 60 grants within the 30 days (inserted oldest last) and 3 older ones; names and reasons with quotes and accents.
    const grants = Array.from({ length: 63 }, (_, i) => ({
      id: `grant-${dialect}-${String(i).padStart(2, '0')}`, organization_id: admin.organizationId, client_id: client.id, user_id: admin.userId,
      reason: `Crisis "${i}" — café`, granted_at: new Date(now - (i < 60 ? i * 3600 * 1000 : 31 * day + i * 1000)).toISOString(), expires_at: new Date(now - (i - 1) * 3600 * 1000).toISOString(),
    }));
    await t.db.db.insertInto('break_glass_grant').values(grants).execute();
    const page = await clinician.get(`/api/v1/clients/${client.id}`);
    expect(page.statusCode, page.body).toBe(200);
    const shown = page.json().breakGlassGrants as Array<{ id: string; reason: string; userName: string; grantedAt: string; expiresAt: string }>;
    expect(shown.map((g) => g.id)).toEqual(grants.slice(0, 50).map((g) => g.id));
    expect(shown[3]).toEqual({ id: grants[3]!.id, userId: admin.userId, userName: expect.any(String), reason: 'Crisis "3" — café', grantedAt: grants[3]!.granted_at, expiresAt: grants[3]!.expires_at });
    const since = new Date(now - 30 * day).toISOString();
    const [one, two] = [await findClientWithRecentGrants(t.db.db, admin.organizationId, client.id, since), await recentBreakGlassGrants(t.db.db, admin.organizationId, client.id, since)];
    expect(one?.grants).toEqual(two);
    expect(one?.client).toEqual(await findClient(t.db.db, admin.organizationId, client.id));
    expect(await findClientWithRecentGrants(t.db.db, admin.organizationId, 'no-such-client', since)).toBeUndefined();
    // A refused reader learns nothing: the same answer as for a client that does not exist.
    expect((await otherClinician.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(404);
  });

  it('gives an administrator read-only break-glass access with a reason, shown to the owner', async () => {
    const client = await createClient(clinician, { displayName: 'Emergency Person' });
    expect((await admin.post(`/api/v1/clients/${client.id}/break-glass`, {})).statusCode).toBe(400);
    const grant = await admin.post(`/api/v1/clients/${client.id}/break-glass`, { reason: 'Client in crisis, clinician unreachable' });
    expect(grant.statusCode).toBe(201);
    expect((await admin.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/clients/${client.id}`, { pronouns: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(403);
    const owner = await clinician.get(`/api/v1/clients/${client.id}`);
    expect(owner.json().breakGlassGrants[0]).toMatchObject({ userId: admin.userId, reason: 'Client in crisis, clinician unreachable' });
    expect((await clinician.post(`/api/v1/clients/${client.id}/break-glass`, { reason: 'x' })).statusCode).toBe(403);
    // After the hour the grant has lapsed (the idle session has ended too, so sign in again).
    t.clock.advanceSeconds(3601);
    const later = agentFrom(t.app, await signIn(t.app, 'admin@test.example', ADMIN_PASSWORD));
    expect((await later.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(404);
    clinician = agentFrom(t.app, await signIn(t.app, 'casey@test.example'));
  });
});

