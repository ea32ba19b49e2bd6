import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPUTE_STAGES } from '../../../domain/formulation/problem-areas';
import { EXAMPLES } from '../../../domain/worksheets/worksheet-examples';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { testDialects } from '../../../../test/support/dialects';
import { countUnreviewedTasks } from './middle-phase.repository';

const etag = (r: { headers: Record<string, unknown> }) => String(r.headers.etag);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A role-dispute episode through four middle sessions: the workspace opened at impasse, worksheets
 * for each technique, tasks set and reviewed, the stage moving to renegotiation (and the checklist
 * with it), the outcome series, and a signed session locking what was recorded in it.
 */
describe.each(testDialects())('a role dispute through the middle phase on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let episodeId: string;
  let workspaceId: string;
  const sessions: string[] = [];
  const ids: Record<string, string> = {};

  /** Creates the next session through the API and records attendance (If-Match with its ETag). */
  async function holdSession(date: string): Promise<string> {
    const created = await clinician.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: `${date}T10:00:00.000Z` });
    expect(created.statusCode, created.body).toBe(201);
    const attended = await clinician.patch(`/api/v1/sessions/${created.json().id}`, { attendance: 'attended' }, { 'if-match': etag(created) });
    expect(attended.statusCode, attended.body).toBe(200);
    return created.json().id as string;
  }

  async function sign(sessionId: string) {
    const current = await clinician.get(`/api/v1/sessions/${sessionId}`);
    const signed = await clinician.post(`/api/v1/sessions/${sessionId}/sign`, undefined, { 'if-match': etag(current) });
    expect(signed.statusCode, signed.body).toBe(200);
  }

  async function outcome(sessionId: string, body: Json, version = '"0"') {
    const put = await clinician.request({ method: 'PUT', url: `/api/v1/workspaces/${workspaceId}/outcomes/${sessionId}`, payload: body, headers: { 'if-match': version } });
    expect(put.statusCode, put.body).toBe(200);
    return put.json() as Json;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'middle@test.example', 'clinician');
    const client = await createClient(clinician, { displayName: 'Dispute Client', dateOfBirth: '1985-03-03' });
    episodeId = (await clinician.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json().id;
    await holdSession('2026-11-02');
    const episode = await clinician.get(`/api/v1/episodes/${episodeId}`);
    const moved = await clinician.post(`/api/v1/episodes/${episodeId}/phase-changes`, { targetPhase: 'middle', reason: 'Focus agreed: dispute with Sam.' }, { 'if-match': etag(episode) });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const date of ['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']) sessions.push(await holdSession(date));
  });
  afterAll(async () => t.close());

  it('opens a role-dispute workspace at impasse with the stage\'s strategy and checklist', async () => {
    const opened = await clinician.post(`/api/v1/episodes/${episodeId}/workspaces`, { area: 'role-dispute', otherParty: 'Sam (partner)', stage: 'impasse', goals: ['Talk about weekends again'] });
    expect(opened.statusCode, opened.body).toBe(201);
    const w = opened.json();
    workspaceId = w.id;
    expect(w).toMatchObject({ area: 'role-dispute', otherParty: 'Sam (partner)', stage: 'impasse', goals: ['Talk about weekends again'], version: 1 });
    expect(w.guidance.stage.strategy.text).toBe(DISPUTE_STAGES.impasse.strategy.text);
    expect(w.checklist.map((i: Json) => i.id)).toContain('impasse-restart-talks');
    expect(w.stageHistory).toMatchObject([{ fromStage: null, toStage: 'impasse', sessionId: null }]);
    expect(w.details).toMatchObject({ clientExpects: [], otherExpects: [], tried: [] });
    expect((await clinician.post(`/api/v1/episodes/${episodeId}/workspaces`, { area: 'role-dispute', otherParty: 'Sam', stage: 'impasse' })).statusCode).toBe(409);
  });

  it('session 2: interval review, communication analysis, expectations, a tick, an outcome and a task', async () => {
    const s = sessions[0]!;
    const review = await clinician.post(`/api/v1/sessions/${s}/worksheets`, { kind: 'interval-review', payload: EXAMPLES['interval-review'] });
    expect(review.statusCode, review.body).toBe(201);
    const ca = await clinician.post(`/api/v1/sessions/${s}/worksheets`, { kind: 'communication-analysis', workspaceId, payload: EXAMPLES['communication-analysis'] });
    expect(ca.statusCode, ca.body).toBe(201);
    ids.communication = ca.json().id;
    expect(ca.json()).toMatchObject({ area: 'role-dispute', sessionNumber: 2, locked: false, version: 1 });
    expect(ca.json().summary).toContain('went wrong: hostility, silence');

    const w = await clinician.get(`/api/v1/workspaces/${workspaceId}`);
    const patched = await clinician.patch(`/api/v1/workspaces/${workspaceId}`, {
      details: { clientExpects: ['to be asked before plans are made'], otherExpects: ['to be free at weekends'], mismatches: ['who decides the weekend'] },
      checklist: { 'dispute-name-it': true, 'impasse-restart-talks': true }, summary: 'Dispute about weekends; talks stopped two weeks ago.',
    }, { 'if-match': etag(w) });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().checklist.filter((i: Json) => i.done).map((i: Json) => i.id).sort()).toEqual(['dispute-name-it', 'impasse-restart-talks']);

    const o = await outcome(s, { progress: 3, expectationsCloser: 'no' });
    expect(o).toMatchObject({ progress: 3, stage: 'impasse', expectationsCloser: 'no', sessionNumber: 2, version: 1 });
    const task = await clinician.post(`/api/v1/sessions/${s}/tasks`, { what: 'Ask Sam for ten minutes to talk', withWhom: 'Sam', whenText: 'Sunday evening', workspaceId });
    expect(task.statusCode, task.body).toBe(201);
    ids.task1 = task.json().id;
    expect(task.json()).toMatchObject({ status: 'open', area: 'role-dispute', visibleToClient: true, setInSessionNumber: 2, review: null });
    expect(await countUnreviewedTasks(t.db.db, clinician.organizationId, episodeId)).toBe(1);
    expect((await clinician.get(`/api/v1/episodes/${episodeId}/tasks?status=open`)).json().items).toHaveLength(1);
    await sign(s);
  });

  it('session 3: reviews the task, weighs options, role-plays, and the stage moves from impasse to renegotiation', async () => {
    const s = sessions[1]!;
    const task = await clinician.get(`/api/v1/tasks/${ids.task1}`);
    const reviewed = await clinician.post(`/api/v1/tasks/${ids.task1}/review`, { sessionId: s, outcome: 'done', whatHappened: 'We talked for twenty minutes.', moodEffect: 2 }, { 'if-match': etag(task) });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', reviewedInSessionId: s, review: { sessionNumber: 3, outcome: 'done', moodEffect: 2 } });
    expect(reviewed.json().summary).toContain('— done, mood effect +2');

    const da = await clinician.post(`/api/v1/sessions/${s}/worksheets`, { kind: 'decision-analysis', workspaceId, payload: { ...EXAMPLES['decision-analysis'], chosenOptionIndex: null } });
    expect(da.statusCode, da.body).toBe(201);
    ids.decision = da.json().id;
    const chosen = await clinician.request({ method: 'PUT', url: `/api/v1/worksheets/${ids.decision}`, payload: { kind: 'decision-analysis', payload: EXAMPLES['decision-analysis'] }, headers: { 'if-match': etag(da) } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ version: 2, workspaceId });
    expect(chosen.json().summary).toContain('chosen: "Talk on Sunday evening"');
    const history = (await clinician.get(`/api/v1/worksheets/${ids.decision}/history`)).json().items;
    expect(history.map((h: Json) => [h.version, h.current])).toEqual([[2, true], [1, false]]);
    expect(history[1].summary).toContain('no option chosen yet');

    const rp = await clinician.post(`/api/v1/sessions/${s}/worksheets`, { kind: 'role-play', workspaceId, payload: EXAMPLES['role-play'] });
    expect(rp.statusCode, rp.body).toBe(201);
    expect(rp.json().summary).toContain('confidence 3→6/10');

    const w = await clinician.get(`/api/v1/workspaces/${workspaceId}`);
    const moved = await clinician.post(`/api/v1/workspaces/${workspaceId}/stage-changes`, { stage: 'renegotiation', sessionId: s, reason: 'They are talking about it again.' }, { 'if-match': etag(w) });
    expect(moved.statusCode, moved.body).toBe(200);
    const view = moved.json();
    expect(view.stage).toBe('renegotiation');
    expect(view.guidance.stage.strategy.text).toBe(DISPUTE_STAGES.renegotiation.strategy.text);
    expect(view.stageHistory.map((h: Json) => [h.fromStage, h.toStage, h.sessionNumber])).toEqual([[null, 'impasse', null], ['impasse', 'renegotiation', 3]]);
    const items = view.checklist.map((i: Json) => i.id);
    expect(items).toContain('renegotiation-improve-talk');
    expect(items).not.toContain('impasse-restart-talks');
    expect(view.checklist.find((i: Json) => i.id === 'dispute-name-it').done).toBe(true);
    expect((await clinician.post(`/api/v1/workspaces/${workspaceId}/stage-changes`, { stage: 'renegotiation' }, { 'if-match': etag(moved) })).json().errors[0].field).toBe('stage');

    expect(await outcome(s, { progress: 5, expectationsCloser: 'partly' })).toMatchObject({ stage: 'renegotiation' });
    const listed = (await clinician.get(`/api/v1/sessions/${s}/worksheets`)).json().items;
    expect(listed.map((x: Json) => x.kind)).toEqual(['decision-analysis', 'role-play']);
    expect(listed.every((x: Json) => typeof x.summary === 'string' && x.summary.length > 0 && !x.summary.includes('\n'))).toBe(true);
    // The worksheets' summaries fill the note's "techniques used" while it is a draft.
    const draft = (await clinician.get(`/api/v1/sessions/${s}`)).json();
    expect(draft.prefilledSections).toContain('techniquesUsed');
    for (const w of listed) expect(draft.note.techniquesUsed).toContain(w.summary);
    await sign(s);
  });

  it('sessions 4 and 5: the decision analysis continues on an open session, a second task is set and reviewed', async () => {
    const [s4, s5] = [sessions[2]!, sessions[3]!];
    const result = { ...EXAMPLES['decision-analysis'], result: 'Sunday talks worked twice; we now plan together.' };
    const continued = await clinician.post(`/api/v1/sessions/${s4}/worksheets`, { kind: 'decision-analysis', continuesId: ids.decision, payload: result });
    expect(continued.statusCode, continued.body).toBe(201);
    expect(continued.json()).toMatchObject({ continuesId: ids.decision, workspaceId, sessionNumber: 4 });
    await outcome(s4, { progress: 6, expectationsCloser: 'yes' });
    const task = await clinician.post(`/api/v1/sessions/${s4}/tasks`, { what: 'Plan one weekend day together', withWhom: 'Sam', whenDate: '2026-11-28', visibleToClient: false }, { 'idempotency-key': `task2-${dialect}` });
    expect(task.statusCode, task.body).toBe(201);
    expect(task.json()).toMatchObject({ area: null, visibleToClient: false });
    const replay = await clinician.post(`/api/v1/sessions/${s4}/tasks`, { what: 'Plan one weekend day together', withWhom: 'Sam', whenDate: '2026-11-28', visibleToClient: false }, { 'idempotency-key': `task2-${dialect}` });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(task.json().id);
    const sameSession = await clinician.post(`/api/v1/tasks/${task.json().id}/review`, { sessionId: s4, outcome: 'done' }, { 'if-match': etag(task) });
    expect(sameSession.statusCode).toBe(400);
    expect(sameSession.json().errors[0].field).toBe('sessionId');
    await sign(s4);

    const reviewed = await clinician.post(`/api/v1/tasks/${task.json().id}/review`, { sessionId: s5, outcome: 'partly', moodEffect: 1 }, { 'if-match': etag(task) });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    await outcome(s5, { progress: 7, expectationsCloser: 'yes' });
    expect(await countUnreviewedTasks(t.db.db, clinician.organizationId, episodeId)).toBe(0);
    expect((await clinician.get(`/api/v1/episodes/${episodeId}/tasks?status=reviewed`)).json().items.map((x: Json) => x.review.outcome)).toEqual(['done', 'partly']);
    expect((await clinician.get(`/api/v1/episodes/${episodeId}/tasks?status=open`)).json().items).toEqual([]);
  });

  it('answers the outcome series for the chart and the worksheets of the episode', async () => {
    const series = (await clinician.get(`/api/v1/episodes/${episodeId}/outcomes`)).json();
    expect(series.workspaces).toHaveLength(1);
    const [w] = series.workspaces;
    expect(w.measures.map((m: Json) => m.id)).toEqual(['progress', 'stage', 'expectationsCloser']);
    expect(w.points.map((p: Json) => [p.sessionNumber, p.progress, p.stage, p.expectationsCloser])).toEqual([
      [2, 3, 'impasse', 'no'], [3, 5, 'renegotiation', 'partly'], [4, 6, 'renegotiation', 'yes'], [5, 7, 'renegotiation', 'yes'],
    ]);
    expect(w.points.map((p: Json) => p.locked)).toEqual([true, true, true, false]);
    expect(w.points[0].date).toBe('2026-11-09');
    expect((await clinician.get(`/api/v1/workspaces/${workspaceId}`)).json().progress.map((p: Json) => p.rating)).toEqual([3, 5, 6, 7]);
    const all = (await clinician.get(`/api/v1/episodes/${episodeId}/worksheets?kind=decision-analysis`)).json().items;
    expect(all.map((x: Json) => x.sessionNumber)).toEqual([3, 4]);
  });

  it('locks what a signed session recorded: worksheets, outcomes and tasks answer 423', async () => {
    const s2 = sessions[0]!;
    const ca = await clinician.get(`/api/v1/worksheets/${ids.communication}`);
    expect(ca.json().locked).toBe(true);
    const edit = await clinician.request({ method: 'PUT', url: `/api/v1/worksheets/${ids.communication}`, payload: { kind: 'communication-analysis', payload: { ...EXAMPLES['communication-analysis'], mood: 4 } }, headers: { 'if-match': etag(ca) } });
    expect(edit.statusCode).toBe(423);
    expect(edit.json().type).toContain('note-signed');
    expect((await clinician.post(`/api/v1/sessions/${s2}/worksheets`, { kind: 'interval-review', payload: {} })).statusCode).toBe(423);
    expect((await clinician.request({ method: 'PUT', url: `/api/v1/workspaces/${workspaceId}/outcomes/${s2}`, payload: { progress: 9 }, headers: { 'if-match': '"1"' } })).statusCode).toBe(423);
    expect((await clinician.post(`/api/v1/sessions/${s2}/tasks`, { what: 'Too late' })).statusCode).toBe(423);
    const task = await clinician.get(`/api/v1/tasks/${ids.task1}`);
    expect((await clinician.patch(`/api/v1/tasks/${ids.task1}`, { what: 'Changed' }, { 'if-match': etag(task) })).statusCode).toBe(423);
    const hidden = await clinician.patch(`/api/v1/tasks/${ids.task1}`, { visibleToClient: false }, { 'if-match': etag(task) });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json()).toMatchObject({ visibleToClient: false, what: 'Ask Sam for ten minutes to talk' });
    const reReview = await clinician.post(`/api/v1/tasks/${ids.task1}/review`, { sessionId: sessions[3]!, outcome: 'not' }, { 'if-match': etag(hidden) });
    expect(reReview.statusCode).toBe(423);
  });

  it('audits every read and change without clinical content', async () => {
    const events = await t.db.db.selectFrom('audit_event').select(['action', 'entity_type', 'reason'])
      .where('entity_type', 'in', ['problem-area-workspace', 'workspace-stage', 'problem-area-outcome', 'worksheet', 'worksheet-history', 'between-session-task']).execute();
    const kinds = new Set(events.map((e) => `${e.action} ${e.entity_type}`));
    for (const expected of ['create worksheet', 'update worksheet', 'read worksheet', 'query worksheet', 'read worksheet-history', 'create problem-area-workspace', 'update workspace-stage',
      'create problem-area-outcome', 'query problem-area-outcome', 'create between-session-task', 'update between-session-task', 'query between-session-task']) {
      expect(kinds, expected).toContain(expected);
    }
    expect(JSON.stringify(events)).not.toMatch(/Sam|weekend/);
  });
});
