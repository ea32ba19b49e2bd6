import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';

const etag = (r: { headers: Record<string, unknown> }) => String(r.headers.etag);
const fields = (r: { json(): { errors?: Array<{ field: string }> } }) => (r.json().errors ?? []).map((e) => e.field);
const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));

/** The initial phase from first session to agreed focus and contract, then the move to the middle phase. */
describe.each(testDialects())('timeline, diagnosis, formulation and contract on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let episodeId: string;
  const ids: Record<string, string> = {};
  const base = () => `/api/v1/episodes/${episodeId}`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'flow@test.example', 'clinician');
    const client = await createClient(clinician, { displayName: 'Maria Example', preferredName: 'Maria', dateOfBirth: '1979-07-07' });
    episodeId = (await clinician.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json().id;
    for (const person of [
      { label: 'Rose', relationshipType: 'parent', deceased: { diedOn: '2026-08-20' } },
      { label: 'Sam', relationshipType: 'partner', conflicts: 'Argue since the funeral', conflictResolved: 'no', expectationsMet: 'partly' },
      { label: 'Jo', relationshipType: 'friend' },
    ]) ids[person.label] = (await clinician.post(`${base()}/inventory`, person)).json().id;
    await clinician.post(`${base()}/closeness-circles`, { takenOn: '2026-11-02', label: 'intake', rings: 4, placements: [{ personId: ids.Rose, ring: 1 }, { personId: ids.Sam, ring: 2 }] });
    // Session 1, attended, with a PHQ-9 and a mood rating.
    const session = (await clinician.post(`${base()}/sessions`, { startsAt: '2026-11-02T10:00:00.000Z' })).json();
    await clinician.post(`/api/v1/sessions/${session.id}/measures`, { instrumentId: 'phq-9', answers: { ...phq9([3, 3, 2, 2, 2, 2, 1, 1, 1]), 10: 2 } });
    const read = await clinician.get(`/api/v1/sessions/${session.id}`);
    const attended = await clinician.patch(`/api/v1/sessions/${session.id}`, { attendance: 'attended', note: { moodRating: 3 } }, { 'if-match': etag(read) });
    expect(attended.statusCode, attended.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('sets the onset (version 0 until saved) and answers 428 and 412 on its update', async () => {
    const empty = await clinician.get(`${base()}/onset`);
    expect(empty.json()).toMatchObject({ saved: false, version: 0, onsetDate: null });
    expect(etag(empty)).toBe('"0"');
    expect((await clinician.request({ method: 'PUT', url: `${base()}/onset`, payload: { onsetDate: '2026-09-01' } })).statusCode).toBe(428);
    const stale = await clinician.request({ method: 'PUT', url: `${base()}/onset`, payload: { onsetDate: '2026-09-01' }, headers: { 'if-match': '"3"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().currentVersion).toBe(0);
    expect(fields(await clinician.request({ method: 'PUT', url: `${base()}/onset`, payload: { onsetDate: '2027-09-01' }, headers: { 'if-match': '"0"' } }))).toEqual(['onsetDate']);
    const saved = await clinician.request({ method: 'PUT', url: `${base()}/onset`, payload: { onsetDate: '2026-09-10', note: 'Stopped sleeping' }, headers: { 'if-match': '"0"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const changed = await clinician.request({ method: 'PUT', url: `${base()}/onset`, payload: { onsetDate: '2026-09-01' }, headers: { 'if-match': etag(saved) } });
    expect(changed.json()).toMatchObject({ saved: true, version: 2, onsetDate: '2026-09-01', note: null });
    expect((await clinician.get(`${base()}/onset/history`)).json().items.map((i: { snapshot: { onsetDate: string } }) => i.snapshot.onsetDate)).toEqual(['2026-09-01', '2026-09-10']);
  });

  it('records three timeline events with versions, and answers them with the onset, mood and scores', async () => {
    const events = [
      { date: '2026-08-20', title: 'Mum died', kind: 'death', personIds: [ids.Rose], mood: 2 },
      { date: '2026-06-01', title: 'Moved flat', kind: 'move' },
      { date: '2026-10-05', title: 'Row with Sam', kind: 'conflict', personIds: [ids.Sam], description: 'About the funeral costs' },
    ];
    for (const event of events) {
      const created = await clinician.post(`${base()}/timeline/events`, event);
      expect(created.statusCode, created.body).toBe(201);
      ids[event.title] = created.json().id;
    }
    const moved = await clinician.patch(`${base()}/timeline/events/${ids['Moved flat']}`, { title: 'Moved to a new flat', problemArea: 'role-transition' }, { 'if-match': '"1"' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ version: 2, title: 'Moved to a new flat', kind: 'move', problemArea: 'role-transition' });
    expect((await clinician.patch(`${base()}/timeline/events/${ids['Moved flat']}`, { mood: 4 }, { 'if-match': '"1"' })).json().currentVersion).toBe(2);
    expect((await clinician.get(`${base()}/timeline/events/${ids['Moved flat']}/history`)).json().items.map((i: { snapshot: { title: string } }) => i.snapshot.title)).toEqual(['Moved to a new flat', 'Moved flat']);
    expect(fields(await clinician.post(`${base()}/timeline/events`, { date: '2026-10-01', title: 'x', kind: 'other', personIds: [episodeId] }))).toEqual(['personIds.0']);
    expect(fields(await clinician.post(`${base()}/timeline/events`, { date: '2026-10-01', title: 'x', kind: 'party', mood: 11 })).sort()).toEqual(['kind', 'mood']);
    const extra = (await clinician.post(`${base()}/timeline/events`, { date: '2026-10-02', title: 'Wrong entry', kind: 'other' })).json();
    const archived = await clinician.post(`${base()}/timeline/events/${extra.id}/archive`, { reason: 'Duplicate' }, { 'if-match': '"1"' });
    expect(archived.json()).toMatchObject({ status: 'archived', archiveReason: 'Duplicate' });

    const timeline = (await clinician.get(`${base()}/timeline`)).json();
    expect(timeline.events.map((e: { title: string }) => e.title)).toEqual(['Moved to a new flat', 'Mum died', 'Row with Sam']);
    expect(timeline.onset).toMatchObject({ onsetDate: '2026-09-01', version: 2 });
    expect(timeline.episodeStart).toBe('2026-11-02');
    expect(timeline.moodPoints).toEqual([expect.objectContaining({ sessionNumber: 1, date: '2026-11-02', mood: 3 })]);
    expect(timeline.scores).toEqual([expect.objectContaining({ instrumentId: 'phq-9', total: 17, date: '2026-11-22' })]);
    // The same events are markers on the episode's symptom chart; all came before session 1, so they sit before it.
    const chart = (await clinician.get(base())).json().chart;
    expect(chart.events.map((e: { title: string }) => e.title)).toEqual(['Moved to a new flat', 'Mum died', 'Row with Sam']);
    expect(chart.events.every((e: { atSession: number }) => e.atSession === 0.5)).toBe(true);
  });

  it('suggests grief first for a death near the onset, naming the person', async () => {
    const view = (await clinician.get(`${base()}/formulation/suggestions`)).json();
    expect(view.suggestions[0].area).toBe('grief');
    expect(view.suggestions[0].reasons[0]).toContain('Rose');
    expect(view.suggestions[0].evidence).toEqual(expect.arrayContaining([{ id: ids.Rose, kind: 'person', label: 'Rose' }]));
    expect(view.suggestions.map((s: { area: string }) => s.area)).toEqual(expect.arrayContaining(['role-dispute', 'role-transition']));
    expect(view).toMatchObject({ onsetDate: '2026-09-01', peopleConsidered: 3, eventsConsidered: 3 });
  });

  it('prefills the diagnosis checklist from the latest PHQ-9 and saves the clinician\'s confirmation', async () => {
    const draft = await clinician.get(`${base()}/diagnosis`);
    expect(etag(draft)).toBe('"0"');
    const d = draft.json();
    expect(d).toMatchObject({ saved: false, prefilled: true, version: 0, durationTwoWeeks: 'unknown' });
    expect(d.disclaimer).toContain('does not diagnose');
    expect(d.symptoms.anhedonia).toMatchObject({ present: 'yes', prefilledFrom: { instrumentId: 'phq-9', itemId: '1', value: 3 } });
    expect(d.symptoms.concentration).toMatchObject({ present: 'no', prefilledFrom: { itemId: '7', value: 1 } });
    expect(d.symptoms.thoughtsOfDeath).toMatchObject({ present: 'yes', prefilledFrom: { itemId: '9', value: 1 } });
    expect(d.impairment).toMatchObject({ present: 'yes', prefilledFrom: { itemId: '10', value: 2 } });
    expect(d.latestPhq9).toMatchObject({ total: 17, diagnosticAlgorithm: 'major-depressive-syndrome' });
    expect(d.summary).toMatchObject({ symptomsPresent: 7, pattern: 'incomplete' });

    const symptoms = Object.fromEntries(Object.entries(d.symptoms as Record<string, { present: string }>).map(([k, v]) => [k, { present: v.present }]));
    const body = {
      symptoms: { ...symptoms, concentration: { present: 'yes', note: 'Cannot read' } }, durationTwoWeeks: 'yes', impairment: { present: 'yes' },
      exclusions: { substanceOrMedicalCause: 'no', maniaOrHypomaniaHistory: 'no', betterExplainedByOtherDisorder: 'no' }, confirmed: true,
    };
    const put = (payload: unknown, version?: string) => clinician.request({ method: 'PUT', url: `${base()}/diagnosis`, payload: payload as object, headers: version ? { 'if-match': version } : {} });
    expect((await put(body)).statusCode).toBe(428);
    expect(fields(await put({ ...body, durationTwoWeeks: 'maybe' }, '"0"'))).toEqual(['durationTwoWeeks']);
    const saved = await put(body, '"0"');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true, prefilled: false, version: 1, confirmedBy: clinician.userId, confirmedByName: 'flow', summary: { symptomsPresent: 8, pattern: 'criteria-pattern-met' } });
    expect(saved.json().symptoms.anhedonia.prefilledFrom).toMatchObject({ itemId: '1' });
    expect(saved.json().symptoms.concentration).toMatchObject({ present: 'yes', prefilledFrom: null, note: 'Cannot read' });
    expect((await put(body, '"0"')).json().currentVersion).toBe(1);
    expect((await clinician.get(`${base()}/diagnosis`)).json()).toMatchObject({ saved: true, version: 1 });
  });

  it('records psychoeducation and the sick role', async () => {
    const body = { coveredOn: '2026-11-02', topics: ['depression-is-an-illness', 'sick-role'], clientResponse: 'Relieved', sickRole: { status: 'given', easedObligations: 'Fewer shifts for now' } };
    const saved = await clinician.request({ method: 'PUT', url: `${base()}/psychoeducation`, payload: body, headers: { 'if-match': '"0"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, topics: ['depression-is-an-illness', 'sick-role'], sickRole: { status: 'given', clientResponsibilities: null } });
    expect(fields(await clinician.request({ method: 'PUT', url: `${base()}/psychoeducation`, payload: { ...body, topics: ['astrology'] }, headers: { 'if-match': '"1"' } }))).toEqual(['topics.0']);
  });

  it('saves the formulation, records agreement, and then the middle phase needs no reason', async () => {
    const put = (payload: unknown, version: string) => clinician.request({ method: 'PUT', url: `${base()}/formulation`, payload: payload as object, headers: { 'if-match': version } });
    expect((await clinician.get(`${base()}/formulation`)).json()).toMatchObject({ saved: false, version: 0, areas: [], draftStatement: null });
    expect(fields(await put({ areas: [{ area: 'role-dispute', personId: ids.Sam }] }, '"0"'))).toEqual(['areas.0.stage']);
    expect(fields(await put({ areas: [{ area: 'grief', personId: episodeId }] }, '"0"'))).toEqual(['areas.0.personId']);
    expect(fields(await put({ areas: [] }, '"0"'))).toEqual(['areas']);
    expect(fields(await put({ areas: [{ area: 'grief' }, { area: 'role-transition' }, { area: 'interpersonal-deficits' }] }, '"0"'))).toEqual(['areas']);
    const saved = await put({ areas: [{ area: 'grief', personId: ids.Rose }], rationale: 'Low mood began three weeks after her mother died.', goals: ['Talk about Mum', 'See friends again'] }, '"0"');
    expect(saved.statusCode, saved.body).toBe(200);
    const f = saved.json();
    expect(f).toMatchObject({ version: 1, status: 'draft', statementDrafted: true, areas: [{ area: 'grief', label: 'Grief', personId: ids.Rose, person: 'Rose' }] });
    expect(f.statement).toContain('Maria');
    expect(f.statement).toContain('around the time Rose died');
    expect(f.statement).toContain('Talk about Mum');
    expect(f.statement).toContain('11 sessions left');
    expect(f.draftStatement).toBe(f.statement);

    const episode = await clinician.get(base());
    expect(episode.json().formulationAgreedAt).toBeNull();
    expect((await clinician.post(`${base()}/formulation/agree`, {})).statusCode).toBe(428);
    expect((await clinician.post(`${base()}/formulation/agree`, {}, { 'if-match': '"9"' })).json().currentVersion).toBe(1);
    expect(fields(await clinician.post(`${base()}/formulation/agree`, { agreedOn: '2026-10-01' }, { 'if-match': '"1"' }))).toEqual(['agreedOn']);
    const agreed = await clinician.post(`${base()}/formulation/agree`, { agreedOn: '2026-11-20' }, { 'if-match': '"1"' });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ status: 'agreed', agreedOn: '2026-11-20', agreedBy: clinician.userId, version: 2, episodeVersion: episode.json().version + 1 });
    expect((await clinician.post(`${base()}/formulation/agree`, undefined, { 'if-match': '"2"' })).statusCode).toBe(409);
    const after = await clinician.get(base());
    expect(after.json().formulationAgreedAt).toBe(agreed.json().agreedAt);
    expect(etag(after)).toBe(`"${agreed.json().episodeVersion}"`);

    const moved = await clinician.post(`${base()}/phase-changes`, { targetPhase: 'middle' }, { 'if-match': etag(after) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().currentPhase).toBe('middle');
    expect(moved.json().phaseChanges[0]).toMatchObject({ overriddenGuards: [], reason: null });
  });

  it('makes an edited agreed formulation a new draft to agree again, keeping the history', async () => {
    const edited = await clinician.request({ method: 'PUT', url: `${base()}/formulation`, headers: { 'if-match': '"2"' }, payload: {
      areas: [{ area: 'grief', personId: ids.Rose }, { area: 'role-dispute', personId: ids.Sam, stage: 'renegotiation' }], goals: ['Talk about Mum'], statement: 'Our own words.',
    } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 3, status: 'draft', statement: 'Our own words.', statementDrafted: false, agreedAt: null, episodeFormulationAgreedAt: null });
    expect(edited.json().areas[1]).toMatchObject({ area: 'role-dispute', otherParty: 'Sam', stage: 'renegotiation' });
    expect(edited.json().draftStatement).toContain('Sam');
    expect((await clinician.get(base())).json().formulationAgreedAt).toBeNull();
    const history = (await clinician.get(`${base()}/formulation/history`)).json();
    expect(history.items.map((i: { version: number; snapshot: { status: string } }) => [i.version, i.snapshot.status])).toEqual([[3, 'draft'], [2, 'agreed'], [1, 'draft']]);
  });

  it('prefills the contract, saves it, and carries the session count to the episode', async () => {
    const prefilled = await clinician.get(`${base()}/contract`);
    expect(prefilled.json()).toMatchObject({
      saved: false, prefilled: true, version: 0, contractedSessions: 12, frequency: 'weekly', problemAreas: ['grief', 'role-dispute'], sessionsHeld: 1,
      goals: [{ text: 'Talk about Mum', howProgressWillBeSeen: null }], measures: [{ instrumentId: 'phq-9', frequency: 'every-session', everySessions: null }],
      protocol: { id: 'ipt-acute', sessionCount: { min: 12, max: 16 } },
    });
    const body = {
      contractedSessions: 14, frequency: 'weekly', sessionLengthMinutes: 50, problemAreas: ['grief'], goals: [{ text: 'Talk about Mum', howProgressWillBeSeen: 'PHQ-9 below 10' }],
      measures: [{ instrumentId: 'phq-9', frequency: 'every-session' }, { instrumentId: 'gad-7', frequency: 'every-n-sessions', everySessions: 4 }],
      participants: [], missedSessionRule: 'Call to rearrange within the week', crisisPlan: 'Crisis line; GP', agreedOn: '2026-11-20',
    };
    const put = (payload: unknown, version?: string) => clinician.request({ method: 'PUT', url: `${base()}/contract`, payload: payload as object, headers: version ? { 'if-match': version } : {} });
    expect((await put(body)).statusCode).toBe(428);
    expect((await put(body, '"1"')).json().currentVersion).toBe(0);
    expect(fields(await put({ ...body, contractedSessions: 20 }, '"0"'))).toEqual(['contractedSessions']);
    expect(fields(await put({ ...body, measures: [{ instrumentId: 'made-up', frequency: 'every-session' }] }, '"0"'))).toEqual(['measures.0.instrumentId']);
    expect(fields(await put({ ...body, measures: [{ instrumentId: 'gad-7', frequency: 'every-n-sessions' }] }, '"0"'))).toEqual(['measures.0.everySessions']);
    const saved = await put(body, '"0"');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true, prefilled: false, version: 1, contractedSessions: 14, episode: { contractedSessions: 14, sessionLengthMinutes: 50 } });
    const episode = (await clinician.get(base())).json();
    expect(episode).toMatchObject({ contractedSessions: 14, sessionLengthMinutes: 50 });
    expect(saved.json().episode.version).toBe(episode.version);
    const again = await put({ ...body, contractedSessions: 16 }, '"1"');
    expect(again.json()).toMatchObject({ version: 2, contractedSessions: 16 });
    expect((await clinician.get(`${base()}/contract/history`)).json().items.map((i: { snapshot: { contractedSessions: number } }) => i.snapshot.contractedSessions)).toEqual([16, 14]);
  });
});
