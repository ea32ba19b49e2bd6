import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { testDialects } from '../../../../test/support/dialects';
import type { Executor } from '../../db/database';
import { episodePageRows } from './episode-page.repository';

const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
const at = (day: number, hour = 10) => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * The episode page's lists, one query each and sorted by the database: what the page read before
 * its lists travelled in one statement. The one statement must give exactly this.
 */
async function listsOneByOne(db: Executor, key: { organizationId: string; episodeId: string; clientId: string; clinicianId: string }) {
  return {
    settingsJson: (await db.selectFrom('organization').select('settings_json').where('id', '=', key.organizationId).executeTakeFirstOrThrow()).settings_json,
    clinicianName: (await db.selectFrom('app_user').select('name').where('id', '=', key.clinicianId).executeTakeFirstOrThrow()).name,
    openTasks: Number((await db.selectFrom('between_session_task').where('organization_id', '=', key.organizationId).where('episode_id', '=', key.episodeId).select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow()).n),
    medications: await db.selectFrom('episode_medication').where('organization_id', '=', key.organizationId).where('episode_id', '=', key.episodeId).select(['id', 'name', 'dose', 'prescriber', 'start_date', 'stop_date', 'created_at', 'version']).orderBy('created_at').execute(),
    phaseChanges: await db.selectFrom('phase_change').innerJoin('app_user', 'app_user.id', 'phase_change.changed_by')
      .select(['phase_change.id', 'phase_change.from_phase', 'phase_change.to_phase', 'phase_change.at_session', 'phase_change.overridden_guards', 'phase_change.reason',
        'phase_change.changed_by', 'phase_change.changed_at', 'app_user.name as changed_by_name'])
      .where('phase_change.organization_id', '=', key.organizationId).where('phase_change.episode_id', '=', key.episodeId).orderBy('phase_change.changed_at').execute(),
    sessions: await db.selectFrom('therapy_session').where('organization_id', '=', key.organizationId).where('episode_id', '=', key.episodeId).select(['id', 'number', 'starts_at', 'attendance', 'mode', 'phase', 'note_status']).orderBy('number').execute(),
    responses: await db.selectFrom('questionnaire_response').where('organization_id', '=', key.organizationId).where('episode_id', '=', key.episodeId).select(['session_id', 'instrument_id', 'total', 'severity_code', 'administered_at']).orderBy('administered_at').execute(),
    openRiskFlags: await db.selectFrom('risk_flag').select(['id', 'client_id', 'episode_id', 'session_id', 'trigger', 'level', 'status', 'detail', 'raised_at', 'closed_at', 'close_reason'])
      .where('organization_id', '=', key.organizationId).where('client_id', '=', key.clientId).where('status', '=', 'open').orderBy('raised_at', 'desc').execute(),
    activeTimeline: await db.selectFrom('timeline_event').where('organization_id', '=', key.organizationId).where('episode_id', '=', key.episodeId).select(['id', 'event_date', 'title', 'kind']).where('status', '=', 'active').orderBy('event_date').execute(),
  };
}

