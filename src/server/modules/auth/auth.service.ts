import { sql } from 'kysely';
import type { z } from 'zod';
import type { InvitationAcceptBody, InvitationLookup, LoginBody, PasswordResetCompleteBody, SessionInfo, SetupBody } from '../../../contracts/auth.contract';
import { abilitiesOf, type Actor, type Role } from '../../../domain/access/policy';
import { DomainError } from '../../../domain/errors';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type Deps, type RequestContext, type SessionRef } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { findOrganization, insertOrganization, type OrganizationRow } from '../organizations/organizations.repository';
import { claimTotpStep, countUsers, findSessionUser, findUserByEmail, findUserById, insertUser, sessionUserOf, setUserFields, type SessionUser, type UserRow } from '../users/users.repository';
import type { AuthSessionTable } from './auth.table';
import { consumeOneTimeToken, findOneTimeToken, OneTimeTokenKind, tokenState } from './one-time-tokens.repository';
import { checkNewPassword, dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { actorOf, judgeSession, mfaEnrolmentRequired } from './live-session';
import { createSession, endSession, endUserSessions, findLiveSessionWithAccount, touchSession, type SessionOrganization } from './sessions.repository';
import { admitLoginAttempt, clearLoginFailures } from './throttle';
import { matchTotpStep } from './totp';

export interface SignedIn {
  token: string;
  info: SessionInfo;
}

const invalidCredentials = () => new DomainError('unauthenticated', 'The e-mail or password is not right.', { extra: { problemType: 'invalid-credentials' } });

/** What the session answer needs of the session: the CSRF token and the absolute expiry. */
type SessionAnswerFields = Pick<AuthSessionTable, 'csrf_token' | 'absolute_expires_at'>;

export function sessionInfoOf(deps: Deps, user: SessionUser, organization: SessionOrganization, session: SessionAnswerFields): SessionInfo {
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role as Role, organizationId: organization.id, organizationName: organization.name, mfaEnabled: user.mfa_enabled },
    csrfToken: session.csrf_token,
    abilities: abilitiesOf(user.role as Role),
    mfaEnrolmentRequired: mfaEnrolmentRequired(user, organization),
    idleTimeoutSeconds: deps.config.sessionIdleSeconds,
    absoluteExpiresAt: session.absolute_expires_at,
  };
}

/** The signed-in user's session answer read afresh (after an MFA change, or when the web app asks), without credentials. */
export async function currentSessionInfo(ctx: RequestContext): Promise<SessionInfo> {
  const actor = requireActor(ctx);
  const row = await ctx.db.selectFrom('auth_session').select(['csrf_token', 'absolute_expires_at'])
    .where('id', '=', ctx.session?.id ?? '').where('organization_id', '=', actor.organizationId).executeTakeFirst();
  const user = await findSessionUser(ctx.db, actor.organizationId, actor.userId);
  const organization = await ctx.db.selectFrom('organization').select(['id', 'name', 'require_mfa']).where('id', '=', actor.organizationId).executeTakeFirst();
  if (!row || !user || !organization) throw new DomainError('unauthenticated', 'Your session has ended. Sign in again.');
  return sessionInfoOf(ctx, user, organization, row);
}

