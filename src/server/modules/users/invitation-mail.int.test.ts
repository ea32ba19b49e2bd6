import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Mailer } from '../../lib/mailer';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../../test/support/dialects';
import { createTestClock } from '../../../../test/support/test-clock';
import { setupOrganization, type Agent } from '../../../../test/support/test-app';
import type { FastifyInstance } from 'fastify';

describe.each(testDialects())('links by e-mail on %s', (dialect) => {
  const sent: Array<{ to: string; subject: string; text: string }> = [];
  const mailer: Mailer = { send: async (m) => { sent.push(m); return true; } };
  let db: TestDatabase;
  let app: FastifyInstance;
  let admin: Agent;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    ({ app } = await buildApp({ config: db.config, db: db.db, dialect: db.dialect, clock: createTestClock(), logger: false, webRoot: '/nonexistent', mailer }));
    admin = await setupOrganization(app, 'Mail Clinic');
  });
  afterAll(async () => { await app.close(); await db.dispose(); });

  it('mails the invitation link when a mailer is configured, and still shows it to the administrator', async () => {
    const response = await admin.post('/api/v1/invitations', { email: 'new.person@test.example', role: 'clinician' });
    expect(response.statusCode).toBe(201);
    const link = response.json().link as string;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'new.person@test.example' });
    expect(sent[0]!.text).toContain(link);
    expect(sent[0]!.subject).toContain('Mail Clinic');
  });

  it('mails a reset link to the account holder', async () => {
    const users = (await admin.get('/api/v1/users')).json().items as Array<{ id: string; email: string }>;
    const response = await admin.post(`/api/v1/users/${users[0]!.id}/reset-link`);
    expect(response.statusCode).toBe(201);
    expect(sent.at(-1)).toMatchObject({ to: users[0]!.email });
    expect(sent.at(-1)!.text).toContain(response.json().link);
  });
});
