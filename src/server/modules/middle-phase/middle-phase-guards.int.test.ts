import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../domain/worksheets/worksheet-examples';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { signTerminationNote } from '../../../../test/support/termination';
import { testDialects } from '../../../../test/support/dialects';

const etag = (r: { headers: Record<string, unknown> }) => String(r.headers.etag);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The guards of the middle phase: access (another clinician gets 404 everywhere, a supervisor reads),
 * If-Match (428 missing, 412 stale with the current version), 400 naming the field, the focus rule
 * (at most two workspaces), idempotent creates, and no changes once the episode has ended.
 */
describe.each(testDialects())('middle-phase guards on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let other: Agent;
  let supervisor: Agent;
  let episodeId: string;
  let sessionId: string;
  let workspaceId: string;
  let worksheetId: string;
  let taskId: string;

  async function newEpisode(owner: Agent, name: string): Promise<{ episodeId: string; sessionId: string }> {
    const client = await createClient(owner, { displayName: name });
    const episode = (await owner.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json();
    const session = (await owner.post(`/api/v1/episodes/${episode.id}/sessions`, { startsAt: '2026-11-09T10:00:00.000Z', attendance: 'attended' })).json();
    return { episodeId: episode.id, sessionId: session.id };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'own@test.example', 'clinician');
    other = await inviteAndAccept(t.app, admin, 'other@test.example', 'clinician');
    supervisor = await inviteAndAccept(t.app, admin, 'sup@test.example', 'supervisor');
    await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: clinician.userId });
    ({ episodeId, sessionId } = await newEpisode(clinician, 'Guarded Client'));
    workspaceId = (await clinician.post(`/api/v1/episodes/${episodeId}/workspaces`, { area: 'role-dispute', otherParty: 'Sam', stage: 'impasse' })).json().id;
    worksheetId = (await clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'decision-analysis', workspaceId, payload: EXAMPLES['decision-analysis'] })).json().id;
    taskId = (await clinician.post(`/api/v1/sessions/${sessionId}/tasks`, { what: 'Call Jo' })).json().id;
  });
  afterAll(async () => t.close());

  it('answers 404 to another clinician on every middle-phase route, and lets the supervisor read', async () => {
    const reads = [
      `/api/v1/episodes/${episodeId}/workspaces`, `/api/v1/workspaces/${workspaceId}`, `/api/v1/episodes/${episodeId}/outcomes`, `/api/v1/sessions/${sessionId}/worksheets`,
      `/api/v1/episodes/${episodeId}/worksheets`, `/api/v1/worksheets/${worksheetId}`, `/api/v1/worksheets/${worksheetId}/history`, `/api/v1/episodes/${episodeId}/tasks`, `/api/v1/tasks/${taskId}`,
    ];
    for (const url of reads) {
      expect((await other.get(url)).statusCode, url).toBe(404);
      expect((await supervisor.get(url)).statusCode, url).toBe(200);
    }
    const writes: Array<[string, string, unknown]> = [
      ['POST', `/api/v1/episodes/${episodeId}/workspaces`, { area: 'grief' }],
      ['PATCH', `/api/v1/workspaces/${workspaceId}`, { goals: ['x'] }],
      ['POST', `/api/v1/workspaces/${workspaceId}/stage-changes`, { stage: 'renegotiation' }],
      ['PUT', `/api/v1/workspaces/${workspaceId}/outcomes/${sessionId}`, { progress: 1 }],
      ['POST', `/api/v1/sessions/${sessionId}/worksheets`, { kind: 'interval-review', payload: {} }],
      ['PUT', `/api/v1/worksheets/${worksheetId}`, { kind: 'decision-analysis', payload: EXAMPLES['decision-analysis'] }],
      ['POST', `/api/v1/sessions/${sessionId}/tasks`, { what: 'x' }],
      ['PATCH', `/api/v1/tasks/${taskId}`, { what: 'x' }],
      ['POST', `/api/v1/tasks/${taskId}/review`, { sessionId, outcome: 'done' }],
    ];
    for (const [method, url, payload] of writes) {
      const response = await other.request({ method: method as 'POST', url, payload: payload as object, headers: { 'if-match': '"1"' } });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const denied = await t.db.db.selectFrom('audit_event').select('entity_type').where('action', '=', 'denied').where('actor_id', '=', other.userId).execute();
    expect(denied.length).toBeGreaterThanOrEqual(reads.length + writes.length);
  });

  it('needs If-Match on changes: 428 when missing, 412 with the current version when stale', async () => {
    expect((await clinician.patch(`/api/v1/workspaces/${workspaceId}`, { goals: ['a'] })).statusCode).toBe(428);
    const stale = await clinician.patch(`/api/v1/workspaces/${workspaceId}`, { goals: ['a'] }, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().currentVersion).toBe(1);
    expect((await clinician.request({ method: 'PUT', url: `/api/v1/worksheets/${worksheetId}`, payload: { kind: 'decision-analysis', payload: EXAMPLES['decision-analysis'] } })).statusCode).toBe(428);
    const staleSheet = await clinician.request({ method: 'PUT', url: `/api/v1/worksheets/${worksheetId}`, payload: { kind: 'decision-analysis', payload: EXAMPLES['decision-analysis'] }, headers: { 'if-match': '"3"' } });
    expect(staleSheet.statusCode).toBe(412);
    expect(staleSheet.json().currentVersion).toBe(1);
    const noOutcomeYet = await clinician.request({ method: 'PUT', url: `/api/v1/workspaces/${workspaceId}/outcomes/${sessionId}`, payload: { progress: 2 }, headers: { 'if-match': '"1"' } });
    expect(noOutcomeYet.statusCode).toBe(412);
    expect(noOutcomeYet.json().currentVersion).toBe(0);
    expect((await clinician.post(`/api/v1/tasks/${taskId}/review`, { sessionId, outcome: 'done' })).statusCode).toBe(428);
    expect((await clinician.post(`/api/v1/workspaces/${workspaceId}/stage-changes`, { stage: 'renegotiation' }, { 'if-match': '"9"' })).json().currentVersion).toBe(1);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const field = async (response: Promise<{ statusCode: number; json(): Json }>) => {
      const r = await response;
      expect(r.statusCode).toBe(400);
      return r.json().errors[0].field as string;
    };
    const da = EXAMPLES['decision-analysis'];
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'decision-analysis', payload: { ...da, options: [{ option: '' }], chosenOptionIndex: 0 } }))).toBe('payload.options.0.option');
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'decision-analysis', payload: { ...da, chosenOptionIndex: 5 } }))).toBe('payload.chosenOptionIndex');
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'homework', payload: {} }))).toBe('kind');
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'role-play', payload: { ...EXAMPLES['role-play'], confidenceBefore: 12 } }))).toBe('payload.confidenceBefore');
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'interval-review', payload: {}, extra: 1 }))).toBe('extra');
    const sheet = await clinician.get(`/api/v1/worksheets/${worksheetId}`);
    expect(await field(clinician.request({ method: 'PUT', url: `/api/v1/worksheets/${worksheetId}`, payload: { kind: 'role-play', payload: EXAMPLES['role-play'] }, headers: { 'if-match': etag(sheet) } }))).toBe('kind');

    const elsewhere = await newEpisode(clinician, 'Second Client');
    const foreignWorkspace = (await clinician.post(`/api/v1/episodes/${elsewhere.episodeId}/workspaces`, { area: 'grief', person: 'Mum' })).json().id;
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'interval-review', workspaceId: foreignWorkspace, payload: {} }))).toBe('workspaceId');
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'role-play', continuesId: worksheetId, payload: EXAMPLES['role-play'] }))).toBe('continuesId');

    expect(await field(clinician.post(`/api/v1/episodes/${elsewhere.episodeId}/workspaces`, { area: 'role-dispute', otherParty: 'Sam' }))).toBe('stage');
    const w = await clinician.get(`/api/v1/workspaces/${workspaceId}`);
    expect(await field(clinician.patch(`/api/v1/workspaces/${workspaceId}`, { details: { clientExpects: [''] } }, { 'if-match': etag(w) }))).toBe('details.clientExpects.0');
    expect(await field(clinician.patch(`/api/v1/workspaces/${workspaceId}`, { details: { goodMemories: ['x'] } }, { 'if-match': etag(w) }))).toBe('details.goodMemories');
    expect(await field(clinician.patch(`/api/v1/workspaces/${workspaceId}`, { checklist: { 'renegotiation-improve-talk': true } }, { 'if-match': etag(w) }))).toBe('checklist.renegotiation-improve-talk');
    expect(await field(clinician.patch(`/api/v1/workspaces/${foreignWorkspace}`, { otherParty: 'Sam' }, { 'if-match': '"1"' }))).toBe('otherParty');
    expect(await field(clinician.request({ method: 'PUT', url: `/api/v1/workspaces/${workspaceId}/outcomes/${sessionId}`, payload: { progress: 4, mourning: 3 }, headers: { 'if-match': '"0"' } }))).toBe('mourning');
    expect(await field(clinician.request({ method: 'PUT', url: `/api/v1/workspaces/${workspaceId}/outcomes/${sessionId}`, payload: { progress: 11 }, headers: { 'if-match': '"0"' } }))).toBe('progress');

    const later = (await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: '2026-11-16T10:00:00.000Z' })).json();
    const task = await clinician.get(`/api/v1/tasks/${taskId}`);
    expect(await field(clinician.post(`/api/v1/tasks/${taskId}/review`, { sessionId: later.id, outcome: 'done', moodEffect: 6 }, { 'if-match': etag(task) }))).toBe('moodEffect');
    expect(await field(clinician.post(`/api/v1/tasks/${taskId}/review`, { sessionId: later.id, outcome: 'maybe' }, { 'if-match': etag(task) }))).toBe('outcome');
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/tasks`, { what: 'Call Jo', workspaceId, area: 'grief' }))).toBe('area');
    expect(await field(clinician.post(`/api/v1/sessions/${sessionId}/tasks`, { what: 'Call Jo', whenDate: '2026-02-30' }))).toBe('whenDate');
  });

  it('keeps to one workspace per area and at most two per episode', async () => {
    const { episodeId: id } = await newEpisode(clinician, 'Focus Client');
    expect((await clinician.post(`/api/v1/episodes/${id}/workspaces`, { area: 'role-transition', change: 'new job' })).statusCode).toBe(201);
    expect((await clinician.post(`/api/v1/episodes/${id}/workspaces`, { area: 'role-transition' })).statusCode).toBe(409);
    const second = await clinician.post(`/api/v1/episodes/${id}/workspaces`, { area: 'interpersonal-deficits' });
    expect(second.statusCode).toBe(201);
    expect(second.json().guidance.caution).not.toBeNull();
    const third = await clinician.post(`/api/v1/episodes/${id}/workspaces`, { area: 'grief' });
    expect(third.statusCode).toBe(409);
    expect(third.json().errors[0].field).toBe('area');
    const list = (await clinician.get(`/api/v1/episodes/${id}/workspaces`)).json();
    expect(list).toMatchObject({ maxAreas: 2 });
    expect(list.items.map((w: Json) => w.area)).toEqual(['role-transition', 'interpersonal-deficits']);
    expect(list.items[0].details.change).toBe('new job');
  });

  it('replays a worksheet create with the same Idempotency-Key and refuses the key with another body', async () => {
    const body = { kind: 'interval-review', payload: { mood: 4 } };
    const first = await clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, body, { 'idempotency-key': `ws-${dialect}` });
    const again = await clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, body, { 'idempotency-key': `ws-${dialect}` });
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await clinician.post(`/api/v1/sessions/${sessionId}/worksheets`, { kind: 'interval-review', payload: { mood: 5 } }, { 'idempotency-key': `ws-${dialect}` })).statusCode).toBe(422);
    const rows = await t.db.db.selectFrom('worksheet').select('id').where('session_id', '=', sessionId).where('kind', '=', 'interval-review').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses changes once the episode has ended (409) but still reads', async () => {
    const { episodeId: id, sessionId: s } = await newEpisode(clinician, 'Ended Client');
    const w = (await clinician.post(`/api/v1/episodes/${id}/workspaces`, { area: 'grief', person: 'Dad' })).json();
    await signTerminationNote(clinician, id);
    const episode = await clinician.get(`/api/v1/episodes/${id}`);
    expect((await clinician.post(`/api/v1/episodes/${id}/end`, { status: 'ended', endReason: 'completed' }, { 'if-match': etag(episode) })).statusCode).toBe(200);
    expect((await clinician.patch(`/api/v1/workspaces/${w.id}`, { summary: 'x' }, { 'if-match': '"1"' })).statusCode).toBe(409);
    expect((await clinician.post(`/api/v1/sessions/${s}/worksheets`, { kind: 'interval-review', payload: {} })).statusCode).toBe(409);
    expect((await clinician.post(`/api/v1/sessions/${s}/tasks`, { what: 'x' })).statusCode).toBe(409);
    expect((await clinician.get(`/api/v1/workspaces/${w.id}`)).statusCode).toBe(200);
  });
});