/** Opens a session for a user who has proven who they are; audited as a login in the same transaction. */
async function openSession(ctx: RequestContext, user: UserRow, organization: OrganizationRow, extra: (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<void> = async () => undefined): Promise<SignedIn> {
  return inTransaction(ctx, async (tx) => {
    await extra(tx);
    const { token, row } = await createSession(tx, ctx.clock, user, ctx.config.sessionAbsoluteSeconds, ctx.sourceIp);
    await setUserFields(tx, user.organization_id, user.id, { last_login_at: row.created_at });
    await audit(tx, ctx, { action: 'login', entityType: 'session', entityId: row.id, organizationId: user.organization_id, actorId: user.id, actorRole: user.role });
    return { token, info: sessionInfoOf(ctx, sessionUserOf(user), organization, row) };
  });
}

/**
 * Sign-in: throttled per account and address, the same answer for an unknown e-mail and a wrong
 * password (no enumeration), TOTP when enrolled (single use), and a fresh session token every time.
 */
export async function login(ctx: RequestContext, body: z.infer<typeof LoginBody>): Promise<SignedIn> {
  const ip = ctx.sourceIp ?? 'unknown';
  await admitLoginAttempt(ctx.db, ctx.clock, body.email, ip);
  const user = await findUserByEmail(ctx.db, body.email);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), body.password);
  const fail = async (reason: string, error: DomainError) => {
    await inTransaction(ctx, (tx) => audit(tx, ctx, {
      action: 'login-failed', entityType: 'session', outcome: 'denied', reason,
      organizationId: user?.organization_id, actorId: user?.id ?? null, actorRole: user?.role ?? null,
    }));
    return error;
  };
  if (!user || !passwordOk) throw await fail(user ? 'wrong password' : 'unknown e-mail', invalidCredentials());
  if (user.status !== 'active') throw await fail('account disabled', invalidCredentials());
  if (user.totp_secret) {
    if (!body.totp) {
      throw new DomainError('unauthenticated', 'Enter the 6-digit code from your authenticator app.', { field: 'totp', extra: { problemType: 'mfa-required' } });
    }
    const step = matchTotpStep(user.totp_secret, body.totp, ctx.clock.now());
    if (step === null || (user.totp_last_step !== null && step <= Number(user.totp_last_step))) {
      throw await fail(step === null ? 'wrong TOTP code' : 'TOTP code replayed', new DomainError('unauthenticated', 'That code is not right or was already used. Wait for the next code.', { field: 'totp', extra: { problemType: 'mfa-required' } }));
    }
    // Claim the step atomically: of two sign-ins with the same code, only one moves the step forward.
    if (!(await claimTotpStep(ctx.db, user.organization_id, user.id, step))) {
      throw await fail('TOTP code replayed', new DomainError('unauthenticated', 'That code is not right or was already used. Wait for the next code.', { field: 'totp', extra: { problemType: 'mfa-required' } }));
    }
  }
  const organization = await findOrganization(ctx.db, user.organization_id);
  if (!organization) throw invalidCredentials();
  await clearLoginFailures(ctx.db, body.email, ip);
  return openSession(ctx, user, organization);
}

export interface ResolvedSession {
  actor: Actor;
  session: SessionRef;
}

/**
 * Turns a session cookie into an actor, enforcing the idle and absolute time-outs on the server
 * (ONC d5; live-session.ts judgeSession). An expired session is ended and audited as a time-out; a
 * disabled user has none.
 */
export async function resolveSession(ctx: RequestContext, token: string): Promise<ResolvedSession> {
  const expired = () => new DomainError('unauthenticated', 'Your session has ended. Sign in again.', { extra: { problemType: 'session-ended' } });
  // Reads first, outside a write transaction: most requests only need to look the session up.
  const found = await findLiveSessionWithAccount(ctx.db, token);
  if (!found) throw expired();
  const { session: row, user } = found;
  const now = isoNow(ctx.clock);
  const verdict = judgeSession(found, now, ctx.config);
  if (verdict.kind === 'ended') {
    const { reason } = verdict;
    await inTransaction(ctx, async (tx) => {
      await endSession(tx, row.id, now, reason);
      if (reason !== 'account disabled') await audit(tx, ctx, { action: 'timeout', entityType: 'session', entityId: row.id, organizationId: row.organization_id, actorId: row.user_id, actorRole: user.role, reason });
    });
    throw expired();
  }
  if (verdict.touchDue) await inTransaction(ctx, (tx) => touchSession(tx, row.id, now));
  return { actor: await actorOf(ctx.db, found), session: verdict.session };
}

export async function logout(ctx: RequestContext): Promise<void> {
  if (!ctx.session) return;
  const sessionId = ctx.session.id;
  await inTransaction(ctx, async (tx) => {
    await endSession(tx, sessionId, isoNow(ctx.clock), 'logout');
    await audit(tx, ctx, { action: 'logout', entityType: 'session', entityId: sessionId });
  });
}

/** First run: creates the organization and its first administrator, only while no user exists. */
export async function setupInstallation(ctx: RequestContext, body: z.infer<typeof SetupBody>): Promise<SignedIn> {
  checkNewPassword(body.adminPassword, { email: body.adminEmail, name: body.adminName, organizationName: body.organizationName }, 'adminPassword');
  const passwordHash = await hashPassword(body.adminPassword);
  const now = isoNow(ctx.clock);
  const organization: OrganizationRow = { id: newId(), name: body.organizationName, require_mfa: 0, settings_json: '{}', created_at: now, updated_at: now, version: 1 };
  const user: UserRow = {
    id: newId(), organization_id: organization.id, email: body.adminEmail, name: body.adminName, role: 'admin', status: 'active',
    password_hash: passwordHash, totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, created_at: now, updated_at: now, version: 1,
  };
  return openSession(ctx, user, organization, async (tx) => {
    // Two first-run requests at once must not make two organizations: on PostgreSQL the table lock
    // makes the second wait and then see the first administrator (SQLite's BEGIN IMMEDIATE already does).
    if (ctx.dialect === 'postgres') await sql`lock table app_user in share row exclusive mode`.execute(tx);
    if ((await countUsers(tx)) > 0) throw new DomainError('conflict', 'This installation is already set up. Sign in instead.');
    await insertOrganization(tx, organization);
    await insertUser(tx, user);
    await audit(tx, ctx, { action: 'create', entityType: 'organization', entityId: organization.id, organizationId: organization.id, actorId: user.id, actorRole: 'admin' });
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'user', entityId: user.id, organizationId: organization.id, actorId: user.id, actorRole: 'admin', reason: 'first administrator (setup)' });
  });
}

