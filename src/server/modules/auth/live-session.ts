import { isAction, roleMayEver, type Actor, type Role } from '../../../domain/access/policy';
import type { Config } from '../../config';
import type { Executor } from '../../db/database';
import type { SessionRef } from '../../lib/context';
import type { RoutePermission } from '../../plugins/route-config';
import { supervisedClinicianIds, type SessionUser } from '../users/users.repository';
import { findLiveSessionWithAccount, type LiveSessionAccount, type SessionOrganization } from './sessions.repository';

/**
 * What a looked-up session allows at a moment, decided without writing anything. Both the event loop
 * (auth.service.ts resolveSession, which then writes what the verdict asks for) and a read worker
 * (which checks the session of the read it runs, and leaves every write to the event loop) decide
 * with this one function, so the two cannot disagree.
 */
export type SessionVerdict =
  | { kind: 'ended'; reason: 'absolute time-out' | 'idle time-out' | 'account disabled' }
  | { kind: 'live'; touchDue: boolean; session: SessionRef };

/** How often a live session's last activity is written: a tenth of the idle time-out, at most a minute. */
export function sessionTouchSeconds(idleSeconds: number): number {
  return Math.max(1, Math.min(60, Math.floor(idleSeconds / 10)));
}

/** Whether the person must enrol in two-step sign-in before anything else: their organization requires it and they have not. */
export function mfaEnrolmentRequired(user: Pick<SessionUser, 'mfa_enabled'>, organization: Pick<SessionOrganization, 'require_mfa'>): boolean {
  return organization.require_mfa === 1 && !user.mfa_enabled;
}

/**
 * The idle and absolute time-outs are enforced on the server on every request (ONC 2015 Edition
 * §170.315(d)(5), automatic access time-out); a disabled account has no session. Activity is recorded
 * at most every sessionTouchSeconds (a durable write per request would double the commits of every
 * read), so the idle time-out can end a session up to that much early, never late.
 */
export function judgeSession(found: LiveSessionAccount, nowIso: string, config: Pick<Config, 'sessionIdleSeconds'>): SessionVerdict {
  const { session: row, user, organization } = found;
  const idleDeadline = new Date(Date.parse(row.last_seen_at) + config.sessionIdleSeconds * 1000).toISOString();
  if (nowIso >= row.absolute_expires_at) return { kind: 'ended', reason: 'absolute time-out' };
  if (nowIso > idleDeadline) return { kind: 'ended', reason: 'idle time-out' };
  if (user.status !== 'active') return { kind: 'ended', reason: 'account disabled' };
  const touchDue = Date.parse(nowIso) - Date.parse(row.last_seen_at) >= sessionTouchSeconds(config.sessionIdleSeconds) * 1000;
  return {
    kind: 'live', touchDue,
    session: { id: row.id, csrfToken: row.csrf_token, absoluteExpiresAt: row.absolute_expires_at, mfaEnabled: user.mfa_enabled, mfaEnrolmentRequired: mfaEnrolmentRequired(user, organization) },
  };
}

/** The actor behind a live session; a supervisor's supervisees are read with it (access rules need them). */
export async function actorOf(db: Executor, found: LiveSessionAccount): Promise<Actor> {
  const { user } = found;
  const role = user.role as Role;
  const supervised = role === 'supervisor' ? await supervisedClinicianIds(db, user.organization_id, user.id) : [];
  return { userId: user.id, organizationId: user.organization_id, role, supervisedClinicianIds: supervised };
}

/** What a route asks of a session (plugins/route-config.ts), as it can cross to a read worker. */
export interface RouteAccess {
  permission: RoutePermission;
  allowDuringMfaEnrolment: boolean;
}

/**
 * Why a live session may not use a route, or null: MFA enrolment is pending where the organization
 * requires it, or the role can never take the route's action. (The CSRF check of state-changing
 * requests stays with the request's headers in session-auth.ts.)
 */
export function routeRefusal(route: RouteAccess, role: Role, session: SessionRef): 'mfa-enrolment-required' | 'role' | null {
  if (session.mfaEnrolmentRequired && !route.allowDuringMfaEnrolment) return 'mfa-enrolment-required';
  if (isAction(route.permission) && !roleMayEver(role, route.permission)) return 'role';
  return null;
}

/** A session a read worker checked and admitted for its read. */
export interface AdmittedSession {
  actor: Actor;
  session: SessionRef;
}

/**
 * A read worker's session check: the same look-up and verdict as the event loop's, for a session that
 * needs nothing written — live, its activity recorded recently enough, and allowed on the route.
 * Anything else (no such session, a time-out to end and audit, an activity touch due, a refusal to
 * audit) gives undefined, and the event loop checks the session itself and writes what it must.
 */
export async function admitWithoutWrites(db: Executor, token: string, route: RouteAccess, nowIso: string, config: Pick<Config, 'sessionIdleSeconds'>): Promise<AdmittedSession | undefined> {
  const found = await findLiveSessionWithAccount(db, token);
  if (!found) return undefined;
  const verdict = judgeSession(found, nowIso, config);
  if (verdict.kind !== 'live' || verdict.touchDue) return undefined;
  if (routeRefusal(route, found.user.role as Role, verdict.session) !== null) return undefined;
  return { actor: await actorOf(db, found), session: verdict.session };
}
