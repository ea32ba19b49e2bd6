import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';

/** Agreeing the formulation opens the middle-phase workspaces of its areas, in the same transaction. */
describe.each(testDialects())('workspaces opened by the agreed formulation on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'focus@test.example', 'clinician');
  });
  afterAll(async () => t.close());

  async function episodeWithPeople(name: string) {
    const client = await createClient(clinician, { displayName: name });
    const episodeId: string = (await clinician.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json().id;
    const sam: string = (await clinician.post(`/api/v1/episodes/${episodeId}/inventory`, { label: 'Sam', relationshipType: 'partner' })).json().id;
    return { episodeId, sam, clientId: client.id };
  }
  const putFormulation = (episodeId: string, payload: object, version: string) =>
    clinician.request({ method: 'PUT', url: `/api/v1/episodes/${episodeId}/formulation`, payload, headers: { 'if-match': version } });
  const agree = (episodeId: string, version: string) => clinician.post(`/api/v1/episodes/${episodeId}/formulation/agree`, {}, { 'if-match': version });
  const workspaces = async (episodeId: string) => (await clinician.get(`/api/v1/episodes/${episodeId}/workspaces`)).json().items as Array<Record<string, unknown>>;

  it('opens one workspace per agreed area with the formulation goals and the dispute stage, audited', async () => {
    const { episodeId, sam, clientId } = await episodeWithPeople('Ada Focus');
    const saved = await putFormulation(episodeId, { areas: [{ area: 'role-dispute', personId: sam, stage: 'impasse' }, { area: 'role-transition', change: 'New job' }], goals: ['Talk with Sam about money'] }, '"0"');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await workspaces(episodeId)).toEqual([]);
    const agreed = await agree(episodeId, '"1"');
    expect(agreed.statusCode, agreed.body).toBe(200);

    const items = await workspaces(episodeId);
    expect(items.map((w) => w.area)).toEqual(['role-dispute', 'role-transition']);
    expect(items[0]).toMatchObject({ otherParty: 'Sam', stage: 'impasse', goals: ['Talk with Sam about money'], version: 1 });
    expect(items[0]!.stageHistory).toEqual([expect.objectContaining({ fromStage: null, toStage: 'impasse', sessionId: null })]);
    expect(items[1]).toMatchObject({ stage: null, goals: ['Talk with Sam about money'], details: expect.objectContaining({ change: 'New job' }) });

    const events = await t.db.db.selectFrom('audit_event').select(['entity_type', 'entity_id', 'reason']).where('client_id', '=', clientId)
      .where('action', '=', 'create').where('entity_type', '=', 'problem-area-workspace').execute();
    expect(events.map((e) => e.entity_id).sort()).toEqual(items.map((w) => w.id).sort());
    expect(events.every((e) => e.reason === 'formulation agreed')).toBe(true);
  });

  it('skips areas that already have a workspace and keeps their content', async () => {
    const { episodeId, sam } = await episodeWithPeople('Ben Focus');
    const opened = await clinician.post(`/api/v1/episodes/${episodeId}/workspaces`, { area: 'role-dispute', otherParty: 'Sam (partner)', stage: 'renegotiation', goals: ['Own goal'] });
    expect(opened.statusCode, opened.body).toBe(201);
    await putFormulation(episodeId, { areas: [{ area: 'role-dispute', personId: sam, stage: 'impasse' }], goals: ['Formulation goal'] }, '"0"');
    expect((await agree(episodeId, '"1"')).statusCode).toBe(200);
    const items = await workspaces(episodeId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: opened.json().id, otherParty: 'Sam (partner)', stage: 'renegotiation', goals: ['Own goal'], version: 1 });

    // Re-agreeing an edited formulation with a second area opens only the new one.
    const edited = await putFormulation(episodeId, { areas: [{ area: 'role-dispute', personId: sam, stage: 'impasse' }, { area: 'grief', person: 'Gran' }], goals: [] }, '"2"');
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await agree(episodeId, '"3"')).statusCode).toBe(200);
    const after = await workspaces(episodeId);
    expect(after.map((w) => w.area)).toEqual(['role-dispute', 'grief']);
    expect(after[1]).toMatchObject({ goals: [], details: expect.objectContaining({ person: 'Gran' }) });
  });

  it('takes the contract goals when the formulation has none', async () => {
    const { episodeId } = await episodeWithPeople('Cy Focus');
    await putFormulation(episodeId, { areas: [{ area: 'interpersonal-deficits' }], goals: [] }, '"0"');
    const contract = await clinician.get(`/api/v1/episodes/${episodeId}/contract`);
    const put = await clinician.request({ method: 'PUT', url: `/api/v1/episodes/${episodeId}/contract`, headers: { 'if-match': '"0"' }, payload: {
      contractedSessions: contract.json().contractedSessions, frequency: 'weekly', sessionLengthMinutes: 50, problemAreas: ['interpersonal-deficits'],
      goals: [{ text: 'Join the walking group', howProgressWillBeSeen: null }], measures: [], participants: [],
    } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await agree(episodeId, '"1"')).statusCode).toBe(200);
    expect((await workspaces(episodeId))[0]).toMatchObject({ area: 'interpersonal-deficits', goals: ['Join the walking group'] });
  });

  it('opens nothing when the agreement fails', async () => {
    const { episodeId, sam } = await episodeWithPeople('Di Focus');
    await putFormulation(episodeId, { areas: [{ area: 'role-dispute', personId: sam, stage: 'impasse' }] }, '"0"');
    const refused = await clinician.post(`/api/v1/episodes/${episodeId}/formulation/agree`, { agreedOn: '2026-10-01' }, { 'if-match': '"1"' });
    expect(refused.statusCode).toBe(400);
    expect(await workspaces(episodeId)).toEqual([]);
  });
});
