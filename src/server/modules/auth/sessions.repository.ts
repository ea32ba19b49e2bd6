import type { InferResult, Kysely } from 'kysely';
import type { Database, Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import { addSeconds, isoNow, newId, type Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import type { OrganizationTable } from '../organizations/organizations.table';
import { sqlFlag, type SessionUser } from '../users/users.repository';
import type { AuthSessionTable } from './auth.table';

export interface NewSession {
  token: string;
  row: AuthSessionTable;
}

/** Creates a session with a fresh 256-bit token (rotated at every sign-in); only the hash is stored. */
export async function createSession(tx: Executor, clock: Clock, user: { id: string; organization_id: string }, absoluteSeconds: number, sourceIp: string | null): Promise<NewSession> {
  const token = randomToken();
  const now = isoNow(clock);
  const row: AuthSessionTable = {
    id: newId(), token_hash: sha256Hex(token), user_id: user.id, organization_id: user.organization_id,
    csrf_token: randomToken(), created_at: now, last_seen_at: now, absolute_expires_at: addSeconds(now, absoluteSeconds),
    ended_at: null, end_reason: null, source_ip: sourceIp,
  };
  await tx.insertInto('auth_session').values(row).execute();
  return { token, row };
}

/** The session columns a request needs: the time-outs, the touch throttle and the CSRF check. */
export type LiveSession = Pick<AuthSessionTable, 'id' | 'user_id' | 'organization_id' | 'csrf_token' | 'last_seen_at' | 'absolute_expires_at'>;
/** The organization columns a request needs: its name for the session answer and whether MFA is required. */
export type SessionOrganization = Pick<OrganizationTable, 'id' | 'name' | 'require_mfa'>;

export interface LiveSessionAccount {
  session: LiveSession;
  user: SessionUser;
  organization: SessionOrganization;
}

// Built once (db/reusable-query.ts): it runs on every signed-in request. It selects no credential
// (password hash, TOTP secrets or step) and nothing a request does not use: each column costs time on
// this path, and what is never loaded cannot reach a handler or a log line.
const buildLiveSessionWithAccount = (db: Kysely<Database>, p: { tokenHash: string }) => db.selectFrom('auth_session')
  .innerJoin('app_user', (join) => join.onRef('app_user.id', '=', 'auth_session.user_id').onRef('app_user.organization_id', '=', 'auth_session.organization_id'))
  .innerJoin('organization', 'organization.id', 'auth_session.organization_id')
  .select([
    'auth_session.id', 'auth_session.user_id', 'auth_session.organization_id', 'auth_session.csrf_token', 'auth_session.last_seen_at', 'auth_session.absolute_expires_at',
    'app_user.email as u_email', 'app_user.name as u_name', 'app_user.role as u_role', 'app_user.status as u_status',
    'organization.name as o_name', 'organization.require_mfa as o_require_mfa',
  ])
  .select((eb) => eb('app_user.totp_secret', 'is not', null).as('u_mfa_enabled'))
  .where('auth_session.token_hash', '=', p.tokenHash).where('auth_session.ended_at', 'is', null);
// The row type comes from the query itself, so a column dropped from the select is a type error below.
const liveSessionWithAccount = reusableQuery<{ tokenHash: string }, InferResult<ReturnType<typeof buildLiveSessionWithAccount>>[number]>(['tokenHash'], buildLiveSessionWithAccount);

/**
 * The live session behind a token with its user and organization, in one query: every signed-in
 * request needs all three, and one statement instead of three is a measurable share of a read.
 */
export async function findLiveSessionWithAccount(tx: Executor, token: string): Promise<LiveSessionAccount | undefined> {
  const [row] = await liveSessionWithAccount(tx, { tokenHash: sha256Hex(token) });
  if (!row) return undefined;
  // Spelled out, not spread, so that a column added to a type is a type error here and a column
  // added to the select reaches no caller unless it is named here. The joins make the user's and the
  // organization's ids the session's own, so they are not selected twice.
  const session: Required<LiveSession> = { id: row.id, user_id: row.user_id, organization_id: row.organization_id, csrf_token: row.csrf_token, last_seen_at: row.last_seen_at, absolute_expires_at: row.absolute_expires_at };
  const user: Required<SessionUser> = { id: row.user_id, organization_id: row.organization_id, email: row.u_email, name: row.u_name, role: row.u_role, status: row.u_status, mfa_enabled: sqlFlag(row.u_mfa_enabled) };
  const organization: Required<SessionOrganization> = { id: row.organization_id, name: row.o_name, require_mfa: row.o_require_mfa };
  return { session, user, organization };
}

export async function touchSession(tx: Executor, sessionId: string, now: string): Promise<void> {
  await tx.updateTable('auth_session').set({ last_seen_at: now }).where('id', '=', sessionId).where('ended_at', 'is', null).execute();
}

export async function endSession(tx: Executor, sessionId: string, now: string, reason: string): Promise<void> {
  await tx.updateTable('auth_session').set({ ended_at: now, end_reason: reason }).where('id', '=', sessionId).where('ended_at', 'is', null).execute();
}

/** Ends every live session of a user at once (disabled account, password reset). */
export async function endUserSessions(tx: Executor, organizationId: string, userId: string, now: string, reason: string): Promise<number> {
  const result = await tx.updateTable('auth_session').set({ ended_at: now, end_reason: reason })
    .where('organization_id', '=', organizationId).where('user_id', '=', userId).where('ended_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
