import type { Executor } from '../../db/database';
import { addSeconds, isoNow, newId, type Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
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

export async function findLiveSessionByToken(tx: Executor, token: string): Promise<AuthSessionTable | undefined> {
  return tx.selectFrom('auth_session').selectAll().where('token_hash', '=', sha256Hex(token)).where('ended_at', 'is', null).executeTakeFirst();
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
