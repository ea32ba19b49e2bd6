import type { Executor } from '../../db/database';
import { addSeconds, isoNow, newId, type Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import type { OneTimeTokenTable } from './auth.table';

export const OneTimeTokenKind = { invitation: 'invitation', passwordReset: 'password-reset' } as const;
export type OneTimeTokenKind = (typeof OneTimeTokenKind)[keyof typeof OneTimeTokenKind];

/** Invitations last 72 hours (issue #2); reset links 24 hours. */
export const TOKEN_LIFETIME_SECONDS: Record<OneTimeTokenKind, number> = { invitation: 72 * 3600, 'password-reset': 24 * 3600 };

export async function issueOneTimeToken(tx: Executor, clock: Clock, input: Omit<OneTimeTokenTable, 'id' | 'token_hash' | 'created_at' | 'expires_at' | 'used_at' | 'revoked_at'>): Promise<{ token: string; row: OneTimeTokenTable }> {
  const token = randomToken();
  const now = isoNow(clock);
  const row: OneTimeTokenTable = {
    ...input, id: newId(), token_hash: sha256Hex(token), created_at: now,
    expires_at: addSeconds(now, TOKEN_LIFETIME_SECONDS[input.kind as OneTimeTokenKind]), used_at: null, revoked_at: null,
  };
  await tx.insertInto('one_time_token').values(row).execute();
  return { token, row };
}

export async function findOneTimeToken(tx: Executor, token: string, kind: OneTimeTokenKind): Promise<OneTimeTokenTable | undefined> {
  return tx.selectFrom('one_time_token').selectAll().where('token_hash', '=', sha256Hex(token)).where('kind', '=', kind).executeTakeFirst();
}

/** Marks a token used only if it still was unused: a second use of the same link loses the race. */
export async function consumeOneTimeToken(tx: Executor, token: Pick<OneTimeTokenTable, 'id' | 'organization_id'>, now: string): Promise<boolean> {
  const result = await tx.updateTable('one_time_token').set({ used_at: now }).where('organization_id', '=', token.organization_id).where('id', '=', token.id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function tokenState(row: OneTimeTokenTable, now: string): 'pending' | 'accepted' | 'expired' | 'revoked' {
  if (row.used_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  if (row.expires_at <= now) return 'expired';
  return 'pending';
}
