import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { signTerminationNote } from '../../../../test/support/termination';
import { testDialects } from '../../../../test/support/dialects';

const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
const etag = (r: { headers: Record<string, unknown> }) => String(r.headers.etag);

describe.each(testDialects())('the treatment course on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let clinician: Agent;
  let other: Agent;
  let supervisor: Agent;
  let clientId: string;
  let episodeId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'course@test.example', 'clinician');
    other = await inviteAndAccept(t.app, admin, 'other@test.example', 'clinician');
    supervisor = await inviteAndAccept(t.app, admin, 'sup@test.example', 'supervisor');
    await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: clinician.userId });
    clientId = (await createClient(clinician, { displayName: 'Course Client', dateOfBirth: '1980-05-05' })).id;
  });
  afterAll(async () => t.close());

  it('starts an IPT episode with the protocol\'s defaults, once per protocol', async () => {
    const created = await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' });
    expect(created.statusCode, created.body).toBe(201);
    const episode = created.json();
    episodeId = episode.id;
    expect(episode).toMatchObject({ status: 'active', currentPhase: 'initial', contractedSessions: 12, schedule: 'weekly' });
    expect(episode.plan.nextSessionNumber).toBe(1);
    expect(episode.plan.agendaItems.length).toBeGreaterThan(0);
    expect(episode.plan.measuresDue.map((m: { instrumentId: string }) => m.instrumentId)).toContain('phq-9');
    const again = await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' });
    expect(again.statusCode).toBe(409);
    expect((await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'made-up', startDate: '2026-11-02' })).json().errors[0].field).toBe('protocolId');
    expect((await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipc', startDate: '2026-11-02', contractedSessions: 40 })).statusCode).toBe(400);
    expect((await other.get(`/api/v1/episodes/${episodeId}`)).statusCode).toBe(404);
  });

  it('holds session 1: agenda from the protocol, PHQ-9 with a risk answer that raises a flag, a prefilled note, signing', async () => {
    const before = await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: '2026-11-01T10:00:00.000Z', mode: 'in-person' });
    expect(before.statusCode).toBe(400);
    expect(before.json().errors[0].field).toBe('startsAt');
    const created = await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: '2026-11-02T10:00:00.000Z', mode: 'in-person' });
    expect(created.statusCode, created.body).toBe(201);
    const session = created.json();
    expect(session).toMatchObject({ number: 1, phase: 'initial', noteStatus: 'draft', attendance: 'scheduled' });
    expect(session.measuresDue).toContain('phq-9');
    expect(session.noteSections.map((s: { id: string }) => s.id)).toContain('assessment');
    expect((await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: '2026-11-02T11:00:00.000Z', number: 1 })).statusCode).toBe(409);

    const measure = await clinician.post(`/api/v1/sessions/${session.id}/measures`, { instrumentId: 'phq-9', answers: phq9([3, 3, 2, 2, 2, 2, 1, 1, 2]) }, { 'idempotency-key': `m1-${dialect}` });
    expect(measure.statusCode, measure.body).toBe(201);
    expect(measure.json().measure.score.total).toBe(18);
    expect(measure.json().riskFlags).toHaveLength(1);
    expect(measure.json().riskFlags[0]).toMatchObject({ status: 'open', clientId });
    const replay = await clinician.post(`/api/v1/sessions/${session.id}/measures`, { instrumentId: 'phq-9', answers: phq9([3, 3, 2, 2, 2, 2, 1, 1, 2]) }, { 'idempotency-key': `m1-${dialect}` });
    expect(replay.json().measure.id).toBe(measure.json().measure.id);
    const flags = await t.db.db.selectFrom('risk_flag').selectAll().where('client_id', '=', clientId).execute();
    expect(flags).toHaveLength(1);
    expect((await clinician.get(`/api/v1/clients/${clientId}/risk-flags`)).json().items).toHaveLength(1);

    const read = await clinician.get(`/api/v1/sessions/${session.id}`);
    expect(read.json().note.measureReview).toContain('18');
    expect(read.json().prefilledSections).toContain('measureReview');
    const agendaIds = (read.json().agenda as Array<{ id: string }>).map((a) => a.id);
    const edited = await clinician.patch(`/api/v1/sessions/${session.id}`, {
      attendance: 'attended', agenda: { [agendaIds[0]!]: true }, note: { moodRating: 3, moodCheckIn: 'Low most days.', plan: 'Inventory next week.' },
    }, { 'if-match': etag(read) });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await clinician.patch(`/api/v1/sessions/${session.id}`, { note: { problemAreaWork: 'x' } }, { 'if-match': etag(edited) })).statusCode).toBe(400);
    expect((await clinician.patch(`/api/v1/sessions/${session.id}`, { agenda: { 'not-an-item': true } }, { 'if-match': etag(edited) })).json().errors[0].field).toBe('agenda.not-an-item');
    const signed = await clinician.post(`/api/v1/sessions/${session.id}/sign`, undefined, { 'if-match': etag(edited) });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ noteStatus: 'signed' });
    expect(signed.json().note.measureReview).toContain('18');
    const locked = await clinician.patch(`/api/v1/sessions/${session.id}`, { note: { plan: 'changed' } }, { 'if-match': etag(signed) });
    expect(locked.statusCode).toBe(423);
    expect((await clinician.post(`/api/v1/sessions/${session.id}/measures`, { instrumentId: 'phq-9', answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]) })).statusCode).toBe(423);
    const addendum = await clinician.post(`/api/v1/sessions/${session.id}/addenda`, { text: 'Called the client the next day: safe.' });
    expect(addendum.statusCode).toBe(201);
    expect(addendum.json().addenda).toHaveLength(1);
    expect(addendum.json().note.plan).toBe('Inventory next week.');
  });

  it('guards the move to the middle phase without an agreed formulation unless a reason is given', async () => {
    const episode = await clinician.get(`/api/v1/episodes/${episodeId}`);
    expect(episode.json().plan.phaseGuardsByTarget.middle.map((g: { code: string }) => g.code)).toContain('formulation-not-agreed');
    expect(episode.json().mayEdit).toBe(true);
    const refused = await clinician.post(`/api/v1/episodes/${episodeId}/phase-changes`, { targetPhase: 'middle' }, { 'if-match': etag(episode) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('reason');
    expect(refused.json().guards.length).toBeGreaterThan(0);
    const moved = await clinician.post(`/api/v1/episodes/${episodeId}/phase-changes`, { targetPhase: 'middle', reason: 'Brief initial phase agreed in supervision.' }, { 'if-match': etag(episode) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().currentPhase).toBe('middle');
    expect(moved.json().phaseChanges[0].overriddenGuards.length).toBeGreaterThan(0);
    expect(moved.json().phaseChanges[0].reason).toBe('Brief initial phase agreed in supervision.');
    expect(moved.json().phaseChanges[0].changedByName).toBe('course');
  });

  it('charts sessions 2–3 with the outcome so far, and shows them on the day view', async () => {
    for (const [n, values] of [[2, [2, 2, 2, 1, 1, 1, 1, 1, 0]], [3, [1, 1, 1, 1, 1, 1, 0, 0, 0]]] as const) {
      const s = (await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: `2026-11-${String(2 + (n - 1) * 7).padStart(2, '0')}T10:00:00.000Z` })).json();
      expect(s.number).toBe(n);
      expect(s.phase).toBe('middle');
      await clinician.post(`/api/v1/sessions/${s.id}/measures`, { instrumentId: 'phq-9', answers: phq9([...values]) });
      const current = await clinician.get(`/api/v1/sessions/${s.id}`);
      await clinician.patch(`/api/v1/sessions/${s.id}`, { attendance: 'attended' }, { 'if-match': etag(current) });
    }
    const episode = (await clinician.get(`/api/v1/episodes/${episodeId}`)).json();
    expect(episode.chart.points.map((p: { total: number }) => p.total)).toEqual([18, 11, 6]);
    expect(episode.chart.bands.length).toBe(5);
    expect(episode.chart.phaseBoundaries.map((b: { phase: string }) => b.phase)).toEqual(['initial', 'middle']);
    expect(episode.chart.outcome).toMatchObject({ baseline: 18, latest: 6, change: -12, response: true, remission: false, reliableChange: 'reliable-improvement' });
    expect(episode.sessions).toHaveLength(3);
    const day = (await clinician.get('/api/v1/day?date=2026-11-16')).json();
    expect(day.sessions).toHaveLength(1);
    // Session 3 starts 10:00 UTC on 16 November: for a viewer at UTC+14 that is already 17 November.
    expect((await clinician.get('/api/v1/day?date=2026-11-17&tzOffsetMinutes=840')).json().sessions).toHaveLength(1);
    expect(day.unsignedNotes.map((u: { number: number }) => u.number).sort()).toEqual([2, 3]);
    expect((await other.get('/api/v1/day?date=2026-11-16')).json().sessions).toHaveLength(0);
  });

  it('refuses a measure for an instrument the organization turned off', async () => {
    const org = await admin.get('/api/v1/organization');
    const off = await admin.patch('/api/v1/organization', { disabledInstruments: ['gad-7'] }, { 'if-match': etag(org) });
    expect(off.statusCode, off.body).toBe(200);
    expect((await admin.patch('/api/v1/organization', { disabledInstruments: ['nope'] }, { 'if-match': etag(off) })).json().errors[0].field).toBe('disabledInstruments.0');
    const s = (await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: '2026-11-23T10:00:00.000Z' })).json();
    const refused = await clinician.post(`/api/v1/sessions/${s.id}/measures`, { instrumentId: 'gad-7', answers: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('instrumentId');
  });

  it('follows the organization\'s measure schedule instead of the protocol default', async () => {
    const org = await admin.get('/api/v1/organization');
    const bad = await admin.patch('/api/v1/organization', { measureSchedule: [{ instrumentId: 'nope', every: 'session' }] }, { 'if-match': etag(org) });
    expect(bad.json().errors[0].field).toBe('measureSchedule.0.instrumentId');
    const set = await admin.patch('/api/v1/organization', { measureSchedule: [{ instrumentId: 'phq-9', every: 'session' }, { instrumentId: 'wsas', every: { sessions: 4 } }] }, { 'if-match': etag(org) });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().measureSchedule).toHaveLength(2);
    const episode = (await clinician.get(`/api/v1/episodes/${episodeId}`)).json();
    expect(episode.plan.measuresDue.map((m: { instrumentId: string }) => m.instrumentId)).toEqual(expect.arrayContaining(['phq-9', 'wsas']));
    const reset = await admin.patch('/api/v1/organization', { measureSchedule: null }, { 'if-match': etag(set) });
    expect(reset.json().measureSchedule).toBeNull();
  });

  it('keeps private process notes to their author, audited as psychotherapy notes', async () => {
    const session = (await clinician.get(`/api/v1/episodes/${episodeId}`)).json().sessions[0];
    const note = await clinician.post(`/api/v1/sessions/${session.id}/process-notes`, { text: 'My own reflections.' });
    expect(note.statusCode).toBe(201);
    expect((await clinician.get(`/api/v1/sessions/${session.id}/process-notes`)).json().items).toHaveLength(1);
    expect((await supervisor.get(`/api/v1/sessions/${session.id}/process-notes`)).json().items).toHaveLength(0);
    expect((await other.get(`/api/v1/sessions/${session.id}/process-notes`)).statusCode).toBe(404);
    const events = await t.db.db.selectFrom('audit_event').select('sensitivity').where('entity_type', '=', 'process-note').execute();
    expect(events.every((e) => e.sensitivity === 'psychotherapy')).toBe(true);
    expect(JSON.stringify((await clinician.get(`/api/v1/sessions/${session.id}`)).json())).not.toContain('My own reflections.');
  });

  it('tells the page who may edit: the counsellor yes, an administrator reading under break-glass no', async () => {
    const sessionId = (await clinician.get(`/api/v1/episodes/${episodeId}`)).json().sessions[0].id as string;
    expect((await clinician.get(`/api/v1/sessions/${sessionId}`)).json().mayEdit).toBe(true);
    expect((await admin.post(`/api/v1/clients/${clientId}/break-glass`, { reason: 'Client in crisis, counsellor unreachable' })).statusCode).toBe(201);
    expect((await admin.get(`/api/v1/episodes/${episodeId}`)).json().mayEdit).toBe(false);
    expect((await admin.get(`/api/v1/sessions/${sessionId}`)).json().mayEdit).toBe(false);
  });

  it('ends the episode with a reason and refuses new sessions afterwards', async () => {
    await signTerminationNote(clinician, episodeId);
    const episode = await clinician.get(`/api/v1/episodes/${episodeId}`);
    const ended = await clinician.post(`/api/v1/episodes/${episodeId}/end`, { status: 'dropped-out', endReason: 'dropped-out' }, { 'if-match': etag(episode) });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'dropped-out', endReason: 'dropped-out', plan: null });
    expect((await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: '2026-12-01T10:00:00.000Z' })).statusCode).toBe(409);
    const list = (await clinician.get(`/api/v1/clients/${clientId}/episodes`)).json().items;
    expect(list[0]).toMatchObject({ id: episodeId, status: 'dropped-out', sessionsHeld: 3 });
  });
});
