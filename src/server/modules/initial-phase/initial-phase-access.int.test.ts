import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { signTerminationNote } from '../../../../test/support/termination';

interface Call { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; route: string; body?: unknown; update?: boolean }

const symptom = { present: 'unknown' };
/** Every initial-phase route with a valid body, so each request reaches the access check. */
const CALLS: Call[] = [
  { method: 'GET', route: '/inventory' },
  { method: 'POST', route: '/inventory', body: { label: 'Alex', relationshipType: 'friend' } },
  { method: 'GET', route: '/inventory/:personId' },
  { method: 'PATCH', route: '/inventory/:personId', body: { goodThings: 'Kind' }, update: true },
  { method: 'POST', route: '/inventory/:personId/archive', body: { reason: 'Test' }, update: true },
  { method: 'GET', route: '/inventory/:personId/history' },
  { method: 'GET', route: '/closeness-circles' },
  { method: 'POST', route: '/closeness-circles', body: { takenOn: '2026-11-03', label: 'intake', rings: 3, placements: [] } },
  { method: 'GET', route: '/timeline' },
  { method: 'POST', route: '/timeline/events', body: { date: '2026-10-01', title: 'Lost job', kind: 'work' } },
  { method: 'PATCH', route: '/timeline/events/:eventId', body: { mood: 3 }, update: true },
  { method: 'POST', route: '/timeline/events/:eventId/archive', body: { reason: 'Test' }, update: true },
  { method: 'GET', route: '/timeline/events/:eventId/history' },
  { method: 'GET', route: '/onset' },
  { method: 'PUT', route: '/onset', body: { onsetDate: '2026-10-01' }, update: true },
  { method: 'GET', route: '/onset/history' },
  { method: 'GET', route: '/diagnosis' },
  {
    method: 'PUT', route: '/diagnosis', update: true, body: {
      symptoms: Object.fromEntries(['depressedMood', 'anhedonia', 'appetiteWeight', 'sleep', 'psychomotor', 'fatigue', 'worthlessnessGuilt', 'concentration', 'thoughtsOfDeath'].map((k) => [k, symptom])),
      durationTwoWeeks: 'unknown', impairment: symptom, exclusions: { substanceOrMedicalCause: 'unknown', maniaOrHypomaniaHistory: 'unknown', betterExplainedByOtherDisorder: 'unknown' }, confirmed: false,
    },
  },
  { method: 'GET', route: '/diagnosis/history' },
  { method: 'GET', route: '/psychoeducation' },
  { method: 'PUT', route: '/psychoeducation', body: { coveredOn: null, topics: [], sickRole: { status: 'not-yet' } }, update: true },
  { method: 'GET', route: '/psychoeducation/history' },
  { method: 'GET', route: '/formulation/suggestions' },
  { method: 'GET', route: '/formulation' },
  { method: 'PUT', route: '/formulation', body: { areas: [{ area: 'role-transition', change: 'losing a job' }] }, update: true },
  { method: 'POST', route: '/formulation/agree', body: {}, update: true },
  { method: 'GET', route: '/formulation/history' },
  { method: 'GET', route: '/contract' },
  {
    method: 'PUT', route: '/contract', update: true,
    body: { contractedSessions: 12, frequency: 'weekly', sessionLengthMinutes: 50, problemAreas: ['role-transition'], goals: [], measures: [], participants: [] },
  },
  { method: 'GET', route: '/contract/history' },
];

