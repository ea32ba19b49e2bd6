import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/dialects';
import { ADMIN_PASSWORD, STAFF_PASSWORD, agentFrom, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../../test/support/test-app';
import { auditRows, expectProblem, sessionSetCookie, signInFrom } from '../../../../test/server/helpers';
import type { RequestContext } from '../../lib/context';
import { sha256Hex } from '../../lib/crypto';
import { resolveSession } from './auth.service';
import { findLiveSessionWithAccount } from './sessions.repository';
import { totpCodeAt } from './totp';

const tokenValue = (setCookie: string) => setCookie.split(';')[0]!.split('=').slice(1).join('=');
const attributes = (setCookie: string) => setCookie.split(';').slice(1).map((a) => a.trim().toLowerCase());

/** Server-side sessions: token rotation, cookie flags, idle and absolute time-outs, logout. */
describe.each(testDialects())('sessions on %s', (dialect) => {
  describe('over plain http', () => {
    let t: TestApp;
    let admin: Agent;
    let ip = 0;
    /** Each sign-in from its own address, so the per-address limit never interferes. */
    const signIn = (email: string, password = STAFF_PASSWORD) => signInFrom(t.app, email, password, { ip: `10.9.0.${(ip += 1)}` });
    const sessionOf = async (token: string) => t.db.db.selectFrom('auth_session').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirstOrThrow();

    beforeAll(async () => {
      t = await createTestApp(dialect);
      admin = await setupOrganization(t.app);
      await inviteAndAccept(t.app, admin, 'sid@test.example', 'clinician', 'Sid Session');
    });
    afterAll(async () => t.close());

    it('issues a new 256-bit token at every sign-in, also when an old cookie is presented, and stores only its hash', async () => {
      const first = await signIn('sid@test.example');
      const firstToken = tokenValue(sessionSetCookie(first));
      const second = await t.app.inject({
        method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.1.1',
        headers: { cookie: `ipt_session=${firstToken}` }, payload: { email: 'sid@test.example', password: STAFF_PASSWORD },
      });
      const secondToken = tokenValue(sessionSetCookie(second));
      expect(secondToken).not.toBe(firstToken);
      for (const token of [firstToken, secondToken]) {
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect((await sessionOf(token)).token_hash).toBe(sha256Hex(token));
      }
      const stored = await t.db.db.selectFrom('auth_session').select('token_hash').where('token_hash', 'in', [firstToken, secondToken]).execute();
      expect(stored).toEqual([]);
    });

    it('sets the session cookie HttpOnly, SameSite=Strict, Path=/ and without Secure over plain http', async () => {
      const cookie = sessionSetCookie(await signIn('sid@test.example'));
      expect(cookie.startsWith('ipt_session=')).toBe(true);
      const attrs = attributes(cookie);
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=strict');
      expect(attrs).toContain('path=/');
      expect(attrs).not.toContain('secure');
      expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    });

    it('ends a session idle for 15 minutes and 1 second, with a 401 and a timeout audit event', async () => {
      const response = await signIn('sid@test.example');
      const agent = agentFrom(t.app, response);
      expect(response.json().idleTimeoutSeconds).toBe(900);
      t.clock.advanceSeconds(900);
      expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(200);
      t.clock.advanceSeconds(901);
      const ended = await agent.get('/api/v1/auth/session');
      expect(expectProblem(ended, 401).type).toMatch(/\/session-ended$/);
      const row = await sessionOf(tokenValue(sessionSetCookie(response)));
      expect(row.end_reason).toBe('idle time-out');
      const timeouts = (await auditRows(t.db.db, { organizationId: agent.organizationId })).filter((r) => r.action === 'timeout' && r.entity_id === row.id);
      expect(timeouts).toHaveLength(1);
      expect(timeouts[0]).toMatchObject({ actor_id: agent.userId, entity_type: 'session', reason: 'idle time-out', outcome: 'success' });
      // Activity after the time-out does not bring the session back.
      expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(401);
    });

    it('keeps an active session for 12 hours and no longer (absolute time-out)', async () => {
      const response = await signIn('sid@test.example');
      const agent = agentFrom(t.app, response);
      const startedAt = t.clock.now().getTime();
      expect(response.json().absoluteExpiresAt).toBe(new Date(startedAt + 12 * 3600 * 1000).toISOString());
      for (let minutes = 10; minutes < 720; minutes += 10) {
        t.clock.advanceSeconds(600);
        const alive = await agent.get('/api/v1/auth/session');
        expect(alive.statusCode, `after ${minutes} minutes`).toBe(200);
      }
      t.clock.advanceSeconds(600);
      expectProblem(await agent.get('/api/v1/auth/session'), 401);
      const row = await sessionOf(tokenValue(sessionSetCookie(response)));
      expect(row.end_reason).toBe('absolute time-out');
      const events = (await auditRows(t.db.db, { organizationId: agent.organizationId })).filter((r) => r.action === 'timeout' && r.entity_id === row.id);
      expect(events.map((e) => e.reason)).toEqual(['absolute time-out']);
    });

    it('refuses logout without the CSRF token, then ends the session server-side so the same cookie gets 401', async () => {
      const agent = agentFrom(t.app, await signIn('sid@test.example'));
      const forged = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: agent.cookie } });
      expectProblem(forged, 403);
      expect((await agent.get('/api/v1/auth/session')).statusCode).toBe(200);
      const out = await agent.post('/api/v1/auth/logout');
      expect(out.statusCode, out.body).toBe(204);
      expect(out.headers['clear-site-data']).toContain('"storage"');
      expect(sessionSetCookie(out)).toMatch(/^ipt_session=;/);
      expectProblem(await agent.get('/api/v1/auth/session'), 401);
      expectProblem(await agent.post('/api/v1/auth/logout'), 401);
      const events = (await auditRows(t.db.db, { organizationId: agent.organizationId })).filter((r) => r.action === 'logout' && r.actor_id === agent.userId);
      expect(events).toHaveLength(1);
    });

    it('loads no password hash or TOTP secret into the session check or the request it signs in', async () => {
      // The set-up session has idled out by now (the time-out tests above move the clock on).
      await inviteAndAccept(t.app, agentFrom(t.app, await signIn('admin@test.example', ADMIN_PASSWORD)), 'cora@test.example', 'clinician', 'Cora Credentials');
      const cora = agentFrom(t.app, await signIn('cora@test.example'));
      const token = tokenValue(cora.cookie);
      expect((await findLiveSessionWithAccount(t.db.db, token))?.user.mfa_enabled).toBe(false);
      const secret = (await cora.post('/api/v1/auth/mfa/totp/enrol')).json().secret as string;
      expect((await cora.post('/api/v1/auth/mfa/totp/confirm', { code: totpCodeAt(secret, t.clock.now()) })).statusCode).toBe(200);
      // Another enrolment would be refused now, so put a pending secret in place directly: it must not be loaded either.
      await t.db.db.updateTable('app_user').set({ totp_pending_secret: 'PENDINGSECRETPENDINGSECRET' }).where('id', '=', cora.userId).execute();

      const found = await findLiveSessionWithAccount(t.db.db, token);
      expect(found).toBeDefined();
      expect(Object.keys(found!.session).sort()).toEqual(['absolute_expires_at', 'csrf_token', 'id', 'last_seen_at', 'organization_id', 'user_id']);
      expect(Object.keys(found!.user).sort()).toEqual(['email', 'id', 'mfa_enabled', 'name', 'organization_id', 'role', 'status']);
      expect(Object.keys(found!.organization).sort()).toEqual(['id', 'name', 'require_mfa']);
      expect(found!.user).toMatchObject({ id: cora.userId, organization_id: cora.organizationId, email: 'cora@test.example', name: 'Cora Credentials', role: 'clinician', status: 'active', mfa_enabled: true });

      const ctx: RequestContext = {
        config: t.db.config, db: t.db.db, dialect: t.db.dialect, clock: t.clock, mailer: null, notifiers: [],
        actor: null, session: null, requestId: 'credentials-test', sourceIp: null,
      };
      const resolved = await resolveSession(ctx, token);
      expect(resolved.session.mfaEnabled).toBe(true);
      const stored = await t.db.db.selectFrom('app_user').select(['password_hash', 'totp_secret', 'totp_pending_secret']).where('id', '=', cora.userId).executeTakeFirstOrThrow();
      const credentials = [stored.password_hash, stored.totp_secret, stored.totp_pending_secret].filter((c): c is string => typeof c === 'string' && c.length > 0);
      expect(credentials).toHaveLength(3);
      for (const carried of [JSON.stringify(found), JSON.stringify(resolved)]) {
        for (const credential of credentials) expect(carried).not.toContain(credential);
        expect(carried).not.toMatch(/password|totp_secret|pending_secret|totp_last_step|token_hash/);
      }
    });

    it('answers 401 for a made-up token and for no cookie at all', async () => {
      expect(expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' }), 401).type).toMatch(/\/not-signed-in$/);
      expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `ipt_session=${'A'.repeat(43)}` } }), 401);
      // The administrator's own session from set-up has long idled out by now.
      expectProblem(await admin.get('/api/v1/auth/session'), 401);
      expect((await signInFrom(t.app, 'admin@test.example', ADMIN_PASSWORD, { ip: '10.9.2.1' })).statusCode).toBe(200);
    });
  });

  describe('behind TLS (IPT_PUBLIC_URL is https)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect, { IPT_PUBLIC_URL: 'https://ipt.example.org' });
    });
    afterAll(async () => t.close());

    it('names the cookie __Host-ipt_session with Secure, HttpOnly, SameSite=Strict, Path=/ and no Domain', async () => {
      const setup = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { organizationName: 'TLS Clinic', adminName: 'Tess Admin', adminEmail: 'tess@tls.example', adminPassword: ADMIN_PASSWORD } });
      expect(setup.statusCode, setup.body).toBe(201);
      const cookie = sessionSetCookie(setup);
      expect(cookie.startsWith('__Host-ipt_session=')).toBe(true);
      const attrs = attributes(cookie);
      for (const flag of ['secure', 'httponly', 'samesite=strict', 'path=/']) expect(attrs).toContain(flag);
      expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
      expect(setup.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
      const token = tokenValue(cookie);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `__Host-ipt_session=${token}` } })).statusCode).toBe(200);
      // The unprefixed name is not honoured behind TLS.
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `ipt_session=${token}` } })).statusCode).toBe(401);
    });
  });
});
