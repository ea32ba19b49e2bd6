import type { Kysely } from 'kysely';
import type { Database, Executor } from '../db/database';
import { auditEventOf, auditAll, type AuditInput } from './audit';
import type { RequestContext } from './context';
import { pendingDenialOf } from './transaction';

interface Waiting {
  ctx: RequestContext;
  events: AuditInput[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of read-audit events (docs/decisions/0003-audit-cost.md). Events waiting when a flush
 * starts are appended to their chains in one transaction — one commit, one disk flush — and every
 * waiting request is released only after that commit. Events arriving during a flush form the next one.
 */
class ReadAuditCommitter {
  readonly #db: Kysely<Database>;
  #queue: Waiting[] = [];
  #flushing = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  append(ctx: RequestContext, events: AuditInput[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ ctx, events, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        try {
          const rows = batch.flatMap((waiting) => waiting.events.map((event) => auditEventOf(waiting.ctx, event)));
          await this.#db.transaction().execute((tx) => auditAll(tx, batch[0]!.ctx, rows));
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          // Nothing of this batch is stored, so none of its answers may leave the server.
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}

const committers = new WeakMap<object, ReadAuditCommitter>();

function committerFor(db: Kysely<Database>): ReadAuditCommitter {
  let committer = committers.get(db);
  if (!committer) {
    committer = new ReadAuditCommitter(db);
    committers.set(db, committer);
  }
  return committer;
}

/**
 * An audited read: `work` reads through the database without taking the write lock and names its audit
 * events with `record`; the answer is returned only once those events are durably committed (group
 * commit with other reads). An access refusal marked by deniedError is audited the same way before the
 * refusal is thrown. Use only for work that changes nothing: changes keep their own transaction.
 */
export async function inAuditedRead<T>(ctx: RequestContext, work: (db: Executor, record: (event: AuditInput) => void) => Promise<T>): Promise<T> {
  const events: AuditInput[] = [];
  let result: T;
  try {
    result = await work(ctx.db, (event) => { events.push(event); });
  } catch (error) {
    const denial = pendingDenialOf(error);
    if (denial) await committerFor(ctx.db).append(ctx, [denial]);
    throw error;
  }
  if (events.length > 0) await committerFor(ctx.db).append(ctx, events);
  return result;
}
