import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROTTLE_RULES } from '../auth/throttle';
import { testDialects } from '../../../../test/support/dialects';
import { pdfPages, pdfText } from '../../../../test/support/pdf-text';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';

const etag = (r: { headers: Record<string, unknown> }) => String(r.headers.etag);
const fields = (r: { json(): { errors?: Array<{ field: string }> } }) => (r.json().errors ?? []).map((e) => e.field);
const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
const CANARY = 'CANARY-PROCESS-NOTE-7731';

/** Documents as PDFs, consent to share them, and the disclosure log, on each database. */
describe.each(testDialects())('documents and disclosures on %s', (dialect) => {
  let t: TestApp;
  let dana: Agent;
  let other: Agent;
  let admin: Agent;
  let clientId: string;
  let episodeId: string;
  const made: Array<{ kind: string; bytes: Buffer }> = [];

  const make = (kind: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    dana.post(`/api/v1/episodes/${episodeId}/documents`, { kind, ...extra }, headers);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app, 'Riverside Counselling');
    dana = await inviteAndAccept(t.app, admin, 'dana@test.example', 'clinician', 'Dana Clinician');
    other = await inviteAndAccept(t.app, admin, 'olu@test.example', 'clinician', 'Olu Other');
    clientId = (await createClient(dana, { displayName: 'Zoë Example', preferredName: 'Zoë', identifier: 'RC-0042', dateOfBirth: '1985-03-04' })).id;
    episodeId = (await dana.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json().id;
    const scores = [[3, 3, 2, 2, 2, 2, 2, 2, 0], [2, 2, 2, 2, 2, 1, 1, 2, 0], [1, 1, 1, 1, 1, 1, 1, 1, 0]];
    for (const [i, answers] of scores.entries()) {
      const session = (await dana.post(`/api/v1/episodes/${episodeId}/sessions`, { startsAt: `2026-11-${String(2 + 7 * i).padStart(2, '0')}T10:00:00.000Z` })).json();
      expect((await dana.post(`/api/v1/sessions/${session.id}/measures`, { instrumentId: 'phq-9', answers: { ...phq9(answers!), 10: 1 } })).statusCode).toBe(201);
      const read = await dana.get(`/api/v1/sessions/${session.id}`);
      expect((await dana.patch(`/api/v1/sessions/${session.id}`, { attendance: 'attended' }, { 'if-match': etag(read) })).statusCode).toBe(200);
      if (i === 0) expect((await dana.post(`/api/v1/sessions/${session.id}/process-notes`, { text: `Private: ${CANARY}` })).statusCode).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it('makes the symptom chart for the client: the PDF names the client, scores, bands and pages, and is logged', async () => {
    const response = await make('symptom-chart');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="symptom-chart-RC-0042-2026-11-22.pdf"');
    const bytes = response.rawPayload;
    made.push({ kind: 'symptom-chart', bytes });
    const pages = await pdfPages(bytes);
    const text = pages.join('\n');
    for (const expected of ['Riverside Counselling', 'Symptom chart', 'Client: Zoë Example (RC-0042)', 'Date: 22 November 2026', 'CONFIDENTIAL', 'PHQ-9', 'Scores over the sessions', '2 November 2026', '16 November 2026', 'Moderately severe', 'Mild']) {
      expect(text).toContain(expected);
    }
    // Totals 18, 14 and 8, in the table and as the outcome in words.
    expect(text).toMatch(/18 → 8/);
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    const disclosureId = String(response.headers['disclosure-id']);
    const row = await t.db.db.selectFrom('disclosure').selectAll().where('id', '=', disclosureId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ client_id: clientId, episode_id: episodeId, document_kind: 'symptom-chart', recipient_kind: 'client', consent_id: null, disclosed_by: dana.userId });
    expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(Number(row.byte_length)).toBe(bytes.length);
    const event = await t.db.db.selectFrom('audit_event').selectAll().where('entity_id', '=', disclosureId).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'export', entity_type: 'document', client_id: clientId, actor_id: dana.userId, outcome: 'success' });
  });

  it('refuses the formulation letter until the formulation is agreed, then prints the agreed one', async () => {
    const early = await make('formulation-letter');
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(fields(early)).toEqual(['kind']);
    const saved = await dana.request({ method: 'PUT', url: `/api/v1/episodes/${episodeId}/formulation`, payload: { areas: [{ area: 'role-transition', change: 'moving to a new city' }], goals: ['Build a new circle of friends'], statement: 'Since the move, Zoë has lost the people she used to lean on.' }, headers: { 'if-match': '"0"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await dana.post(`/api/v1/episodes/${episodeId}/formulation/agree`, { agreedOn: '2026-11-16' }, { 'if-match': etag(saved) })).statusCode).toBe(200);
    const letter = await make('formulation-letter');
    expect(letter.statusCode, letter.body).toBe(200);
    made.push({ kind: 'formulation-letter', bytes: letter.rawPayload });
    const text = await pdfText(letter.rawPayload);
    for (const expected of ['Formulation letter', 'Dear Zoë,', '16 November 2026', 'Since the move, Zoë has lost the people she used to lean on.', 'Role transition', 'moving to a new city', 'Build a new circle of friends', 'Dana Clinician']) {
      expect(text).toContain(expected);
    }
  });

  it('prints the safety plan: a draft says it is not signed; the signed plan is printed after signing', async () => {
    expect(fields(await dana.post(`/api/v1/clients/${clientId}/documents`, { kind: 'safety-plan' }))).toEqual(['kind']);
    const saved = await dana.request({ method: 'PUT', url: `/api/v1/clients/${clientId}/safety-plan`, payload: { plan: { warningSigns: ['Staying in bed all day'], peopleToAskForHelp: [{ name: 'Sam Friend', phone: '0700 900123' }], reasonsForLiving: ['My niece'] } }, headers: { 'if-match': '"0"' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const draft = await dana.post(`/api/v1/clients/${clientId}/documents`, { kind: 'safety-plan' });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(await pdfText(draft.rawPayload)).toContain('NOT SIGNED');
    expect((await dana.post(`/api/v1/clients/${clientId}/safety-plan/sign`, undefined, { 'if-match': etag(saved) })).statusCode).toBe(200);
    const signed = await dana.post(`/api/v1/clients/${clientId}/documents`, { kind: 'safety-plan' });
    made.push({ kind: 'safety-plan', bytes: signed.rawPayload });
    const text = await pdfText(signed.rawPayload);
    expect(text).not.toContain('NOT SIGNED');
    for (const expected of ['Safety plan', 'Step 1. My warning signs', 'Staying in bed all day', 'Sam Friend · 0700 900123', 'My niece', 'signed on 22 November 2026 by Dana Clinician']) expect(text).toContain(expected);
    // From the episode too: the same plan.
    expect(await pdfText((await make('safety-plan')).rawPayload)).toContain('Staying in bed all day');
    const events = await t.db.db.selectFrom('audit_event').select(['sensitivity']).where('entity_type', '=', 'document').where('client_id', '=', clientId).where('reason', '=', 'safety-plan to client').execute();
    expect(events.length).toBe(3);
    expect(events.every((e) => e.sensitivity === 'risk')).toBe(true);
  });

  it('prints the relapse-prevention plan once one is saved, and the treatment summary with the ending', async () => {
    expect((await make('relapse-prevention-plan')).statusCode).toBe(409);
    const now = t.clock.now().toISOString();
    await t.db.db.insertInto('relapse_plan').values({
      id: '01900000-0000-7000-8000-0000000000aa', organization_id: dana.organizationId, client_id: clientId, episode_id: episodeId, plan_number: 1, status: 'draft', shared_with_client: 1,
      payload_json: JSON.stringify({ warningSigns: ['Cancelling plans with friends'], triggers: ['Anniversaries'], strategies: ['Call Sam on Sundays'], people: [{ name: 'Sam Friend', phone: null, note: null }], whenToSeekHelp: 'Two weeks of poor sleep', crisisContacts: [], boosterPlan: 'One session in March' }),
      created_by: dana.userId, created_at: now, updated_at: now, signed_by: null, signed_at: null, version: 1,
    }).execute();
    const plan = await make('relapse-prevention-plan');
    expect(plan.statusCode, plan.body).toBe(200);
    made.push({ kind: 'relapse-prevention-plan', bytes: plan.rawPayload });
    const planText = await pdfText(plan.rawPayload);
    for (const expected of ['Relapse-prevention plan', 'NOT SIGNED', 'Cancelling plans with friends', 'Anniversaries', 'Call Sam on Sundays', 'Two weeks of poor sleep', 'One session in March']) expect(planText).toContain(expected);

    const summary = await make('treatment-summary');
    expect(summary.statusCode, summary.body).toBe(200);
    made.push({ kind: 'treatment-summary', bytes: summary.rawPayload });
    const text = await pdfText(summary.rawPayload);
    for (const expected of ['Treatment summary', 'Dear Zoë,', 'Interpersonal', 'Dana Clinician', '3 attended of', 'Role transition', 'Build a new circle of friends', '18 → 8', 'Still in progress', 'Warning sign: Cancelling plans with friends']) {
      expect(text).toContain(expected);
    }
  });

  it('refuses a discharge letter to the GP without consent, allows it with consent, and honours withdrawal', async () => {
    const noConsent = await make('treatment-summary', { recipientKind: 'general-practitioner' });
    expect(noConsent.statusCode).toBe(409);
    expect(fields(noConsent)).toEqual(['consentId']);
    expect(fields(await dana.post(`/api/v1/clients/${clientId}/disclosure-consents`, { recipientKind: 'general-practitioner', recipientName: 'Dr Rao', documents: [], givenOn: '2026-11-20' }))).toEqual(['documents']);
    expect(fields(await dana.post(`/api/v1/clients/${clientId}/disclosure-consents`, { recipientKind: 'general-practitioner', recipientName: 'Dr Rao', documents: ['treatment-summary'], givenOn: '2027-01-01' }))).toEqual(['givenOn']);
    const body = { recipientKind: 'general-practitioner', recipientName: 'Dr Priya Rao, Elm Street Surgery', documents: ['treatment-summary'], purpose: 'Discharge to GP care', givenOn: '2026-11-20' };
    const consent = await dana.post(`/api/v1/clients/${clientId}/disclosure-consents`, body, { 'idempotency-key': 'consent-1' });
    expect(consent.statusCode, consent.body).toBe(201);
    const replay = await dana.post(`/api/v1/clients/${clientId}/disclosure-consents`, body, { 'idempotency-key': 'consent-1' });
    expect(replay.json().id).toBe(consent.json().id);
    const consentId = consent.json().id as string;
    expect(fields(await make('symptom-chart', { recipientKind: 'general-practitioner', consentId }))).toEqual(['consentId']);
    expect(fields(await make('treatment-summary', { recipientKind: 'referrer', consentId }))).toEqual(['recipientKind']);
    expect(fields(await make('treatment-summary', { consentId }))).toEqual(['consentId']);

    const letter = await make('treatment-summary', { recipientKind: 'general-practitioner', consentId, purpose: 'Discharge' }, { 'idempotency-key': 'gp-letter-1' });
    expect(letter.statusCode, letter.body).toBe(200);
    made.push({ kind: 'treatment-summary-gp', bytes: letter.rawPayload });
    const text = await pdfText(letter.rawPayload);
    for (const expected of ['Dear Dr Priya Rao, Elm Street Surgery,', 'For: Dr Priya Rao, Elm Street Surgery (general practitioner)', 'agreed on 20 November 2026 that this document may be shared with you', '4 March 1985']) expect(text).toContain(expected);
    // A retry with the same key answers the same bytes and logs nothing new.
    const retried = await make('treatment-summary', { recipientKind: 'general-practitioner', consentId, purpose: 'Discharge' }, { 'idempotency-key': 'gp-letter-1' });
    expect(retried.rawPayload.equals(letter.rawPayload)).toBe(true);
    expect(retried.headers['disclosure-id']).toBe(letter.headers['disclosure-id']);
    const logged = await t.db.db.selectFrom('disclosure').selectAll().where('consent_id', '=', consentId).execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ recipient_kind: 'general-practitioner', recipient_name: 'Dr Priya Rao, Elm Street Surgery', purpose: 'Discharge', document_kind: 'treatment-summary' });
    const event = await t.db.db.selectFrom('audit_event').selectAll().where('entity_id', '=', logged[0]!.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'disclose', reason: 'treatment-summary to general-practitioner' });

    expect((await dana.post(`/api/v1/disclosure-consents/${consentId}/withdraw`, { reason: 'Client asked' })).statusCode).toBe(428);
    expect((await dana.post(`/api/v1/disclosure-consents/${consentId}/withdraw`, { reason: 'Client asked' }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const withdrawn = await dana.post(`/api/v1/disclosure-consents/${consentId}/withdraw`, { reason: 'Client asked' }, { 'if-match': '"1"' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Client asked', withdrawnByName: 'Dana Clinician', version: 2 });
    const after = await make('treatment-summary', { recipientKind: 'general-practitioner', consentId });
    expect(after.statusCode).toBe(409);
    expect(fields(after)).toEqual(['consentId']);
    expect((await dana.get(`/api/v1/clients/${clientId}/disclosure-consents`)).json().items).toEqual([expect.objectContaining({ id: consentId, status: 'withdrawn', documents: ['treatment-summary'] })]);
  });

  it('keeps private process notes out of every document', () => {
    expect(made.map((m) => m.kind)).toEqual(['symptom-chart', 'formulation-letter', 'safety-plan', 'relapse-prevention-plan', 'treatment-summary', 'treatment-summary-gp']);
    return Promise.all(made.map(async (m) => expect(await pdfText(m.bytes), m.kind).not.toContain(CANARY)));
  });

  it('reports every disclosure of the client, and gives the organization log to administrators only', async () => {
    const report = (await dana.get(`/api/v1/clients/${clientId}/disclosures`)).json();
    expect(report.clientName).toBe('Zoë Example');
    expect(report.items).toHaveLength(8);
    expect(report.items[0]).toMatchObject({ documentKind: 'treatment-summary', recipientKind: 'general-practitioner', disclosedByName: 'Dana Clinician', byteLength: expect.any(Number) });
    const log = await admin.get(`/api/v1/disclosures?clientId=${clientId}&from=2026-11-22&to=2026-11-22`);
    expect(log.statusCode).toBe(200);
    expect(log.json().items).toHaveLength(8);
    expect((await admin.get('/api/v1/disclosures?from=2026-11-23')).json().items).toHaveLength(0);
    expect((await dana.get('/api/v1/disclosures')).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/clients/${clientId}/disclosures`)).statusCode).toBe(404);
  });

  it('answers another clinician\'s client and a missing episode as not found, and bad input by field', async () => {
    expect((await other.post(`/api/v1/episodes/${episodeId}/documents`, { kind: 'symptom-chart' })).statusCode).toBe(404);
    expect((await other.post(`/api/v1/clients/${clientId}/disclosure-consents`, { recipientKind: 'referrer', recipientName: 'X', documents: ['symptom-chart'], givenOn: '2026-11-20' })).statusCode).toBe(404);
    expect((await dana.post('/api/v1/episodes/01900000-0000-7000-8000-00000000abcd/documents', { kind: 'symptom-chart' })).statusCode).toBe(404);
    const bad = await make('discharge-novel', { colour: 'red' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(expect.arrayContaining(['kind']));
    expect(await t.db.db.selectFrom('disclosure').select('id').where('organization_id', '=', other.organizationId).where('disclosed_by', '=', other.userId).execute()).toEqual([]);
  });
  it('throttles one person making many documents (429 with Retry-After, audited) and admits them after the window', async () => {
    const tia = await inviteAndAccept(t.app, admin, 'tia@test.example', 'clinician', 'Tia Clinician');
    const own = (await createClient(tia, { displayName: 'Throttle Example' })).id;
    const ownEpisode = (await tia.post(`/api/v1/clients/${own}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json().id;
    const limit = THROTTLE_RULES.documentExports.limit;
    for (let i = 0; i < limit; i += 1) {
      expect((await tia.post(`/api/v1/episodes/${ownEpisode}/documents`, { kind: 'symptom-chart' })).statusCode).not.toBe(429);
    }
    const refused = await tia.post(`/api/v1/episodes/${ownEpisode}/documents`, { kind: 'symptom-chart' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const denied = await t.db.db.selectFrom('audit_event').selectAll().where('actor_id', '=', tia.userId).where('action', '=', 'denied').where('entity_type', '=', 'document').execute();
    expect(denied).toHaveLength(1);
    // Dana is not slowed by Tia's count.
    expect((await make('symptom-chart')).statusCode).toBe(200);
    t.clock.advanceSeconds(THROTTLE_RULES.documentExports.windowSeconds + 1);
    expect((await tia.post(`/api/v1/episodes/${ownEpisode}/documents`, { kind: 'symptom-chart' })).statusCode).not.toBe(429);
  });
});
