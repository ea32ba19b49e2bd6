import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { ADMIN_PASSWORD, STAFF_PASSWORD, agentFrom, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { auditRows, expectProblem, fieldsOf, signInFrom, tokenOf } from '../../../../test/server/helpers';
import { totpCodeAt } from './totp';

const NEW_PASSWORD = 'a brand new passphrase 7';

/** One-time links: invitations (72 h) and password resets (24 h), each single use. */
describe.each(testDialects())('invitation and reset links on %s', (dialect) => {
  let t: TestApp;
  let ip = 0;
  const from = () => ({ ip: `10.6.0.${(ip += 1)}` });
  /** A fresh administrator session: several tests move the clock past the idle time-out. */
  const admin = async (): Promise<Agent> => agentFrom(t.app, await signInFrom(t.app, 'admin@test.example', ADMIN_PASSWORD, from()));
  const lookup = (token: string) => t.app.inject({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token } });
  const accept = (token: string, name = 'New Person', password = STAFF_PASSWORD) =>
    t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, name, password } });
  const userByEmail = (email: string) => t.db.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();

  async function invite(agent: Agent, email: string, role = 'clinician', name?: string) {
    const response = await agent.post('/api/v1/invitations', { email, role, ...(name ? { name } : {}) });
    expect(response.statusCode, response.body).toBe(201);
    return { id: response.json().id as string, token: tokenOf(response.json().link), link: response.json().link as string, expiresAt: response.json().expiresAt as string };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await setupOrganization(t.app);
  });
  afterAll(async () => t.close());

  describe('invitations', () => {
    it('can be looked up, and accepting one creates the account with the invited role and signs in', async () => {
      const a = await admin();
      const { token, link, expiresAt } = await invite(a, 'val@test.example', 'supervisor', 'Val Invitee');
      expect(link.startsWith(`${t.db.config.publicUrl}/invite#token=`)).toBe(true);
      expect(expiresAt).toBe(new Date(t.clock.now().getTime() + 72 * 3600 * 1000).toISOString());
      const found = await lookup(token);
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json()).toEqual({ email: 'val@test.example', role: 'supervisor', name: 'Val Invitee', organizationName: 'Test Clinic', expiresAt });

      const accepted = await accept(token, 'Val Invitee');
      expect(accepted.statusCode, accepted.body).toBe(201);
      expect(accepted.json().user).toMatchObject({ email: 'val@test.example', role: 'supervisor', name: 'Val Invitee' });
      const val = agentFrom(t.app, accepted);
      expect((await val.get('/api/v1/auth/session')).statusCode).toBe(200);
      expect(await userByEmail('val@test.example')).toMatchObject({ role: 'supervisor', status: 'active' });
      const events = (await auditRows(t.db.db, { organizationId: val.organizationId })).filter((r) => r.actor_id === val.userId);
      expect(events.map((e) => `${e.action}/${e.entity_type}`)).toEqual(['create/user', 'login/session']);
      const listed = (await a.get('/api/v1/invitations')).json().items.find((i: { email: string }) => i.email === 'val@test.example');
      expect(listed.status).toBe('accepted');
    });

    it('cannot be used twice: the second use and any lookup answer 410', async () => {
      const { token } = await invite(await admin(), 'twice@test.example');
      expect((await accept(token, 'First Use')).statusCode).toBe(201);
      const again = await accept(token, 'Second Use', 'another passphrase 99');
      expectProblem(again, 410);
      expect(fieldsOf(again)).toEqual(['token']);
      expectProblem(await lookup(token), 410);
      expect((await userByEmail('twice@test.example'))?.name).toBe('First Use');
    });

    it('makes one account when the same link is accepted twice at the same moment', async () => {
      const { token } = await invite(await admin(), 'race@test.example');
      const answers = await Promise.all([accept(token, 'Racer One'), accept(token, 'Racer Two')]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 410]);
      const rows = await t.db.db.selectFrom('app_user').select('id').where('email', '=', 'race@test.example').execute();
      expect(rows).toHaveLength(1);
    });

    it('is withdrawn by revoking it or by inviting the same person again', async () => {
      const a = await admin();
      const revoked = await invite(a, 'revoked@test.example');
      expect((await a.delete(`/api/v1/invitations/${revoked.id}`)).statusCode).toBe(204);
      expectProblem(await lookup(revoked.token), 410);
      expectProblem(await accept(revoked.token), 410);
      expectProblem(await a.delete(`/api/v1/invitations/${revoked.id}`), 404);
      const first = await invite(a, 'reinvited@test.example');
      const second = await invite(a, 'reinvited@test.example');
      expectProblem(await lookup(first.token), 410);
      expect((await lookup(second.token)).statusCode).toBe(200);
      expect(await userByEmail('revoked@test.example')).toBeUndefined();
    });

    it('refuses to invite an e-mail that already has an account', async () => {
      const response = await (await admin()).post('/api/v1/invitations', { email: 'val@test.example', role: 'clinician' });
      expectProblem(response, 409);
      expect(fieldsOf(response)).toEqual(['email']);
    });

    it('expires 72 hours after it was made', async () => {
      const { token } = await invite(await admin(), 'late@test.example');
      t.clock.advanceSeconds(72 * 3600 - 1);
      expect((await lookup(token)).statusCode).toBe(200);
      t.clock.advanceSeconds(2);
      expectProblem(await lookup(token), 410);
      expectProblem(await accept(token), 410);
      expect(await userByEmail('late@test.example')).toBeUndefined();
      const listed = (await (await admin()).get('/api/v1/invitations')).json().items.find((i: { email: string }) => i.email === 'late@test.example');
      expect(listed.status).toBe('expired');
    });

    it('answers 410, not 404 or 500, for a token that was never issued', async () => {
      expectProblem(await lookup('x'.repeat(43)), 410);
      expectProblem(await accept('y'.repeat(43)), 410);
    });
  });

  describe('password reset', () => {
    let rexId: string;
    let rexSecret: string;

    beforeAll(async () => {
      const rex = await inviteAndAccept(t.app, await admin(), 'rex@test.example', 'clinician', 'Rex Reset');
      rexId = rex.userId;
      rexSecret = (await rex.post('/api/v1/auth/mfa/totp/enrol')).json().secret;
      expect((await rex.post('/api/v1/auth/mfa/totp/confirm', { code: totpCodeAt(rexSecret, t.clock.now()) })).statusCode).toBe(200);
    });

    it('sets a new password once, ends every session, keeps MFA, and the link cannot be used again', async () => {
      t.clock.advanceSeconds(30);
      const sessionA = agentFrom(t.app, await signInFrom(t.app, 'rex@test.example', STAFF_PASSWORD, { ...from(), totp: totpCodeAt(rexSecret, t.clock.now()) }));
      t.clock.advanceSeconds(30);
      const sessionB = agentFrom(t.app, await signInFrom(t.app, 'rex@test.example', STAFF_PASSWORD, { ...from(), totp: totpCodeAt(rexSecret, t.clock.now()) }));

      const issued = await (await admin()).post(`/api/v1/users/${rexId}/reset-link`);
      expect(issued.statusCode, issued.body).toBe(201);
      expect(issued.json().link.startsWith(`${t.db.config.publicUrl}/reset-password#token=`)).toBe(true);
      expect(issued.json().expiresAt).toBe(new Date(t.clock.now().getTime() + 24 * 3600 * 1000).toISOString());
      const token = tokenOf(issued.json().link);
      const complete = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/password-resets/complete', payload: { token, password } });

      const weak = await complete('RexReset2024');
      expectProblem(weak, 400);
      expect(fieldsOf(weak)).toEqual(['password']);
      expect((await sessionA.get('/api/v1/auth/session')).statusCode).toBe(200);

      const done = await complete(NEW_PASSWORD);
      expect(done.statusCode, done.body).toBe(204);
      expectProblem(await sessionA.get('/api/v1/auth/session'), 401);
      expectProblem(await sessionB.get('/api/v1/auth/session'), 401);
      expectProblem(await complete('yet another passphrase 3'), 410);

      t.clock.advanceSeconds(30);
      expect(expectProblem(await signInFrom(t.app, 'rex@test.example', STAFF_PASSWORD, from()), 401).type).toMatch(/\/invalid-credentials$/);
      expect(expectProblem(await signInFrom(t.app, 'rex@test.example', NEW_PASSWORD, from()), 401).type).toMatch(/\/mfa-required$/);
      const signedIn = await signInFrom(t.app, 'rex@test.example', NEW_PASSWORD, { ...from(), totp: totpCodeAt(rexSecret, t.clock.now()) });
      expect(signedIn.statusCode, signedIn.body).toBe(200);
      expect(signedIn.json().user.mfaEnabled).toBe(true);
      const events = (await auditRows(t.db.db, { organizationId: sessionA.organizationId })).filter((r) => r.entity_type === 'user-credential' && r.entity_id === rexId);
      expect(events.map((e) => `${e.action}:${e.reason}`)).toEqual(['privilege-change:password reset link issued', 'update:password reset link used']);
    });

    it('expires a reset link after 24 hours', async () => {
      const issued = await (await admin()).post(`/api/v1/users/${rexId}/reset-link`);
      const token = tokenOf(issued.json().link);
      t.clock.advanceSeconds(24 * 3600 + 1);
      expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/password-resets/complete', payload: { token, password: 'too late a passphrase 1' } }), 410);
      t.clock.advanceSeconds(30);
      expect((await signInFrom(t.app, 'rex@test.example', NEW_PASSWORD, { ...from(), totp: totpCodeAt(rexSecret, t.clock.now()) })).statusCode).toBe(200);
    });
  });
});