describe.each(testDialects())('access to the initial-phase tools on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let other: Agent;
  let supervisor: Agent;
  let episodeId: string;
  let personId: string;
  let eventId: string;
  const url = (route: string) => `/api/v1/episodes/${episodeId}${route.replace(':personId', personId).replace(':eventId', eventId)}`;
  const send = (agent: Agent, call: Call, headers: Record<string, string> = {}) =>
    agent.request({ method: call.method, url: url(call.route), headers, ...(call.body !== undefined ? { payload: call.body as object } : {}) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'own@test.example', 'clinician');
    other = await inviteAndAccept(t.app, admin, 'other@test.example', 'clinician');
    supervisor = await inviteAndAccept(t.app, admin, 'sup@test.example', 'supervisor');
    await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: clinician.userId });
    const client = await createClient(clinician);
    episodeId = (await clinician.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json().id;
    personId = (await clinician.post(url('/inventory'), { label: 'Sam', relationshipType: 'partner' })).json().id;
    eventId = (await clinician.post(url('/timeline/events'), { date: '2026-09-01', title: 'Moved', kind: 'move' })).json().id;
  });
  afterAll(async () => t.close());

  it('covers every initial-phase route the app registers', () => {
    const mine = /^\/api\/v1\/episodes\/:id\/(inventory|closeness-circles|timeline|onset|diagnosis|psychoeducation|formulation|contract)(\/|$)/;
    const registered = t.routes.filter((r) => mine.test(r.url) && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(CALLS.map((c) => `${c.method} /api/v1/episodes/:id${c.route}`).sort());
    for (const r of t.routes.filter((x) => registered.includes(`${x.method} ${x.url}`))) expect(r.permission).toBe(r.method === 'GET' ? 'client.read' : 'client.update');
  });

  it('answers 404 to another clinician on every route, exactly as for a missing episode, and audits the denial', async () => {
    for (const call of CALLS) {
      const refused = await send(other, call, { 'if-match': '"1"' });
      expect(refused.statusCode, `${call.method} ${call.route} ${refused.body}`).toBe(404);
      const missing = await other.request({ method: call.method, url: url(call.route).replace(episodeId, '01900000-0000-7000-8000-00000000abcd'), headers: { 'if-match': '"1"' }, ...(call.body !== undefined ? { payload: call.body as object } : {}) });
      expect(refused.body).toBe(missing.body);
    }
    const denials = await t.db.db.selectFrom('audit_event').select('actor_id').where('action', '=', 'denied').where('actor_id', '=', other.userId).execute();
    expect(denials.length).toBe(CALLS.length);
    expect((await send(other, CALLS[0]!)).statusCode).toBe(404);
  });

  it('lets the supervisor of the case read every tool', async () => {
    for (const call of CALLS.filter((c) => c.method === 'GET')) expect((await send(supervisor, call)).statusCode, call.route).toBe(200);
  });

  it('answers 428 without If-Match and 412 with a stale one on every update', async () => {
    for (const call of CALLS.filter((c) => c.update)) {
      expect((await send(clinician, call)).statusCode, `${call.method} ${call.route}`).toBe(428);
      const stale = await send(clinician, call, { 'if-match': '"77"' });
      expect(stale.statusCode, `${call.method} ${call.route} ${stale.body}`).toBe(call.route === '/formulation/agree' ? 409 : 412);
      if (stale.statusCode === 412) expect(typeof stale.json().currentVersion).toBe('number');
    }
  });

  it('audits reads and writes without clinical content', async () => {
    const archived = await clinician.post(url('/inventory/:personId/archive'), { reason: 'Private matter about Sam' }, { 'if-match': '"1"' });
    expect(archived.statusCode, archived.body).toBe(200);
    const events = await t.db.db.selectFrom('audit_event').selectAll().where('actor_id', '=', clinician.userId).execute();
    const types = new Set(events.map((e) => e.entity_type));
    for (const type of ['inventory-person', 'timeline-event']) expect(types).toContain(type);
    expect(JSON.stringify(events)).not.toMatch(/Private matter|Sam|Moved/);
  });

  it('keeps the records of an ended episode as they are (409 on writes, reads still answer)', async () => {
    await signTerminationNote(clinician, episodeId);
    const episode = await clinician.get(`/api/v1/episodes/${episodeId}`);
    expect((await clinician.post(`/api/v1/episodes/${episodeId}/end`, { status: 'ended', endReason: 'completed' }, { 'if-match': String(episode.headers.etag) })).statusCode).toBe(200);
    expect((await send(clinician, CALLS[1]!)).statusCode).toBe(409);
    expect((await send(clinician, CALLS.find((c) => c.route === '/onset' && c.method === 'PUT')!, { 'if-match': '"0"' })).statusCode).toBe(409);
    expect((await send(clinician, CALLS.find((c) => c.route === '/timeline')!)).statusCode).toBe(200);
  });
});
