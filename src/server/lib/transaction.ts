import type { DomainError } from '../../domain/errors';
import type { Tx } from '../db/database';
import { audit, type AuditInput } from './audit';
import type { RequestContext } from './context';

const pendingDenials = new WeakMap<object, AuditInput>();

/** Marks an access refusal so the denial is audited after the refused transaction rolls back. */
export function deniedError(error: DomainError, event: AuditInput): DomainError {
  pendingDenials.set(error, { ...event, action: 'denied', outcome: 'denied' });
  return error;
}

/** The denial event marked on an access refusal, if it is one (for read paths that audit outside a transaction). */
export function pendingDenialOf(error: unknown): AuditInput | undefined {
  return typeof error === 'object' && error !== null ? pendingDenials.get(error) : undefined;
}

/**
 * Runs one unit of work in a write transaction (BEGIN IMMEDIATE on SQLite). The audit events written
 * inside commit or roll back with the change. A refusal marked by deniedError is recorded in its own
 * transaction after the rollback, so denials are audited too.
 */
export async function inTransaction<T>(ctx: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(work);
  } catch (error) {
    const denial = typeof error === 'object' && error !== null ? pendingDenials.get(error) : undefined;
    if (denial) await ctx.db.transaction().execute((tx) => audit(tx, ctx, denial));
    throw error;
  }
}
