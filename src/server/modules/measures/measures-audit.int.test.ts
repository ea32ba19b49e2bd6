import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../../../../test/server/helpers';
import { testDialects } from '../../../../test/support/dialects';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { verifyAuditChains } from '../audit/audit-verify';

const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [String(i + 1), v]));

/**
 * A submission appends its audit events together at the end of its transaction: the response's
 * first, then each risk flag's and its escalation's, next to each other on the chain; a replay and
 * a refusal append nothing.
 */
describe.each(testDialects())('the audit events of a questionnaire submission on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let sessionId: string;
  const submit = (answers: number[], headers: Record<string, string> = {}) => clinician.post(`/api/v1/sessions/${sessionId}/measures`, { instrumentId: 'phq-9', answers: phq9(answers) }, headers);
  const rowsOf = async (requestId: unknown) => auditRows(t.db.db, { requestId: String(requestId) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'measures@test.example', 'clinician');
    const supervisor = await inviteAndAccept(t.app, admin, 'lead@test.example', 'supervisor');
    await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: clinician.userId });
    const clientId = (await createClient(clinician, { displayName: 'Audit Measures' })).id;
    const episode = (await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json();
    sessionId = (await clinician.post(`/api/v1/episodes/${episode.id}/sessions`, { startsAt: '2026-11-22T10:00:00.000Z' })).json().id;
  });
  afterAll(async () => t.close());

  it('records the response, then the flag and its escalation, as consecutive events of the request', async () => {
    const response = await submit([2, 2, 1, 1, 1, 1, 1, 1, 2]);
    expect(response.statusCode, response.body).toBe(201);
    const { measure, riskFlags } = response.json();
    expect(riskFlags).toHaveLength(1);
    const rows = await rowsOf(response.headers['x-request-id']);
    expect(rows.map((r) => [r.action, r.entity_type, r.entity_id, r.sensitivity])).toEqual([
      ['create', 'questionnaire-response', measure.id, 'normal'],
      ['create', 'risk-flag', riskFlags[0].id, 'risk'],
      ['disclose', 'risk-escalation', riskFlags[0].id, 'risk'],
    ]);
    expect(rows.map((r) => r.seq - rows[0]!.seq)).toEqual([0, 1, 2]);
    expect((await verifyAuditChains(t.db.db)).breaks).toEqual([]);
  });

  it('appends nothing for a replay with the same Idempotency-Key, or for a refused submission', async () => {
    const first = await submit([1, 1, 1, 1, 1, 1, 1, 1, 0], { 'idempotency-key': 'measure-once' });
    expect(first.statusCode, first.body).toBe(201);
    expect((await rowsOf(first.headers['x-request-id'])).map((r) => r.entity_type)).toEqual(['questionnaire-response']);
    const head = async () => t.db.db.selectFrom('audit_chain_head').selectAll().execute();
    const before = await head();
    const again = await submit([1, 1, 1, 1, 1, 1, 1, 1, 0], { 'idempotency-key': 'measure-once' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const refused = await clinician.post(`/api/v1/sessions/${sessionId}/measures`, { instrumentId: 'no-such-instrument', answers: phq9([1]) });
    expect(refused.statusCode).toBe(400);
    expect(await head()).toEqual(before);
    expect((await verifyAuditChains(t.db.db)).breaks).toEqual([]);
  });
});
