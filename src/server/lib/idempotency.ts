import { sql } from 'kysely';
import { DomainError } from '../../domain/errors';
import type { Tx } from '../db/database';
import { isoNow } from './clock';
import { requireActor, type RequestContext } from './context';
import { sha256Hex } from './crypto';

export interface StoredResponse<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/** Reads the Idempotency-Key header: optional, 1–200 visible ASCII characters. */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) throw new DomainError('validation', 'Idempotency-Key must be 1–200 visible ASCII characters.', { field: 'Idempotency-Key' });
  return value;
}

/**
 * Makes a create safe to retry. Inside the create's transaction: the same key with the same body
 * answers the first response again (nothing new is stored); the same key with another body is
 * refused (422). The key is stored in the same transaction as the created row, so a crash between
 * the two cannot leave one without the other.
 */
export async function withIdempotency<T>(tx: Tx, ctx: RequestContext, key: string | undefined, route: string, body: unknown, create: () => Promise<{ statusCode: number; body: T }>): Promise<StoredResponse<T>> {
  if (key === undefined) return { ...(await create()), replayed: false };
  const actor = requireActor(ctx);
  const requestHash = sha256Hex(JSON.stringify([route, body]));
  // Two requests with the same key at the same moment: on PostgreSQL the second waits here until the
  // first commits and then finds its answer (without the lock both created a record, and the second
  // key insert failed with a 500). SQLite transactions already run one at a time (BEGIN IMMEDIATE).
  if (ctx.dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`${actor.organizationId}\n${actor.userId}\n${key}`}, 0))`.execute(tx);
  }
  const existing = await tx.selectFrom('idempotency_key').selectAll()
    .where('user_id', '=', actor.userId).where('key', '=', key).where('organization_id', '=', actor.organizationId)
    .executeTakeFirst();
  if (existing) {
    if (existing.request_hash !== requestHash) {
      throw new DomainError('idempotency-mismatch', 'This Idempotency-Key was already used with a different request. Use a new key for a new request.', { field: 'Idempotency-Key' });
    }
    return { statusCode: existing.status_code, body: JSON.parse(existing.response_json) as T, replayed: true };
  }
  const result = await create();
  await tx.insertInto('idempotency_key').values({
    user_id: actor.userId, key, organization_id: actor.organizationId, route, request_hash: requestHash,
    status_code: result.statusCode, response_json: JSON.stringify(result.body), created_at: isoNow(ctx.clock),
  }).execute();
  return { ...result, replayed: false };
}
