import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from '../db/database';
import { auditEventOf, auditAll, type AuditInput } from './audit';
import type { RequestContext } from './context';
import { pendingDenialOf } from './transaction';

/** The work of an audited read: reads through `db` only, names its audit events with `record`. */
export type AuditedReadWork<A, T> = (db: Executor, ctx: RequestContext, args: A, record: (event: AuditInput) => void) => Promise<T>;

/**
 * An audited read with a name, so it can run on a read worker (src/server/db/read-pool.ts): the
 * worker finds the same work by name in its own copy of the modules. Its arguments and result must
 * survive structured cloning (plain data).
 */
export interface AuditedReadTask<A, T> {
  readonly name: string;
  readonly work: AuditedReadWork<A, T>;
  /**
   * The route's answer schema (the same one its response schema names): a read worker encodes and
   * serializes the answer with it, so the event loop neither rebuilds the object from the thread
   * message nor encodes and stringifies it.
   */
  readonly response: AnswerSchema<T>;
  /** The version an answer's ETag carries, for answers that have one. */
  readonly version?: ((result: T) => number) | undefined;
}

/** A response schema whose parsed value is T (what the route returns). */
export type AnswerSchema<T> = z.ZodType<T>;

/**
 * An answer already encoded with its route's response schema and serialized as JSON, by a read
 * worker. The app's serializer (app.ts) sends its text as it is.
 */
export class SerializedAnswer {
  constructor(readonly json: string) {}
}

/** Encodes and serializes as the route's serializer does (fastify-type-provider-zod: encode, then JSON.stringify). */
export function serializeAnswer<T>(schema: AnswerSchema<T>, result: T): string {
  const encoded = z.safeEncode(schema, result);
  if (!encoded.success) throw new Error(`the answer does not match its response schema: ${encoded.error.message}`);
  return JSON.stringify(encoded.data);
}

const readTasks = new Map<string, AuditedReadTask<unknown, unknown>>();

/** Declares (and registers, once per module copy) an audited read that a read worker may run. */
export function auditedReadTask<A, T>(name: string, work: AuditedReadWork<A, T>, answer: { response: AnswerSchema<T>; version?: (result: T) => number }): AuditedReadTask<A, T> {
  const task: AuditedReadTask<A, T> = { name, work, response: answer.response, version: answer.version };
  if (readTasks.has(name)) throw new Error(`audited read task ${name} is declared twice`);
  readTasks.set(name, task as AuditedReadTask<unknown, unknown>);
  return task;
}

/** The task declared under `name` in this thread's modules, if any. */
export function findAuditedReadTask(name: string): AuditedReadTask<unknown, unknown> | undefined {
  return readTasks.get(name);
}

/** A refused or failed read: the error to throw, and the denial event to audit first when it is a refusal. */
export type ReadFailure = { ok: false; error: unknown; denial: AuditInput | undefined };

/** What an audited read hands back on the main thread: the task's answer and the audit events it named. */
export type ReadOutcome<T> = { ok: true; result: T; events: AuditInput[] } | ReadFailure;

/** What a read worker hands back: the answer already serialized (with its ETag version), and the events. */
export type SerializedReadOutcome = { ok: true; serialized: { json: string; version: number | undefined }; events: AuditInput[] } | ReadFailure;

/** Runs a task's work here, collecting its events instead of committing them. */
export async function performAuditedRead<A, T>(task: AuditedReadTask<A, T>, db: Executor, ctx: RequestContext, args: A): Promise<ReadOutcome<T>> {
  const events: AuditInput[] = [];
  try {
    const result = await task.work(db, ctx, args, (event) => { events.push(event); });
    return { ok: true, result, events };
  } catch (error) {
    return { ok: false, error, denial: pendingDenialOf(error) };
  }
}

/** The read worker's side: performAuditedRead, with the answer encoded and serialized by the task's response schema. */
export async function performSerializedRead<A, T>(task: AuditedReadTask<A, T>, db: Executor, ctx: RequestContext, args: A): Promise<SerializedReadOutcome> {
  const outcome = await performAuditedRead(task, db, ctx, args);
  if (!outcome.ok) return outcome;
  try {
    return { ok: true, serialized: { json: serializeAnswer(task.response, outcome.result), version: task.version?.(outcome.result) }, events: outcome.events };
  } catch (error) {
    return { ok: false, error, denial: undefined };
  }
}

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
  #scheduled = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  append(ctx: RequestContext, events: AuditInput[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ ctx, events, resolve, reject });
      if (this.#flushing || this.#scheduled) return;
      // A flush starts once the event loop has handled what is already waiting (the read workers'
      // answers arrive in bursts): on SQLite a transaction runs to its COMMIT without yielding, so a
      // flush started at once would nearly always hold a single event, one commit per read.
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        void this.#flush();
      });
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

/** Commits the outcome's events (or its denial) before anything of the answer may leave. */
async function settle<O extends ReadOutcome<unknown> | SerializedReadOutcome>(ctx: RequestContext, outcome: O): Promise<Exclude<O, ReadFailure>> {
  if (!outcome.ok) {
    if (outcome.denial) await committerFor(ctx.db).append(ctx, [outcome.denial]);
    throw outcome.error;
  }
  if (outcome.events.length > 0) await committerFor(ctx.db).append(ctx, outcome.events);
  return outcome as Exclude<O, ReadFailure>;
}

/** A route's answer to an audited read: the body to send (an object, or JSON a read worker made) and its ETag version. */
export interface ReadAnswer<T> {
  body: T | SerializedAnswer;
  version: number | undefined;
}

/**
 * Runs an audited read task for a route that sends its answer as it is: on a read worker when the
 * server has them (the main thread keeps HTTP, the session check, the audit appends and every write),
 * which encodes and serializes the answer with the task's response schema off the event loop;
 * otherwise here, returning the object for the route's serializer. The bytes sent are the same either
 * way. The work reads without taking the write lock and names its audit events; the answer is
 * returned only once those events are durably committed (group commit with other reads). An access
 * refusal marked by deniedError is audited the same way before the refusal is thrown. Only for work
 * that changes nothing: changes keep their own transaction.
 */
export async function answerAuditedRead<A, T>(ctx: RequestContext, task: AuditedReadTask<A, T>, args: A): Promise<ReadAnswer<T>> {
  const outcome = await settle<ReadOutcome<T> | SerializedReadOutcome>(ctx, ctx.readPool ? await ctx.readPool.run(task.name, ctx, args) : await performAuditedRead(task, ctx.db, ctx, args));
  if ('serialized' in outcome) return { body: new SerializedAnswer(outcome.serialized.json), version: outcome.serialized.version };
  return { body: outcome.result, version: task.version?.(outcome.result) };
}
