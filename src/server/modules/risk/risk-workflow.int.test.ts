import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFrom, createClient, createTestApp, inviteAndAccept, setupOrganization, signIn, type Agent, type TestApp } from '../../../../test/support/test-app';
import { testDialects } from '../../../../test/support/dialects';

const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
const etag = (r: { headers: Record<string, unknown> }) => String(r.headers.etag);

describe.each(testDialects())('the safety workflow on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let clinician: Agent;
  let supervisor: Agent;
  let otherSupervisor: Agent;
  let clientId: string;
  let sessionId: string;
  let flagId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'safe@test.example', 'clinician');
    supervisor = await inviteAndAccept(t.app, admin, 'lead@test.example', 'supervisor');
    otherSupervisor = await inviteAndAccept(t.app, admin, 'far@test.example', 'supervisor');
    await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: clinician.userId });
    const org = await admin.get('/api/v1/organization');
    const risk = { ...org.json().risk, crisisResources: [{ name: 'Crisis line (test)', phone: '000 111', description: 'Open day and night' }] };
    const saved = await admin.patch('/api/v1/organization', { risk }, { 'if-match': etag(org) });
    expect(saved.statusCode, saved.body).toBe(200);
    clientId = (await createClient(clinician, { displayName: 'Safety Client' })).id;
    const episode = (await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json();
    sessionId = (await clinician.post(`/api/v1/episodes/${episode.id}/sessions`, { startsAt: '2026-11-22T10:00:00.000Z' })).json().id;
  });
  afterAll(async () => t.close());

  it('raises a flag from PHQ-9 item 9 = 2 in the same answer, escalated to the supervisor at once', async () => {
    const measure = await clinician.post(`/api/v1/sessions/${sessionId}/measures`, { instrumentId: 'phq-9', answers: phq9([2, 2, 1, 1, 1, 1, 1, 1, 2]) });
    expect(measure.statusCode, measure.body).toBe(201);
    flagId = measure.json().riskFlags[0].id;
    const flag = (await clinician.get(`/api/v1/risk-flags/${flagId}`)).json();
    expect(flag).toMatchObject({ status: 'open', level: 'high', escalationStatus: 'pending' });
    expect(flag.pathway.length).toBeGreaterThan(0);
    expect(flag.crisisResources[0].name).toBe('Crisis line (test)');
    const notices = (await supervisor.get('/api/v1/notifications')).json().items;
    expect(notices).toEqual([expect.objectContaining({ flagId, kind: 'risk-escalation', acknowledged: false })]);
    expect((await otherSupervisor.get('/api/v1/notifications')).json().items).toHaveLength(0);
    const dashboard = (await supervisor.get('/api/v1/supervision/risk-flags')).json().items;
    expect(dashboard[0]).toMatchObject({ id: flagId, escalationStatus: 'pending', clientName: 'Safety Client' });
    expect((await clinician.get('/api/v1/day?date=2026-11-22')).json().sessions[0].openRiskFlags).toBe(1);
    const caseload = (await clinician.get('/api/v1/clients?q=safety%20client')).json().items;
    expect(caseload[0]).toMatchObject({ id: clientId, openRiskLevel: 'high' });
    expect((await supervisor.get(`/api/v1/clients/${clientId}`)).json().openRiskLevel).toBe('high');
  });

  it('records the C-SSRS screen, whose triage sets the level', async () => {
    const badScreen = await clinician.post(`/api/v1/risk-flags/${flagId}/screen`, { answers: { '1': 7 } });
    expect(badScreen.statusCode).toBe(400);
    const screened = await clinician.post(`/api/v1/risk-flags/${flagId}/screen`, { answers: { '1': 1, '2': 1, '3': 1, '4': 0, '5': 0, '6': 0 }, sessionId });
    expect(screened.statusCode, screened.body).toBe(200);
    expect(screened.json().screen.triageLevel).toBeTruthy();
    expect(['low', 'moderate', 'high']).toContain(screened.json().level);
    expect(screened.json().screenedAt).not.toBeNull();
  });

  it('builds, versions and signs a Stanley–Brown safety plan prefilled with the crisis resources', async () => {
    const fresh = await clinician.get(`/api/v1/clients/${clientId}/safety-plan`);
    expect(fresh.json()).toMatchObject({ status: 'new', version: 0 });
    expect(fresh.json().plan.professionalsAndServices[0]).toMatchObject({ name: 'Crisis line (test)', phone: '000 111' });
    const plan = { ...fresh.json().plan, warningSigns: ['Not sleeping', 'Pulling away from friends'], peopleToAskForHelp: [{ name: 'Sister', phone: '555 0101' }] };
    expect((await clinician.request({ method: 'PUT', url: `/api/v1/clients/${clientId}/safety-plan`, payload: { plan } })).statusCode).toBe(428);
    const saved = await clinician.request({ method: 'PUT', url: `/api/v1/clients/${clientId}/safety-plan`, payload: { plan, reviewDate: '2026-12-06', flagId }, headers: { 'if-match': '"0"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const signed = await clinician.post(`/api/v1/clients/${clientId}/safety-plan/sign`, undefined, { 'if-match': etag(saved) });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', planNumber: 1 });
    const next = await clinician.request({ method: 'PUT', url: `/api/v1/clients/${clientId}/safety-plan`, payload: { plan: { ...plan, warningSigns: ['Not sleeping'] } }, headers: { 'if-match': etag(signed) } });
    expect(next.json()).toMatchObject({ status: 'draft', planNumber: 2 });
    expect((await clinician.get(`/api/v1/clients/${clientId}/safety-plan/history`)).json().items.map((p: { status: string }) => p.status)).toEqual(['draft', 'signed']);
    const flag = (await clinician.get(`/api/v1/risk-flags/${flagId}`)).json();
    expect(flag.actions.map((a: { kind: string }) => a.kind)).toContain('safety-plan-made');
  });

  it('re-notifies until the supervisor acknowledges; only a supervising supervisor can', async () => {
    t.clock.advanceSeconds(31 * 60);
    // Half an hour without requests ends every session (15-minute idle limit): sign in again.
    supervisor = agentFrom(t.app, await signIn(t.app, 'lead@test.example'));
    clinician = agentFrom(t.app, await signIn(t.app, 'safe@test.example'));
    otherSupervisor = agentFrom(t.app, await signIn(t.app, 'far@test.example'));
    const fresh = await supervisor.get('/api/v1/notifications');
    expect(fresh.json().items.filter((n: { flagId: string }) => n.flagId === flagId).length).toBeGreaterThanOrEqual(2);
    expect((await otherSupervisor.post(`/api/v1/risk-flags/${flagId}/acknowledge`)).statusCode).toBe(404);
    expect((await clinician.post(`/api/v1/risk-flags/${flagId}/acknowledge`)).statusCode).toBe(403);
    const acknowledged = await supervisor.post(`/api/v1/risk-flags/${flagId}/acknowledge`);
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json()).toMatchObject({ escalationStatus: 'acknowledged' });
    expect((await supervisor.post(`/api/v1/risk-flags/${flagId}/acknowledge`)).statusCode).toBe(409);
  });

  it('records follow-up actions and closes the flag only with a reason, keeping it', async () => {
    const action = await clinician.post(`/api/v1/risk-flags/${flagId}/actions`, { kind: 'client-safe-for-now', note: 'Agreed to call the sister tonight.' });
    expect(action.statusCode).toBe(201);
    expect((await clinician.post(`/api/v1/risk-flags/${flagId}/actions`, { kind: 'made-up' })).json().errors[0].field).toBe('kind');
    const current = await clinician.get(`/api/v1/risk-flags/${flagId}`);
    expect((await clinician.post(`/api/v1/risk-flags/${flagId}/close`, {}, { 'if-match': etag(current) })).json().errors[0].field).toBe('reason');
    expect((await clinician.post(`/api/v1/risk-flags/${flagId}/close`, { reason: 'x' })).statusCode).toBe(428);
    const closed = await clinician.post(`/api/v1/risk-flags/${flagId}/close`, { reason: 'Screened, safety plan signed, supervisor informed.' }, { 'if-match': etag(current) });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closeReason: 'Screened, safety plan signed, supervisor informed.' });
    const stored = await t.db.db.selectFrom('risk_flag').select('status').where('id', '=', flagId).executeTakeFirstOrThrow();
    expect(stored.status).toBe('closed');
    expect((await clinician.get(`/api/v1/clients/${clientId}/risk-flags`)).json().items).toHaveLength(0);
    expect((await clinician.get('/api/v1/clients?q=safety%20client')).json().items[0].openRiskLevel).toBeNull();
    const events = await t.db.db.selectFrom('audit_event').select(['entity_type', 'sensitivity']).where('client_id', '=', clientId).where('entity_type', 'in', ['risk-flag', 'risk-escalation', 'risk-action', 'safety-plan']).execute();
    expect(events.length).toBeGreaterThanOrEqual(8);
    expect(events.every((e) => e.sensitivity === 'risk')).toBe(true);
  });

  it('raises a clinician\'s own concern, escalating at the organization\'s threshold', async () => {
    const low = await clinician.post(`/api/v1/clients/${clientId}/risk-flags`, { level: 'low', reason: 'Mentioned feeling hopeless.' });
    expect(low.statusCode).toBe(201);
    expect(low.json()).toMatchObject({ level: 'low', escalationStatus: 'none', trigger: 'clinician-concern' });
    const high = await clinician.post(`/api/v1/clients/${clientId}/risk-flags`, { level: 'high', reason: 'Described a plan.' });
    expect(high.json().escalationStatus).toBe('pending');
    expect((await clinician.post(`/api/v1/clients/${clientId}/risk-flags`, { level: 'extreme', reason: 'x' })).json().errors[0].field).toBe('level');
  });
});
