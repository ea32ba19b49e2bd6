import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { STAFF_PASSWORD, agentFrom, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { auditRows, expectProblem, fieldsOf, signInFrom } from '../../../../test/server/helpers';
import { totpCodeAt } from './totp';

/** A 6-digit code that is none of the codes valid around this moment. */
function wrongCodeAt(secret: string, when: Date): string {
  const near = new Set([-1, 0, 1].map((step) => totpCodeAt(secret, new Date(when.getTime() + step * 30_000))));
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}

/** TOTP enrolment, single-use codes within ±1 step, turning it off, and an organization requiring it. */
describe.each(testDialects())('two-step sign-in (TOTP) on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let secret: string;
  let ip = 0;
  const signIn = (email: string, totp?: string, password = STAFF_PASSWORD) => signInFrom(t.app, email, password, { ip: `10.5.0.${(ip += 1)}`, totp });
  const now = () => t.clock.now();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupOrganization(t.app);
    await inviteAndAccept(t.app, admin, 'tia@test.example', 'clinician', 'Tia Totp');
    await inviteAndAccept(t.app, admin, 'uma@test.example', 'clinician', 'Uma Unenrolled');
  });
  afterAll(async () => t.close());

  it('enrols only after a code from the new secret is confirmed; then sign-in asks for a code', async () => {
    const tia = agentFrom(t.app, await signIn('tia@test.example'));
    const enrol = await tia.post('/api/v1/auth/mfa/totp/enrol');
    expect(enrol.statusCode, enrol.body).toBe(200);
    secret = enrol.json().secret;
    expect(enrol.json().otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const wrong = await tia.post('/api/v1/auth/mfa/totp/confirm', { code: wrongCodeAt(secret, now()) });
    expectProblem(wrong, 400);
    expect(fieldsOf(wrong)).toEqual(['code']);
    expect((await tia.get('/api/v1/auth/session')).json().user.mfaEnabled).toBe(false);
    const confirmed = await tia.post('/api/v1/auth/mfa/totp/confirm', { code: totpCodeAt(secret, now()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().user.mfaEnabled).toBe(true);
    expectProblem(await tia.post('/api/v1/auth/mfa/totp/enrol'), 409);

    const noCode = await signIn('tia@test.example');
    expect(expectProblem(noCode, 401).type).toMatch(/\/mfa-required$/);
    expect(noCode.headers['set-cookie']).toBeUndefined();
    // A wrong password is answered as such, not with the code prompt.
    const wrongPassword = await signIn('tia@test.example', undefined, 'not the right password');
    expect(expectProblem(wrongPassword, 401).type).toMatch(/\/invalid-credentials$/);
  });

  it('accepts the right code once and refuses a wrong code, a replayed code and a code two steps old', async () => {
    t.clock.advanceSeconds(30);
    expectProblem(await signIn('tia@test.example', wrongCodeAt(secret, now())), 401);
    const code = totpCodeAt(secret, now());
    const ok = await signIn('tia@test.example', code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.mfaEnabled).toBe(true);
    const replay = await signIn('tia@test.example', code);
    expect(expectProblem(replay, 401).type).toMatch(/\/mfa-required$/);
    expect(replay.headers['set-cookie']).toBeUndefined();

    t.clock.advanceSeconds(150);
    expectProblem(await signIn('tia@test.example', totpCodeAt(secret, new Date(now().getTime() - 60_000))), 401);
    // One step of drift is tolerated.
    expect((await signIn('tia@test.example', totpCodeAt(secret, new Date(now().getTime() - 30_000)))).statusCode).toBe(200);
  });

  it('accepts a code only once even when two sign-ins with it arrive at the same moment', async () => {
    t.clock.advanceSeconds(60);
    const code = totpCodeAt(secret, now());
    const answers = await Promise.all([signIn('tia@test.example', code), signIn('tia@test.example', code)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
  });

  it('turns TOTP off only with the password, after which no code is asked', async () => {
    t.clock.advanceSeconds(60);
    const tia = agentFrom(t.app, await signIn('tia@test.example', totpCodeAt(secret, now())));
    const wrong = await tia.post('/api/v1/auth/mfa/totp/disable', { password: 'not the password at all' });
    expectProblem(wrong, 400);
    expect(fieldsOf(wrong)).toEqual(['password']);
    expect((await tia.get('/api/v1/auth/session')).json().user.mfaEnabled).toBe(true);
    const off = await tia.post('/api/v1/auth/mfa/totp/disable', { password: STAFF_PASSWORD });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().user.mfaEnabled).toBe(false);
    expect((await signIn('tia@test.example')).statusCode).toBe(200);
    const events = (await auditRows(t.db.db, { organizationId: tia.organizationId })).filter((r) => r.entity_type === 'user-mfa' && r.action === 'privilege-change');
    expect(events.map((e) => e.reason)).toEqual(['TOTP enabled', 'TOTP disabled']);
  });

  describe('when the organization requires MFA', () => {
    let uma: Agent;

    beforeAll(async () => {
      admin = agentFrom(t.app, await signInFrom(t.app, 'admin@test.example', 'admin password for tests 1', { ip: '10.5.1.1' }));
      uma = agentFrom(t.app, await signIn('uma@test.example'));
      expect((await uma.get('/api/v1/clients')).statusCode).toBe(200);
    });

    it('changes the setting only with a current If-Match, as a privilege change', async () => {
      const read = await admin.get('/api/v1/organization');
      expect(read.json().requireMfa).toBe(false);
      const etag = read.headers.etag as string;
      expectProblem(await admin.patch('/api/v1/organization', { requireMfa: true }), 428);
      const stale = await admin.patch('/api/v1/organization', { requireMfa: true }, { 'if-match': `"${Number(etag.replace(/"/g, '')) + 5}"` });
      expect(expectProblem(stale, 412).currentVersion).toBe(Number(etag.replace(/"/g, '')));
      const changed = await admin.patch('/api/v1/organization', { requireMfa: true }, { 'if-match': etag });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().requireMfa).toBe(true);
      const events = (await auditRows(t.db.db, { organizationId: admin.organizationId })).filter((r) => r.entity_type === 'organization' && r.action === 'privilege-change');
      expect(events.map((e) => e.reason)).toEqual(['require MFA: true']);
    });

    it('stops a user without MFA at once, in an open session, except for enrolling', async () => {
      const session = await uma.get('/api/v1/auth/session');
      expect(session.json().mfaEnrolmentRequired).toBe(true);
      expect(expectProblem(await uma.get('/api/v1/clients'), 403).type).toMatch(/\/mfa-enrolment-required$/);
      const create = await uma.post('/api/v1/clients', { displayName: 'Blocked Person', dateOfBirth: '1990-01-01' });
      expectProblem(create, 403);
      expect(await t.db.db.selectFrom('client').select('id').where('display_name', '=', 'Blocked Person').executeTakeFirst()).toBeUndefined();
      const fresh = await signIn('uma@test.example');
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json().mfaEnrolmentRequired).toBe(true);
    });

    it('lets the user enrol, after which the app opens up, and refuses turning MFA off while it is required', async () => {
      const enrol = await uma.post('/api/v1/auth/mfa/totp/enrol');
      expect(enrol.statusCode, enrol.body).toBe(200);
      const umaSecret = enrol.json().secret as string;
      const confirmed = await uma.post('/api/v1/auth/mfa/totp/confirm', { code: totpCodeAt(umaSecret, now()) });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json().mfaEnrolmentRequired).toBe(false);
      expect((await uma.get('/api/v1/clients')).statusCode).toBe(200);
      const refused = await uma.post('/api/v1/auth/mfa/totp/disable', { password: STAFF_PASSWORD });
      expectProblem(refused, 403);
      expect((await uma.get('/api/v1/auth/session')).json().user.mfaEnabled).toBe(true);
    });
  });
});