export async function needsSetup(deps: Deps): Promise<boolean> {
  return (await countUsers(deps.db)) === 0;
}

const badLink = (kind: string) => new DomainError('gone', `This ${kind} link is not valid any more: it has expired, been used or been withdrawn. Ask your administrator for a new one.`, { field: 'token' });

export async function lookupInvitation(ctx: RequestContext, token: string): Promise<z.infer<typeof InvitationLookup>> {
  const row = await findOneTimeToken(ctx.db, token, OneTimeTokenKind.invitation);
  if (!row || tokenState(row, isoNow(ctx.clock)) !== 'pending') throw badLink('invitation');
  const organization = await findOrganization(ctx.db, row.organization_id);
  return { email: row.email, role: row.role as Role, name: row.name, organizationName: organization?.name ?? '', expiresAt: row.expires_at };
}

/** Accepting an invitation creates the account with the invited role and signs the person in. */
export async function acceptInvitation(ctx: RequestContext, body: z.infer<typeof InvitationAcceptBody>): Promise<SignedIn> {
  const invitation = await findOneTimeToken(ctx.db, body.token, OneTimeTokenKind.invitation);
  if (!invitation || tokenState(invitation, isoNow(ctx.clock)) !== 'pending') throw badLink('invitation');
  const organization = await findOrganization(ctx.db, invitation.organization_id);
  if (!organization) throw badLink('invitation');
  checkNewPassword(body.password, { email: invitation.email, name: body.name, organizationName: organization.name });
  const passwordHash = await hashPassword(body.password);
  const now = isoNow(ctx.clock);
  const user: UserRow = {
    id: newId(), organization_id: organization.id, email: invitation.email, name: body.name, role: invitation.role ?? 'clinician', status: 'active',
    password_hash: passwordHash, totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, created_at: now, updated_at: now, version: 1,
  };
  return openSession(ctx, user, organization, async (tx) => {
    if (!(await consumeOneTimeToken(tx, invitation, now))) throw badLink('invitation');
    if (await findUserByEmail(tx, invitation.email)) throw new DomainError('conflict', 'An account with this e-mail already exists. Sign in instead.', { field: 'token' });
    await insertUser(tx, user);
    await audit(tx, ctx, { action: 'create', entityType: 'user', entityId: user.id, organizationId: organization.id, actorId: user.id, actorRole: user.role, reason: 'invitation accepted' });
  });
}

/** Completing a reset sets the password and ends every session; MFA still applies at the next sign-in. */
export async function completePasswordReset(ctx: RequestContext, body: z.infer<typeof PasswordResetCompleteBody>): Promise<void> {
  const link = await findOneTimeToken(ctx.db, body.token, OneTimeTokenKind.passwordReset);
  if (!link || !link.user_id || tokenState(link, isoNow(ctx.clock)) !== 'pending') throw badLink('password reset');
  const user = await findUserById(ctx.db, link.organization_id, link.user_id);
  const organization = await findOrganization(ctx.db, link.organization_id);
  if (!user || !organization || user.status !== 'active') throw badLink('password reset');
  checkNewPassword(body.password, { email: user.email, name: user.name, organizationName: organization.name });
  const passwordHash = await hashPassword(body.password);
  await inTransaction(ctx, async (tx) => {
    const now = isoNow(ctx.clock);
    if (!(await consumeOneTimeToken(tx, link, now))) throw badLink('password reset');
    await setUserFields(tx, user.organization_id, user.id, { password_hash: passwordHash, updated_at: now });
    await endUserSessions(tx, user.organization_id, user.id, now, 'password reset');
    await audit(tx, ctx, { action: 'update', entityType: 'user-credential', entityId: user.id, organizationId: user.organization_id, actorId: user.id, actorRole: user.role, reason: 'password reset link used' });
  });
}
