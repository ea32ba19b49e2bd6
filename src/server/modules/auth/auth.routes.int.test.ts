import commonPasswords from '@zxcvbn-ts/language-common/src/passwords.json' with { type: 'json' };
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { ADMIN_PASSWORD, STAFF_PASSWORD, agentFrom, createTestApp, type Agent, type TestApp } from '../../../../test/support/test-app';
import { expectProblem, fieldsOf, signInFrom, tokenOf, withPostgresLockHeld } from '../../../../test/server/helpers';

/** First-run set-up, sign-in without enumeration, the password policy, throttling, CSRF and origin checks. */
describe.each(testDialects())('auth routes on %s', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  const setupBody = (overrides: Record<string, unknown> = {}) => ({
    organizationName: 'Harbour Clinic', adminName: 'Ada Admin', adminEmail: 'ada@harbour.example', adminPassword: ADMIN_PASSWORD, ...overrides,
  });
  const countRows = async (table: 'app_user' | 'organization' | 'auth_session' | 'one_time_token') =>
    Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** An invitation token for a new person, made by the administrator. */
  async function invite(email: string): Promise<string> {
    const response = await admin.post('/api/v1/invitations', { email, role: 'clinician' });
    expect(response.statusCode, response.body).toBe(201);
    return tokenOf(response.json().link);
  }

  async function accept(token: string, name: string, password: string) {
    return t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, name, password } });
  }

  describe('one installation', () => {
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => t.close());

    describe('first-run set-up', () => {
      it('needs set-up on an empty database and refuses set-up from a foreign origin, storing nothing', async () => {
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json()).toEqual({ needsSetup: true });
        const forged = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody(), headers: { origin: 'https://evil.example' } });
        expect(expectProblem(forged, 403).type).toMatch(/\/cross-origin$/);
        expect(forged.headers['set-cookie']).toBeUndefined();
        expect(await countRows('app_user')).toBe(0);
        expect(await countRows('organization')).toBe(0);
      });

      it('refuses weak administrator passwords, naming adminPassword, and stores nothing', async () => {
        const short = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody({ adminPassword: 'a'.repeat(11) }) });
        expectProblem(short, 400);
        expect(fieldsOf(short)).toEqual(['adminPassword']);
        const common = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody({ adminPassword: 'password1234' }) });
        expectProblem(common, 400);
        expect(fieldsOf(common)).toEqual(['adminPassword']);
        expect(common.json().errors[0].message).toMatch(/common/);
        const named = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody({ adminName: 'Jordan Rivers', adminPassword: 'JordanRivers7' }) });
        expectProblem(named, 400);
        expect(fieldsOf(named)).toEqual(['adminPassword']);
        expect(await countRows('app_user')).toBe(0);
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json()).toEqual({ needsSetup: true });
      });

      it('creates the organization and administrator, signs them in, and flips the status', async () => {
        const response = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody() });
        expect(response.statusCode, response.body).toBe(201);
        expect(response.json()).toMatchObject({ user: { email: 'ada@harbour.example', name: 'Ada Admin', role: 'admin', organizationName: 'Harbour Clinic', mfaEnabled: false }, mfaEnrolmentRequired: false });
        admin = agentFrom(t.app, response);
        expect((await admin.get('/api/v1/auth/session')).statusCode).toBe(200);
        expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).json()).toEqual({ needsSetup: false });
      });

      it('refuses a second set-up with 409 and keeps one organization and one user', async () => {
        const again = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody({ adminEmail: 'mallory@harbour.example', organizationName: 'Other' }) });
        expectProblem(again, 409);
        expect(again.headers['set-cookie']).toBeUndefined();
        expect(await countRows('app_user')).toBe(1);
        expect(await countRows('organization')).toBe(1);
      });
    });

    describe('sign-in', () => {
      it('signs in with the right password, whatever the case of the e-mail', async () => {
        const ok = await signInFrom(t.app, 'ADA@Harbour.example', ADMIN_PASSWORD, { ip: '10.0.0.1' });
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json().user.email).toBe('ada@harbour.example');
      });

      it('stores passwords as argon2id with at least 19 MiB of memory and 2 passes (OWASP)', async () => {
        const { password_hash: hash } = await t.db.db.selectFrom('app_user').select('password_hash').where('email', '=', 'ada@harbour.example').executeTakeFirstOrThrow();
        const [, algorithm, , parameters] = hash.split('$');
        expect(algorithm).toBe('argon2id');
        const values = Object.fromEntries((parameters ?? '').split(',').map((kv) => kv.split('=')));
        expect(Number(values.m)).toBeGreaterThanOrEqual(19_456);
        expect(Number(values.t)).toBeGreaterThanOrEqual(2);
        expect(hash).not.toContain(ADMIN_PASSWORD);
      });

      it('answers a wrong password and an unknown e-mail identically (no enumeration)', async () => {
        const wrong = await signInFrom(t.app, 'ada@harbour.example', 'not the password at all', { ip: '10.0.0.2' });
        const unknown = await signInFrom(t.app, 'nobody@harbour.example', 'not the password at all', { ip: '10.0.0.2' });
        expectProblem(wrong, 401);
        expectProblem(unknown, 401);
        expect(wrong.json()).toEqual(unknown.json());
        expect(wrong.json().type).toMatch(/\/invalid-credentials$/);
        expect(wrong.headers['set-cookie']).toBeUndefined();
        expect(unknown.headers['set-cookie']).toBeUndefined();
      });
    });

    describe('password policy (on accepting an invitation)', () => {
      it('refuses 11 characters, a common password and one made of the person\'s name, naming password', async () => {
        const token = await invite('pat@harbour.example');
        for (const password of ['b'.repeat(11), 'password1234', 'qwertyuiop123', 'PatriciaNolan12']) {
          const response = await accept(token, 'Patricia Nolan', password);
          expectProblem(response, 400);
          expect(fieldsOf(response), password).toEqual(['password']);
        }
        expect(await t.db.db.selectFrom('app_user').select('id').where('email', '=', 'pat@harbour.example').executeTakeFirst()).toBeUndefined();
        // The link was not used up by the refusals.
        expect((await t.app.inject({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token } })).statusCode).toBe(200);
      });

      it('refuses a sample of 200 long passwords from the bundled common-password list', async () => {
        const token = await invite('sample@harbour.example');
        const sample = (commonPasswords as string[]).filter((p) => p.length >= 12 && p.length <= 256).slice(0, 200);
        expect(sample).toHaveLength(200);
        const accepted: string[] = [];
        for (const password of sample) {
          const response = await accept(token, 'Sample Person', password);
          if (response.statusCode !== 400 || fieldsOf(response)[0] !== 'password') accepted.push(`${password} → ${response.statusCode}`);
        }
        expect(accepted).toEqual([]);
      });

      it('refuses long but guessable passwords: repeats, sequences, keyboard walks, a common word with digits', async () => {
        const accepted: string[] = [];
        const guessable = ['aaaaaaaaaaaa', '111111111111', 'abcdefghijkl', 'qwertyqwerty', 'password12345', 'Password123!', 'P@ssw0rd1234', 'welcome12345'];
        for (const [i, password] of guessable.entries()) {
          const response = await accept(await invite(`guessable-${i}@harbour.example`), 'Guessable Person', password);
          if (response.statusCode !== 400) accepted.push(`${password} → ${response.statusCode}`);
        }
        expect(accepted).toEqual([]);
      });

      it('accepts 64-character and 128-character unicode passwords without composition rules, and signs in with them', async () => {
        const long = 'correct horse battery staple '.repeat(3).slice(0, 64);
        const unicode = 'Größe-パスワード-🔑-ñandú-'.repeat(8);
        const unicodePassword = [...unicode].slice(0, 128).join('');
        expect(long).toHaveLength(64);
        expect([...unicodePassword]).toHaveLength(128);
        for (const [email, password] of [['long@harbour.example', long], ['uni@harbour.example', unicodePassword]] as const) {
          const accepted = await accept(await invite(email), 'Someone Else', password);
          expect(accepted.statusCode, accepted.body).toBe(201);
          expect((await signInFrom(t.app, email, password, { ip: '10.0.1.1' })).statusCode).toBe(200);
          expect((await signInFrom(t.app, email, password.slice(0, -1), { ip: '10.0.1.1' })).statusCode).toBe(401);
        }
      });
    });

    describe('throttling', () => {
      beforeAll(async () => {
        for (const email of ['acct-a@harbour.example', 'acct-b@harbour.example', 'acct-c@harbour.example']) {
          expect((await accept(await invite(email), 'Throttle Person', STAFF_PASSWORD)).statusCode).toBe(201);
        }
      });

      it('answers the 6th attempt after 5 failures for one account from one address with 429 and Retry-After', async () => {
        for (let i = 0; i < 5; i += 1) expectProblem(await signInFrom(t.app, 'acct-a@harbour.example', `wrong password ${i}`, { ip: '10.1.0.1' }), 401);
        const sixth = await signInFrom(t.app, 'acct-a@harbour.example', STAFF_PASSWORD, { ip: '10.1.0.1' });
        const body = expectProblem(sixth, 429);
        expect(sixth.headers['retry-after']).toBe('900');
        expect(body.retryAfterSeconds).toBe(900);
        expect(sixth.headers['set-cookie']).toBeUndefined();
      });

      it('does not lock out another account from that address, nor the same account from elsewhere', async () => {
        expect((await signInFrom(t.app, 'acct-b@harbour.example', STAFF_PASSWORD, { ip: '10.1.0.1' })).statusCode).toBe(200);
        expect((await signInFrom(t.app, 'acct-a@harbour.example', STAFF_PASSWORD, { ip: '10.1.0.2' })).statusCode).toBe(200);
      });

      it('lets the account in again once the 15-minute window has passed', async () => {
        t.clock.advanceSeconds(14 * 60);
        expectProblem(await signInFrom(t.app, 'acct-a@harbour.example', STAFF_PASSWORD, { ip: '10.1.0.1' }), 429);
        t.clock.advanceSeconds(60 + 1);
        expect((await signInFrom(t.app, 'acct-a@harbour.example', STAFF_PASSWORD, { ip: '10.1.0.1' })).statusCode).toBe(200);
      });

      it('limits one address to 30 attempts a minute, whoever they are for, and not other addresses', async () => {
        for (let i = 0; i < 30; i += 1) expectProblem(await signInFrom(t.app, `spray-${i}@harbour.example`, 'some password 123', { ip: '10.2.0.1' }), 401);
        const limited = await signInFrom(t.app, 'acct-b@harbour.example', STAFF_PASSWORD, { ip: '10.2.0.1' });
        expectProblem(limited, 429);
        expect(limited.headers['retry-after']).toBe('60');
        expect((await signInFrom(t.app, 'acct-b@harbour.example', STAFF_PASSWORD, { ip: '10.2.0.2' })).statusCode).toBe(200);
        t.clock.advanceSeconds(61);
        expect((await signInFrom(t.app, 'acct-b@harbour.example', STAFF_PASSWORD, { ip: '10.2.0.1' })).statusCode).toBe(200);
      });

      it('evaluates at most 5 passwords for one account from one address even when the guesses arrive at once', async () => {
        const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signInFrom(t.app, 'acct-c@harbour.example', `parallel guess ${i}`, { ip: '10.3.0.1' })));
        const statuses = answers.map((a) => a.statusCode).sort();
        expect(statuses.every((s) => s === 401 || s === 429), statuses.join(',')).toBe(true);
        expect(statuses.filter((s) => s === 401).length, `passwords checked: ${statuses.join(',')}`).toBeLessThanOrEqual(5);
      });
    });

    describe('CSRF and origin checks', () => {
      beforeAll(async () => {
        admin = agentFrom(t.app, await signInFrom(t.app, 'ada@harbour.example', ADMIN_PASSWORD, { ip: '10.4.0.1' }));
      });

      it('refuses a change without the CSRF token, or with another session\'s token, and stores nothing', async () => {
        const before = await countRows('one_time_token');
        const missing = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: { cookie: admin.cookie }, payload: { email: 'csrf@harbour.example', role: 'clinician' } });
        expect(expectProblem(missing, 403).type).toMatch(/\/csrf$/);
        const wrong = await admin.post('/api/v1/invitations', { email: 'csrf@harbour.example', role: 'clinician' }, { 'x-csrf-token': 'x'.repeat(43) });
        expectProblem(wrong, 403);
        const second = agentFrom(t.app, await signInFrom(t.app, 'ada@harbour.example', ADMIN_PASSWORD, { ip: '10.4.0.1' }));
        const crossed = await admin.post('/api/v1/invitations', { email: 'csrf@harbour.example', role: 'clinician' }, { 'x-csrf-token': second.csrfToken });
        expectProblem(crossed, 403);
        expect(await countRows('one_time_token')).toBe(before);
        // The same request with the right token goes through, so the refusals above were about the token.
        expect((await admin.post('/api/v1/invitations', { email: 'csrf@harbour.example', role: 'clinician' })).statusCode).toBe(201);
      });

      it('refuses a public sign-in posted from a foreign origin and opens no session', async () => {
        const before = await countRows('auth_session');
        for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example']) {
          const forged = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin }, payload: { email: 'ada@harbour.example', password: ADMIN_PASSWORD } });
          expect(expectProblem(forged, 403).type).toMatch(/\/cross-origin$/);
          expect(forged.headers['set-cookie']).toBeUndefined();
        }
        expect(await countRows('auth_session')).toBe(before);
        const own = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.4.0.2', headers: { origin: 'http://localhost:80' }, payload: { email: 'ada@harbour.example', password: ADMIN_PASSWORD } });
        expect(own.statusCode, own.body).toBe(200);
      });
    });
  });

  describe('two first-run set-ups at the same moment', () => {
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => t.close());

    it('creates exactly one organization and one administrator', async () => {
      const race = () => Promise.all(['one', 'two'].map((n) =>
        t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: setupBody({ organizationName: `Clinic ${n}`, adminEmail: `admin-${n}@harbour.example` }) })));
      // On PostgreSQL, let both count the users, then hold both at their first insert, so the checks overlap for certain.
      const answers = dialect === 'postgres'
        ? await withPostgresLockHeld(t.db.db, (tx) => sql`lock table organization in share mode`.execute(tx), race)
        : await race();
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
      expect(await countRows('organization')).toBe(1);
      expect(await countRows('app_user')).toBe(1);
    });
  });
});
