import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';

const etag = (r: { headers: Record<string, unknown> }) => String(r.headers.etag);
const fields = (r: { json(): { errors?: Array<{ field: string }> } }) => (r.json().errors ?? []).map((e) => e.field);

describe.each(testDialects())('interpersonal inventory and closeness circle on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let episodeId: string;
  const ids: Record<string, string> = {};
  const base = () => `/api/v1/episodes/${episodeId}`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'inv@test.example', 'clinician');
    const client = await createClient(clinician, { displayName: 'Inventory Client', dateOfBirth: '1985-03-03' });
    episodeId = (await clinician.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json().id;
  });
  afterAll(async () => t.close());

  it('records four people, once per Idempotency-Key', async () => {
    const people = [
      { label: 'Sam', relationshipType: 'partner', contactFrequency: 'daily', clientExpects: 'Help at home', otherExpects: 'More time together', expectationsMet: 'no', expectationsDiffer: 'yes', conflicts: 'Argue about chores', conflictResolved: 'no', changeSinceOnset: 'more-distant', knowsAboutDepression: 'yes', problemAreas: ['role-dispute'] },
      { label: 'Rose', relationshipType: 'parent', relationshipDetail: 'mother', goodThings: 'Always there', deceased: { diedOn: '2026-08-20' }, problemAreas: ['grief'] },
      { label: 'Jo', relationshipType: 'friend', contactFrequency: 'weekly', supportReceived: 'Listens', knowsAboutDepression: 'unsure' },
      { label: 'Pat', relationshipType: 'colleague', contactFrequency: 'several-times-a-week' },
    ];
    for (const person of people) {
      const created = await clinician.post(`${base()}/inventory`, person, { 'idempotency-key': `inv-${person.label}-${dialect}` });
      expect(created.statusCode, created.body).toBe(201);
      expect(etag(created)).toBe('"1"');
      expect(created.json()).toMatchObject({ label: person.label, status: 'active', version: 1 });
      ids[person.label] = created.json().id;
    }
    expect((await clinician.get(`${base()}/inventory/${ids.Rose}`)).json()).toMatchObject({ deceased: { diedOn: '2026-08-20' }, relationshipDetail: 'mother', problemAreas: ['grief'], hardThings: null });
    const replay = await clinician.post(`${base()}/inventory`, people[0], { 'idempotency-key': `inv-Sam-${dialect}` });
    expect(replay.json().id).toBe(ids.Sam);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const list = await clinician.get(`${base()}/inventory`);
    expect(list.json().items.map((p: { label: string }) => p.label)).toEqual(['Sam', 'Rose', 'Jo', 'Pat']);
  });

  it('keeps every earlier version of a person as history after an edit', async () => {
    const current = await clinician.get(`${base()}/inventory/${ids.Sam}`);
    expect((await clinician.patch(`${base()}/inventory/${ids.Sam}`, { conflictResolved: 'partly' })).statusCode).toBe(428);
    const edited = await clinician.patch(`${base()}/inventory/${ids.Sam}`, { conflictResolved: 'partly', hardThings: 'Feels criticised', clientExpects: null }, { 'if-match': etag(current) });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, conflictResolved: 'partly', hardThings: 'Feels criticised', clientExpects: null, otherExpects: 'More time together', label: 'Sam' });
    const stale = await clinician.patch(`${base()}/inventory/${ids.Sam}`, { label: 'Samuel' }, { 'if-match': etag(current) });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().currentVersion).toBe(2);
    const history = (await clinician.get(`${base()}/inventory/${ids.Sam}/history`)).json();
    expect(history.items.map((i: { version: number; current: boolean }) => [i.version, i.current])).toEqual([[2, true], [1, false]]);
    expect(history.items[1].snapshot).toMatchObject({ conflictResolved: 'no', clientExpects: 'Help at home', version: 1 });
    expect(history.items[1].changedBy).toBe(clinician.userId);
    expect(history.items[1].changedByName).toBe('inv');
  });

  it('archives with a reason instead of deleting, and refuses bad input naming the field', async () => {
    const pat = await clinician.get(`${base()}/inventory/${ids.Pat}`);
    expect((await clinician.post(`${base()}/inventory/${ids.Pat}/archive`, { reason: 'Entered by mistake' })).statusCode).toBe(428);
    const archived = await clinician.post(`${base()}/inventory/${ids.Pat}/archive`, { reason: 'Entered by mistake' }, { 'if-match': etag(pat) });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', archiveReason: 'Entered by mistake', version: 2 });
    expect((await clinician.get(`${base()}/inventory`)).json().items).toHaveLength(3);
    expect((await clinician.get(`${base()}/inventory?status=all`)).json().items).toHaveLength(4);
    expect((await clinician.patch(`${base()}/inventory/${ids.Pat}`, { label: 'Patricia' }, { 'if-match': etag(archived) })).statusCode).toBe(409);

    const bad = await clinician.post(`${base()}/inventory`, { label: '', relationshipType: 'cousin' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['label', 'relationshipType']);
    expect(fields(await clinician.post(`${base()}/inventory`, { label: 'Kim', relationshipType: 'friend', deceased: { diedOn: '2027-01-01' } }))).toEqual(['deceased.diedOn']);
    expect(fields(await clinician.post(`${base()}/inventory`, { label: 'Kim', relationshipType: 'friend', problemAreas: ['grief', 'grief'] }))).toEqual(['problemAreas']);
    expect(fields(await clinician.post(`${base()}/inventory`, { label: 'Kim', relationshipType: 'friend', favouriteColour: 'blue' }))).toEqual(['favouriteColour']);
    expect(fields(await clinician.patch(`${base()}/inventory/${ids.Jo}`, {}, { 'if-match': '"1"' }))).toEqual(['body']);
    expect(fields(await clinician.get(`${base()}/inventory?status=gone`))).toEqual(['querystring.status']);
    expect((await clinician.get(`${base()}/inventory/${episodeId}`)).statusCode).toBe(404);
  });

  it('records a closeness circle at intake and a later one, compared person by person', async () => {
    const intake = await clinician.post(`${base()}/closeness-circles`, {
      takenOn: '2026-11-02', label: 'intake', rings: 5, placements: [{ personId: ids.Sam, ring: 1 }, { personId: ids.Jo, ring: 3 }, { personId: ids.Rose, ring: 1 }],
    }, { 'idempotency-key': `cc-intake-${dialect}` });
    expect(intake.statusCode, intake.body).toBe(201);
    expect(intake.json().placements[0]).toMatchObject({ personId: ids.Sam, ring: 1, label: 'Sam', relationshipType: 'partner' });
    const later = await clinician.post(`${base()}/closeness-circles`, {
      takenOn: '2026-11-16', label: 'review', rings: 3, placements: [{ personId: ids.Sam, ring: 2 }, { personId: ids.Jo, ring: 1 }], note: 'Feels closer to Jo',
    });
    expect(later.statusCode, later.body).toBe(201);
    const list = (await clinician.get(`${base()}/closeness-circles`)).json();
    expect(list.items.map((s: { label: string }) => s.label)).toEqual(['intake', 'review']);
    expect(list.comparison).toMatchObject({ fromSnapshotId: intake.json().id, toSnapshotId: later.json().id });
    const change = Object.fromEntries(list.comparison.people.map((p: { label: string; change: string }) => [p.label, p.change]));
    expect(change).toEqual({ Sam: 'further', Jo: 'closer', Rose: 'removed' });
  });

  it('refuses a placement of someone not in the inventory, a ring out of range, and a second circle on one date', async () => {
    const body = (placements: unknown[], extra: Record<string, unknown> = {}) => ({ takenOn: '2026-11-20', label: 'other', rings: 3, placements, ...extra });
    const stranger = await clinician.post(`${base()}/closeness-circles`, body([{ personId: ids.Sam, ring: 1 }, { personId: '01900000-0000-7000-8000-00000000abcd', ring: 2 }]));
    expect(stranger.statusCode).toBe(400);
    expect(fields(stranger)).toEqual(['placements.1.personId']);
    expect(fields(await clinician.post(`${base()}/closeness-circles`, body([{ personId: ids.Pat, ring: 2 }])))).toEqual(['placements.0.personId']);
    expect(fields(await clinician.post(`${base()}/closeness-circles`, body([{ personId: ids.Sam, ring: 1 }, { personId: ids.Jo, ring: 4 }])))).toEqual(['placements.1.ring']);
    expect(fields(await clinician.post(`${base()}/closeness-circles`, body([{ personId: ids.Sam, ring: 1 }, { personId: ids.Sam, ring: 2 }])))).toEqual(['placements.1.personId']);
    expect(fields(await clinician.post(`${base()}/closeness-circles`, body([{ personId: ids.Sam, ring: 7 }])))).toEqual(['placements.0.ring']);
    expect(fields(await clinician.post(`${base()}/closeness-circles`, body([], { rings: 6 })))).toEqual(['rings']);
    expect(fields(await clinician.post(`${base()}/closeness-circles`, body([], { takenOn: '2027-02-01' })))).toEqual(['takenOn']);
    const twice = await clinician.post(`${base()}/closeness-circles`, body([], { takenOn: '2026-11-02' }));
    expect(twice.statusCode).toBe(409);
    expect((await clinician.get(`${base()}/closeness-circles`)).json().items).toHaveLength(2);
  });
});