describe.each(testDialects())('the episode page in one statement on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let clinician: Agent;
  let key: { organizationId: string; episodeId: string; clientId: string; clinicianId: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'page@test.example', 'clinician', 'Ré "Page" O\'Neil');
    const clientId = (await createClient(clinician, { displayName: 'Page Client', dateOfBirth: '1980-05-05' })).id;
    const otherClientId = (await createClient(clinician, { displayName: 'Other Client', dateOfBirth: '1981-06-06' })).id;
    const episode = (await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json();
    const organizationId = (await t.db.db.selectFrom('client').select('organization_id').where('id', '=', clientId).executeTakeFirstOrThrow()).organization_id;
    key = { organizationId, episodeId: episode.id, clientId, clinicianId: clinician.userId };
    const db = t.db.db;
    // Sessions made out of their numbers' order; a PHQ-9 with a risk answer raises an open flag.
    const sessionIds: string[] = [];
    for (const [day, number] of [[16, 3], [2, 1], [9, 2]] as const) {
      const created = await clinician.post(`/api/v1/episodes/${episode.id}/sessions`, { startsAt: at(day), mode: 'in-person', number });
      expect(created.statusCode, created.body).toBe(201);
      sessionIds.push(created.json().id);
    }
    const measured = await clinician.post(`/api/v1/sessions/${sessionIds[1]}/measures`, { instrumentId: 'phq-9', answers: phq9([3, 3, 2, 2, 2, 2, 1, 1, 2]) });
    expect(measured.statusCode, measured.body).toBe(201);
    expect(measured.json().riskFlags).toHaveLength(1);
    const common = { organization_id: organizationId, client_id: clientId, episode_id: episode.id };
    // A fractional total, a null total and a response with no session: the values must come back as the
    // columns hold them. The PHQ-9 above was given at the test clock's time (22 November).
    await db.insertInto('questionnaire_response').values([
      { ...common, id: 'resp-late', session_id: sessionIds[2]!, instrument_id: 'gad-7', instrument_version: '1', answers_json: '{}', total: 12.5, severity_code: 'moderate', respondent: 'client', administered_at: at(28), administered_by: clinician.userId, created_at: at(28) },
      { ...common, id: 'resp-early', session_id: null, instrument_id: 'wsas', instrument_version: '1', answers_json: '{}', total: null, severity_code: null, respondent: 'client', administered_at: at(1), administered_by: clinician.userId, created_at: at(1) },
    ]).execute();
    await db.insertInto('episode_medication').values([
      { organization_id: organizationId, episode_id: episode.id, id: 'med-2', name: 'Sertraline "50"', dose: null, prescriber: 'Dr Ō\'Brien', start_date: '2026-11-03', stop_date: null, created_at: at(3), updated_at: at(3), version: 2 },
      { organization_id: organizationId, episode_id: episode.id, id: 'med-1', name: 'Fluoxetine\nnew line', dose: '20 mg', prescriber: null, start_date: null, stop_date: '2026-11-02', created_at: at(2), updated_at: at(2), version: 1 },
    ]).execute();
    await db.insertInto('phase_change').values([
      { organization_id: organizationId, episode_id: episode.id, id: 'pc-2', from_phase: 'middle', to_phase: 'termination', at_session: 3, overridden_guards: '["a"]', reason: 'Ending agreed, \\ early', changed_by: clinician.userId, changed_at: at(16, 12) },
      { organization_id: organizationId, episode_id: episode.id, id: 'pc-1', from_phase: 'initial', to_phase: 'middle', at_session: 2, overridden_guards: '[]', reason: null, changed_by: clinician.userId, changed_at: at(9, 12) },
    ]).execute();
    const timeline = { ...common, details_json: '{}', archived_at: null, archived_by: null, archive_reason: null, created_at: at(2), created_by: clinician.userId, updated_at: at(2), updated_by: clinician.userId, version: 1 };
    await db.insertInto('timeline_event').values([
      { ...timeline, id: 'ev-2', event_date: '2026-09-01', kind: 'loss', title: 'Mum died — 日本', status: 'active' },
      { ...timeline, id: 'ev-1', event_date: '2026-06-01', kind: 'move', title: 'Moved', status: 'active' },
      { ...timeline, id: 'ev-gone', event_date: '2026-07-01', kind: 'move', title: 'Removed', status: 'archived' },
    ]).execute();
    const task = { ...common, workspace_id: null, area: null, set_in_session_id: sessionIds[1]!, with_whom: null, when_date: null, when_text: null, visible_to_client: 1, reviewed_in_session_id: null, review_outcome: null, what_happened: null, mood_effect: null, reviewed_at: null, reviewed_by: null, created_at: at(2), created_by: clinician.userId, updated_at: at(2), updated_by: clinician.userId, version: 1 };
    await db.insertInto('between_session_task').values([
      { ...task, id: 'task-1', what: 'Call Sam', status: 'open' }, { ...task, id: 'task-2', what: 'Walk', status: 'open' }, { ...task, id: 'task-3', what: 'Done', status: 'reviewed' },
    ]).execute();
    const flag = { organization_id: organizationId, session_id: null, source_type: 'manual', source_id: null, trigger: 'manual', level: 'low', detail: 'noted', raised_by: clinician.userId, closed_by: null, closed_at: null, close_reason: null, version: 1, screen_response_id: null, screened_at: null, escalation_status: 'none', escalated_at: null, acknowledged_by: null, acknowledged_at: null, last_notified_at: null };
    await db.insertInto('risk_flag').values([
      { ...flag, id: 'flag-client-wide', client_id: clientId, episode_id: null, status: 'open', raised_at: at(25) },
      { ...flag, id: 'flag-closed', client_id: clientId, episode_id: episode.id, status: 'closed', raised_at: at(26), closed_by: clinician.userId, closed_at: at(27), close_reason: 'resolved' },
      { ...flag, id: 'flag-other-client', client_id: otherClientId, episode_id: null, status: 'open', raised_at: at(24) },
    ]).execute();
  });
  afterAll(async () => t.close());

  it('returns what the lists\' own queries return: the same rows, values and order', async () => {
    const oneByOne = await listsOneByOne(t.db.db, key);
    const page = await episodePageRows(t.db.db, key);
    expect(page).toEqual(oneByOne);
    // Not vacuous: every list holds rows, in an order the inserts did not give.
    expect(page.sessions.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(page.medications.map((m) => m.id)).toEqual(['med-1', 'med-2']);
    expect(page.phaseChanges.map((c) => [c.id, c.changed_by_name])).toEqual([['pc-1', 'Ré "Page" O\'Neil'], ['pc-2', 'Ré "Page" O\'Neil']]);
    expect(page.responses.map((r) => [r.instrument_id, r.total])).toEqual([['wsas', null], ['phq-9', 18], ['gad-7', 12.5]]);
    expect(page.openRiskFlags.map((f) => f.id)).toEqual(['flag-client-wide', expect.any(String)]);
    expect(page.activeTimeline.map((e) => e.title)).toEqual(['Moved', 'Mum died — 日本']);
    expect(page.openTasks).toBe(2);
    expect(page.clinicianName).toBe('Ré "Page" O\'Neil');
  });

  it('serves an episode with no lists yet', async () => {
    const clientId = (await createClient(clinician, { displayName: 'Empty Client', dateOfBirth: '1990-01-01' })).id;
    const episode = (await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipc', startDate: '2026-11-02' })).json();
    const empty = { ...key, episodeId: episode.id, clientId };
    const page = await episodePageRows(t.db.db, empty);
    expect(page).toEqual(await listsOneByOne(t.db.db, empty));
    expect(page).toMatchObject({ medications: [], phaseChanges: [], sessions: [], responses: [], openRiskFlags: [], activeTimeline: [], openTasks: 0 });
    const shown = await clinician.get(`/api/v1/episodes/${episode.id}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ sessions: [], medications: [], riskFlags: [], clinicianName: 'Ré "Page" O\'Neil' });
  });
});
