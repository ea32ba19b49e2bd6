import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { EscalationNotifier } from '../../lib/notifier';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../../test/support/dialects';
import { createTestClock } from '../../../../test/support/test-clock';
import { createClient, inviteAndAccept, setupOrganization, type Agent } from '../../../../test/support/test-app';

describe.each(testDialects())('escalation channels outside the app on %s', (dialect) => {
  const sent: Array<{ channel: string; to: string; text: string }> = [];
  const sms: EscalationNotifier = { channel: 'sms', notify: async (recipient, message) => { sent.push({ channel: 'sms', to: recipient.name, text: message.text }); return true; } };
  const broken: EscalationNotifier = { channel: 'pager', notify: async () => { throw new Error('pager gateway down'); } };
  let db: TestDatabase;
  let app: FastifyInstance;
  let clinician: Agent;
  let supervisor: Agent;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    ({ app } = await buildApp({ config: db.config, db: db.db, dialect: db.dialect, clock: createTestClock(), logger: false, webRoot: '/nonexistent', notifiers: [broken, sms] }));
    const admin = await setupOrganization(app);
    clinician = await inviteAndAccept(app, admin, 'nina@test.example', 'clinician');
    supervisor = await inviteAndAccept(app, admin, 'omar@test.example', 'supervisor', 'Omar Supervisor');
    await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: clinician.userId });
  });
  afterAll(async () => { await app.close(); await db.dispose(); });

  it('tells each supervisor through every plugged-in channel, without client details, and a failing channel changes nothing', async () => {
    const client = await createClient(clinician, { displayName: 'Private Name' });
    const flag = await clinician.post(`/api/v1/clients/${client.id}/risk-flags`, { level: 'high', reason: 'Described a plan.' });
    expect(flag.statusCode, flag.body).toBe(201);
    expect(flag.json().escalationStatus).toBe('pending');
    expect(sent).toEqual([expect.objectContaining({ channel: 'sms', to: 'Omar Supervisor' })]);
    expect(sent[0]!.text).not.toContain('Private Name');
    expect((await supervisor.get('/api/v1/notifications')).json().items).toHaveLength(1);
  });
});
