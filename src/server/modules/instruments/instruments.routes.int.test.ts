import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInstruments } from '../../../domain/instruments/registry';
import { createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { testDialects } from '../../../../test/support/dialects';

const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));

describe.each(testDialects())('instrument routes on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let clinician: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'scorer@test.example', 'clinician');
  });
  afterAll(async () => t.close());

  it('lists the whole library to a signed-in user, and nothing to anyone else', async () => {
    const list = await clinician.get('/api/v1/instruments');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id).sort()).toEqual(listInstruments().map((d) => d.id).sort());
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/instruments' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/instruments/phq-9/score', payload: { answers: {} } })).statusCode).toBe(401);
  });

  it('scores a PHQ-9 without storing anything and reports item 9 as a risk answer', async () => {
    const before = await t.db.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const response = await clinician.post('/api/v1/instruments/phq-9/score', { answers: phq9([2, 2, 2, 2, 2, 1, 1, 1, 2]) });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(15);
    expect(body.severity.code).toBe('moderately-severe');
    expect(body.diagnosticAlgorithm).toBe('major-depressive-syndrome');
    expect(body.riskItems).toEqual([expect.objectContaining({ itemId: '9', value: 2 })]);
    const after = await t.db.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps a risk answer even when too few items are answered for a total', async () => {
    const body = (await clinician.post('/api/v1/instruments/phq-9/score', { answers: { '9': 1 } })).json();
    expect(body.total).toBeNull();
    expect(body.missingItems).toContain('1');
    expect(body.riskItems[0]).toMatchObject({ itemId: '9', value: 1 });
  });

  it('refuses an unknown instrument, an unknown item, an out-of-range value and a wrong type with problem+json', async () => {
    const unknown = await clinician.post('/api/v1/instruments/not-a-scale/score', { answers: {} });
    expect(unknown.statusCode).toBe(404);
    const badItem = await clinician.post('/api/v1/instruments/phq-9/score', { answers: { ...phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]), '42': 1 } });
    expect(badItem.statusCode).toBe(400);
    expect(badItem.json().errors.map((e: { field: string }) => e.field)).toContain('answers.42');
    const outOfRange = await clinician.post('/api/v1/instruments/phq-9/score', { answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 4]) });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().errors.map((e: { field: string }) => e.field)).toContain('answers.9');
    const wrongType = await clinician.post('/api/v1/instruments/phq-9/score', { answers: { '1': 'two' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.headers['content-type']).toContain('application/problem+json');
    const badConvention = await clinician.post('/api/v1/instruments/phq-9/score', { answers: phq9([0, 0, 0, 0, 0, 0, 0, 0, 0]), bandConvention: 'made-up' });
    expect(badConvention.statusCode).toBe(400);
    expect(badConvention.json().errors[0].field).toBe('bandConvention');
    expect((await clinician.post('/api/v1/instruments/phq-9/score', { answers: {}, extra: 1 })).statusCode).toBe(400);
  });

  it('scores HAM-D17 under either published band convention', async () => {
    const definition = (await clinician.get('/api/v1/instruments/ham-d17')).json();
    const conventions = (definition.bandConventions as Array<{ id: string }>).map((b) => b.id);
    expect(conventions.length).toBeGreaterThanOrEqual(2);
    const answers = Object.fromEntries((definition.items as Array<{ id: string }>).map((item) => [item.id, 1]));
    const results = await Promise.all(conventions.map((c) => clinician.post('/api/v1/instruments/ham-d17/score', { answers, bandConvention: c })));
    expect(results.every((r) => r.statusCode === 200 && r.json().total === 17)).toBe(true);
    expect(new Set(results.map((r) => r.json().bandConvention)).size).toBe(conventions.length);
  });

  it('serves FHIR Questionnaires generated from the definitions', async () => {
    const one = await clinician.get('/fhir/R4/Questionnaire/phq-9');
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toContain('application/fhir+json');
    const q = one.json();
    expect(q.resourceType).toBe('Questionnaire');
    expect(q.item.map((i: { linkId: string }) => i.linkId)).toContain('9');
    const bundle = (await clinician.get('/fhir/R4/Questionnaire')).json();
    expect(bundle.total).toBe(listInstruments().length);
  });

  it('lets an administrator import licensed EPDS wording that only this organization then sees', async () => {
    const shipped = (await clinician.get('/api/v1/instruments/epds')).json();
    expect(shipped.wording.kind).toBe('neutral-labels');
    const pack = {
      instrumentId: 'epds', instrumentVersion: shipped.version, packVersion: '2026.1', language: 'en',
      licence: { holder: 'Licence holder (test)', statement: 'Used under a test licence.' },
      items: Object.fromEntries((shipped.items as Array<{ id: string }>).map((item) => [item.id, { text: `Licensed wording for item ${item.id}` }])),
    };
    expect((await clinician.post('/api/v1/instrument-packs', pack)).statusCode).toBe(403);
    const broken = await admin.post('/api/v1/instrument-packs', { ...pack, items: { ...pack.items, '99': { text: 'extra' } } });
    expect(broken.statusCode).toBe(400);
    const imported = await admin.post('/api/v1/instrument-packs', pack);
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ instrumentId: 'epds', status: 'active', packVersion: '2026.1' });
    const seen = (await clinician.get('/api/v1/instruments/epds')).json();
    expect(seen.items[0].text).toBe('Licensed wording for item 1');
    const list = (await clinician.get('/api/v1/instruments')).json().items.find((i: { id: string }) => i.id === 'epds');
    expect(list.licensedWordingImported).toBe(true);
    const again = await admin.post('/api/v1/instrument-packs', { ...pack, packVersion: '2026.2' });
    expect(again.statusCode).toBe(201);
    const packs = (await admin.get('/api/v1/instrument-packs')).json().items;
    expect(packs.map((p: { status: string }) => p.status).sort()).toEqual(['active', 'superseded']);
    const audited = await t.db.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'instrument-pack').execute();
    expect(audited).toHaveLength(2);
  });
});
