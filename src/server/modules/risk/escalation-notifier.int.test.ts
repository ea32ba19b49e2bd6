import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

describe.each(testDialects())('the escalation webhook configured from the environment on %s', (dialect) => {
  const received: string[] = [];
  const endpoint = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    request.on('end', () => { received.push(body); response.statusCode = 204; response.end(); });
  });
  let db: TestDatabase;
  let app: FastifyInstance;
  let clinician: Agent;

  beforeAll(async () => {
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/sms`;
    db = await createTestDatabase(dialect);
    ({ app } = await buildApp({ config: { ...db.config, escalationWebhookUrl: url, escalationWebhookSecret: undefined }, db: db.db, dialect: db.dialect, clock: createTestClock(), logger: false, webRoot: '/nonexistent', mailer: null }));
    const admin = await setupOrganization(app);
    clinician = await inviteAndAccept(app, admin, 'nina@test.example', 'clinician');
    const supervisor = await inviteAndAccept(app, admin, 'omar@test.example', 'supervisor', 'Omar Supervisor');
    await admin.post('/api/v1/supervision-assignments', { supervisorId: supervisor.userId, clinicianId: clinician.userId });
  });
  afterAll(async () => { await app.close(); await db.dispose(); await new Promise<void>((resolve) => endpoint.close(() => resolve())); });

  it('posts a nudge for the supervisor that names no client', async () => {
    const client = await createClient(clinician, { displayName: 'Private Name' });
    const flag = await clinician.post(`/api/v1/clients/${client.id}/risk-flags`, { level: 'high', reason: 'Described a plan.' });
    expect(flag.statusCode, flag.body).toBe(201);
    expect(received).toHaveLength(1);
    const payload = JSON.parse(received[0]!);
    expect(payload).toMatchObject({ channel: 'webhook', recipient: { name: 'Omar Supervisor', email: 'omar@test.example' } });
    expect(received[0]).not.toContain('Private Name');
    expect(received[0]).not.toContain('Described a plan');
  });
});
