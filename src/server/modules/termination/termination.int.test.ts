import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { testDialects } from '../../../../test/support/dialects';
import { readProgressReview, readRelapsePlan, readTerminationRecord } from './termination-read';

const etag = (r: { headers: Record<string, unknown> }) => String(r.headers.etag);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** PHQ-9 answers (item 9 kept at 0) with the given total. */
const phq9 = (total: number) => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [i + 1, i === 8 ? 0 : Math.min(3, Math.max(0, total - 3 * i))]));

/**
 * The termination phase through the API: progress review numbers from a seeded episode (PHQ-9
 * 18 → 4), the termination record with If-Match, the next-step rule, the relapse-prevention plan
 * (prefilled, versioned, signed = locked, shared), the maintenance episode linked back, and the end
 * that needs the signed note.
 */
describe.each(testDialects())('termination on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let other: Agent;
  let episodeId: string;
  let clientId: string;

  async function hold(date: string, score: number): Promise<string> {
    const created = await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: `${date}T10:00:00.000Z` });
    expect(created.statusCode, created.body).toBe(201);
    const attended = await clinician.patch(`/api/v1/sessions/${created.json().id}`, { attendance: 'attended' }, { 'if-match': etag(created) });
    expect(attended.statusCode, attended.body).toBe(200);
    const m = await clinician.post(`/api/v1/sessions/${created.json().id}/measures`, { instrumentId: 'phq-9', answers: phq9(score) });
    expect(m.statusCode, m.body).toBe(201);
    return created.json().id as string;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    const org = await admin.get('/api/v1/organization');
    const risk = { ...org.json().risk, crisisResources: [{ name: 'Crisis line (test)', phone: '000 111', description: 'Open day and night' }] };
    expect((await admin.patch('/api/v1/organization', { risk }, { 'if-match': etag(org) })).statusCode).toBe(200);
    clinician = await inviteAndAccept(t.app, admin, 'term@test.example', 'clinician');
    other = await inviteAndAccept(t.app, admin, 'term-other@test.example', 'clinician');
    const client = await createClient(clinician, { displayName: 'Ending Client', dateOfBirth: '1980-01-01' });
    clientId = client.id;
    episodeId = (await clinician.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-09-01', contractedSessions: 12 })).json().id;
    const first = await hold('2026-09-01', 18);
    await hold('2026-09-08', 11);
    const ws = await clinician.post(`/api/v1/episodes/${episodeId}/workspaces`, { area: 'role-dispute', otherParty: 'Sam', stage: 'impasse', goals: ['Talk with Sam weekly'] });
    expect(ws.statusCode, ws.body).toBe(201);
    const s3 = await hold('2026-09-15', 4);
    expect((await clinician.request({ method: 'PUT', url: `/api/v1/workspaces/${ws.json().id}/outcomes/${first}`, payload: { progress: 2 }, headers: { 'if-match': '"0"' } })).statusCode).toBe(200);
    expect((await clinician.request({ method: 'PUT', url: `/api/v1/workspaces/${ws.json().id}/outcomes/${s3}`, payload: { progress: 7 }, headers: { 'if-match': '"0"' } })).statusCode).toBe(200);
    const task = await clinician.post(`/api/v1/sessions/${first}/tasks`, { what: 'Walk with Ana' });
    expect((await clinician.post(`/api/v1/tasks/${task.json().id}/review`, { sessionId: s3, outcome: 'done', moodEffect: 3 }, { 'if-match': etag(task) })).statusCode).toBe(200);
    await clinician.post(`/api/v1/episodes/${episodeId}/timeline/events`, { date: '2026-08-01', title: 'Row with Sam', kind: 'conflict' });
  });
  afterAll(async () => t.close());

  it('reviews progress from the record: PHQ-9 18 → 4 is a response, remission and reliable improvement', async () => {
    const res = await clinician.get(`/api/v1/episodes/${episodeId}/termination/progress-review`);
    expect(res.statusCode, res.body).toBe(200);
    const review = res.json();
    expect(review.instruments[0]).toMatchObject({ instrumentId: 'phq-9', scores: 3, first: { total: 18, sessionNumber: 1 }, latest: { total: 4, sessionNumber: 3 }, change: -14, percentChange: -78 });
    expect(review.instruments[0].responseRemission).toMatchObject({ response: true, remission: true });
    expect(review.instruments[0].reliableChange.classification).toBe('reliable-improvement');
    expect(review.responder).toBe('responder');
    expect(review.areas[0]).toMatchObject({ area: 'role-dispute', areaLabel: 'Role dispute', otherParty: 'Sam', measures: [{ measure: 'progress', first: { sessionNumber: 1, value: 2 }, latest: { sessionNumber: 3, value: 7 }, change: 5 }] });
    expect(review.goals).toEqual([{ text: 'Talk with Sam weekly', source: 'workspace', status: 'not-rated' }]);
    expect(review.tasks).toEqual({ set: 1, done: 1, partly: 0, notDone: 0, notReviewed: 0 });
    expect(review.nextStepOptions.filter((o: Json) => o.recommended).map((o: Json) => o.kind)).toEqual(['maintenance', 'continuation']);
    const direct = await readProgressReview(t.db.db, clinician.organizationId, episodeId);
    expect(direct.instruments[0]!.change).toBe(-14);
    await expect(readProgressReview(t.db.db, other.organizationId === clinician.organizationId ? '00000000-0000-7000-8000-000000000000' : other.organizationId, episodeId)).rejects.toThrow();
  });

  it('hides the termination records from another clinician (404)', async () => {
    expect((await other.get(`/api/v1/episodes/${episodeId}/termination/progress-review`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/episodes/${episodeId}/relapse-plan`)).statusCode).toBe(404);
  });

  it('keeps the termination record with If-Match and refuses a bad field by name', async () => {
    const url = `/api/v1/episodes/${episodeId}/termination`;
    expect((await clinician.get(url)).json()).toMatchObject({ status: 'new', version: 0 });
    expect((await clinician.request({ method: 'PUT', url, payload: { goals: [] } })).statusCode).toBe(428);
    const bad = await clinician.request({ method: 'PUT', url, payload: { goals: [{ text: 'x', status: 'maybe' }] }, headers: { 'if-match': '"0"' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('goals.0.status');
    const referral = await clinician.request({ method: 'PUT', url, payload: { goals: [], nextStep: { kind: 'referral' } }, headers: { 'if-match': '"0"' } });
    expect(referral.statusCode).toBe(400);
    expect(referral.json().errors[0].field).toBe('nextStep.reason');
    const saved = await clinician.request({ method: 'PUT', url, payload: { feelingsAboutEnding: 'Sad and proud', whatRemains: 'Weekends with Sam', goals: [{ text: 'Talk with Sam weekly', status: 'met' }] }, headers: { 'if-match': '"0"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'draft', version: 1, record: { feelingsAboutEnding: 'Sad and proud' } });
    expect((await clinician.request({ method: 'PUT', url, payload: { goals: [] }, headers: { 'if-match': '"0"' } })).json().currentVersion).toBe(1);
    expect((await clinician.get(`${url}/progress-review`)).json().goals[0].status).toBe('met');
    expect((await clinician.post(`${url}/sign`, undefined, { 'if-match': '"1"' })).json().errors[0].field).toBe('nextStep');
  });

  it('prefills, versions, signs and shares the relapse-prevention plan', async () => {
    const url = `/api/v1/episodes/${episodeId}/relapse-plan`;
    const fresh = (await clinician.get(url)).json();
    expect(fresh).toMatchObject({ status: 'new', version: 0, sharedWithClient: false });
    expect(fresh.plan.triggers).toEqual(['Role dispute with Sam: signs of the same difficulty again', 'Events like: Row with Sam']);
    expect(fresh.plan.strategies).toEqual(['Walk with Ana']);
    expect(fresh.plan.crisisContacts).toEqual([{ name: 'Crisis line (test)', phone: '000 111', note: 'Open day and night' }]);
    const saved = await clinician.request({ method: 'PUT', url, payload: { plan: { ...fresh.plan, warningSigns: [] } }, headers: { 'if-match': '"0"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const unsigned = await clinician.post(`${url}/sign`, undefined, { 'if-match': etag(saved) });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().errors.map((e: Json) => e.field)).toEqual(['plan.warningSigns']);
    const edited = await clinician.request({ method: 'PUT', url, payload: { plan: { ...fresh.plan, warningSigns: ['Sleeping badly'] } }, headers: { 'if-match': etag(saved) } });
    const signed = await clinician.post(`${url}/sign`, undefined, { 'if-match': etag(edited) });
    expect(signed.json()).toMatchObject({ status: 'signed', planNumber: 1 });
    const shared = await clinician.request({ method: 'PUT', url: `${url}/sharing`, payload: { sharedWithClient: true }, headers: { 'if-match': etag(signed) } });
    expect(shared.json()).toMatchObject({ status: 'signed', sharedWithClient: true });
    const next = await clinician.request({ method: 'PUT', url, payload: { plan: { ...fresh.plan, warningSigns: ['Sleeping badly', 'Staying in'] } }, headers: { 'if-match': etag(shared) } });
    expect(next.json()).toMatchObject({ status: 'draft', planNumber: 2, sharedWithClient: true });
    const history = (await clinician.get(`${url}/history`)).json().items;
    expect(history.map((p: Json) => [p.planNumber, p.status])).toEqual([[2, 'draft'], [1, 'signed']]);
    expect(history[1].plan.warningSigns).toEqual(['Sleeping badly']);
    expect((await readRelapsePlan(t.db.db, clinician.organizationId, episodeId))?.planNumber).toBe(2);
  });

  it('refuses to end before the note is signed, starts a linked maintenance episode, signs, adds an addendum and ends', async () => {
    const url = `/api/v1/episodes/${episodeId}/termination`;
    const episode = await clinician.get(`/api/v1/episodes/${episodeId}`);
    const early = await clinician.post(`/api/v1/episodes/${episodeId}/end`, { status: 'ended', endReason: 'completed' }, { 'if-match': etag(episode) });
    expect(early.statusCode).toBe(409);
    expect(early.json().errors[0].field).toBe('terminationNote');
    const current = await clinician.get(url);
    const chosen = await clinician.request({ method: 'PUT', url, payload: { ...current.json().record, nextStep: { kind: 'maintenance', reason: 'Monthly sessions to stay well' } }, headers: { 'if-match': etag(current) } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const started = await clinician.post(`${url}/maintenance-episode`, { startDate: '2026-10-01' }, { 'idempotency-key': `m-${dialect}` });
    expect(started.statusCode, started.body).toBe(201);
    const again = await clinician.post(`${url}/maintenance-episode`, { startDate: '2026-10-01' }, { 'idempotency-key': `m-${dialect}` });
    expect(again.headers['idempotent-replayed']).toBe('true');
    const maintenanceId = started.json().maintenanceEpisodeId as string;
    expect((await clinician.get(`/api/v1/episodes/${maintenanceId}`)).json()).toMatchObject({ protocol: { id: 'ipt-maintenance' }, previousEpisodeId: episodeId, status: 'planned' });
    expect((await clinician.get(`/api/v1/clients/${clientId}/episodes`)).json().items).toHaveLength(2);
    const signed = await clinician.post(`${url}/sign`, undefined, { 'if-match': etag(started) });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signedHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await clinician.request({ method: 'PUT', url, payload: { goals: [] }, headers: { 'if-match': etag(signed) } })).statusCode).toBe(423);
    const addendum = await clinician.post(`${url}/addenda`, { text: 'Client phoned to say thanks.' });
    expect(addendum.statusCode).toBe(201);
    const ended = await clinician.post(`/api/v1/episodes/${episodeId}/end`, { status: 'ended', endReason: 'completed' }, { 'if-match': etag(episode) });
    expect(ended.statusCode, ended.body).toBe(200);
    const record = await readTerminationRecord(t.db.db, clinician.organizationId, episodeId);
    expect(record).toMatchObject({ status: 'signed', record: { nextStep: { kind: 'maintenance' } }, addenda: [{ text: 'Client phoned to say thanks.' }] });
    const audit = await t.db.db.selectFrom('audit_event').select(['entity_type', 'action']).where('entity_type', 'in', ['termination-note', 'relapse-plan']).execute();
    expect(audit.some((a) => a.entity_type === 'termination-note' && a.action === 'sign')).toBe(true);
    expect(JSON.stringify(await t.db.db.selectFrom('audit_event').selectAll().execute())).not.toMatch(/Sad and proud|Sleeping badly/);
  });

  it('requires the alternative offered before ending a non-responder\'s treatment', async () => {
    const client = await createClient(clinician, { displayName: 'No Response', dateOfBirth: '1980-01-01' });
    episodeId = (await clinician.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-09-01', contractedSessions: 12 })).json().id;
    await hold('2026-09-01', 18);
    await hold('2026-09-08', 15);
    const url = `/api/v1/episodes/${episodeId}/termination`;
    const refused = await clinician.request({ method: 'PUT', url, payload: { goals: [], nextStep: { kind: 'end' } }, headers: { 'if-match': '"0"' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('nextStep.alternativeOffered');
    const ok = await clinician.request({ method: 'PUT', url, payload: { goals: [], nextStep: { kind: 'end', alternativeOffered: 'Offered CBT at the local service; client declined' } }, headers: { 'if-match': '"0"' } });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
