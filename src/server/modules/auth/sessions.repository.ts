import type { Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import { addSeconds, isoNow, newId, type Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import type { OrganizationTable } from '../organizations/organizations.table';
import type { UserTable } from '../users/users.table';
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

export interface LiveSessionAccount {
  session: AuthSessionTable;
  user: UserTable;
  organization: OrganizationTable;
}

// Built once (db/reusable-query.ts): it runs on every signed-in request.
const liveSessionWithAccount = reusableQuery<{ tokenHash: string }, LiveSessionRow>(['tokenHash'], (db, p) => db.selectFrom('auth_session')
  .innerJoin('app_user', (join) => join.onRef('app_user.id', '=', 'auth_session.user_id').onRef('app_user.organization_id', '=', 'auth_session.organization_id'))
  .innerJoin('organization', 'organization.id', 'auth_session.organization_id')
  .selectAll('auth_session')
  .select([
    'app_user.id as u_id', 'app_user.organization_id as u_organization_id', 'app_user.email as u_email', 'app_user.name as u_name', 'app_user.role as u_role',
    'app_user.status as u_status', 'app_user.password_hash as u_password_hash', 'app_user.totp_secret as u_totp_secret',
    'app_user.totp_pending_secret as u_totp_pending_secret', 'app_user.totp_last_step as u_totp_last_step', 'app_user.last_login_at as u_last_login_at',
    'app_user.created_at as u_created_at', 'app_user.updated_at as u_updated_at', 'app_user.version as u_version',
    'organization.id as o_id', 'organization.name as o_name', 'organization.require_mfa as o_require_mfa', 'organization.settings_json as o_settings_json',
    'organization.created_at as o_created_at', 'organization.updated_at as o_updated_at', 'organization.version as o_version',
  ])
  .where('auth_session.token_hash', '=', p.tokenHash).where('auth_session.ended_at', 'is', null));

type LiveSessionRow = AuthSessionTable & { [K in keyof UserTable as `u_${K}`]: UserTable[K] } & { [K in keyof OrganizationTable as `o_${K}`]: OrganizationTable[K] };

/**
 * The live session behind a token with its user and organization, in one query: every signed-in
 * request needs all three, and one statement instead of three is a measurable share of a read.
 */
export async function findLiveSessionWithAccount(tx: Executor, token: string): Promise<LiveSessionAccount | undefined> {
  const [row] = await liveSessionWithAccount(tx, { tokenHash: sha256Hex(token) });
  if (!row) return undefined;
  const { u_id, u_organization_id, u_email, u_name, u_role, u_status, u_password_hash, u_totp_secret, u_totp_pending_secret, u_totp_last_step, u_last_login_at, u_created_at, u_updated_at, u_version,
    o_id, o_name, o_require_mfa, o_settings_json, o_created_at, o_updated_at, o_version, ...session } = row;
  // Spelled out so that a column added to either table is a type error here, not a silent omission.
  const user: Required<UserTable> = { id: u_id, organization_id: u_organization_id, email: u_email, name: u_name, role: u_role, status: u_status, password_hash: u_password_hash,
    totp_secret: u_totp_secret, totp_pending_secret: u_totp_pending_secret, totp_last_step: u_totp_last_step, last_login_at: u_last_login_at, created_at: u_created_at, updated_at: u_updated_at, version: u_version };
  const organization: Required<OrganizationTable> = { id: o_id, name: o_name, require_mfa: o_require_mfa, settings_json: o_settings_json, created_at: o_created_at, updated_at: o_updated_at, version: o_version };
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
