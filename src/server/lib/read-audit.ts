import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from '../db/database';
import { auditEventOf, auditAll, type AuditInput } from './audit';
import type { AdmittedSession } from '../modules/auth/live-session';
import type { ReadRunner, RequestContext } from './context';
import { appendAuditEvents, appendIfHeadUnchanged, CHAINS_PER_ORGANIZATION, INSERT_CHUNK, type Head, type NewAuditEvent } from '../modules/audit/audit.repository';
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

/**
 * What a read worker hands back: the answer already serialized (with its ETag version), and the events;
 * `admitted` when the worker checked the request's session itself (decision 0003 §10).
 */
export type SerializedReadOutcome = ({ ok: true; serialized: { json: string; version: number | undefined }; events: AuditInput[] } | ReadFailure) & { admitted?: AdmittedSession | undefined };

/**
 * A read worker's answer when the session it was to check needs the event loop: a time-out to end and
 * audit, an activity touch, a refusal to audit, or no such session (decision 0003 §10).
 */
export class SessionLeftToEventLoop extends Error {
  constructor() {
    super('the read worker left the session check to the event loop');
    this.name = 'SessionLeftToEventLoop';
  }
}

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
 * starts are appended together — one commit, one disk flush — and every waiting request is released
 * only after that commit. Events arriving during a flush form the next one.
 *
 * On SQLite a flush is one transaction. On PostgreSQL the committer keeps to one chain per
 * organization and remembers that chain's head after each append, so a flush is one statement per
 * organization (appendIfHeadUnchanged) instead of four round trips; when the head has moved (another
 * process, or a write transaction of this one, appended to that chain) or is not known yet, the flush
 * locks the head in a transaction as every writer does, and remembers the head it leaves (decision
 * 0003, §9). The chain is picked at random from the upper half, which writers (who take the
 * lowest-numbered free chain) reach last, so that two server processes seldom share it.
 */
class ReadAuditCommitter {
  readonly #db: Kysely<Database>;
  readonly #dialect: RequestContext['dialect'];
  readonly #chain = CHAINS_PER_ORGANIZATION / 2 + Math.floor(Math.random() * (CHAINS_PER_ORGANIZATION / 2));
  /** PostgreSQL: each organization's head on this committer's chain, as this committer left it. */
  readonly #heads = new Map<string, Head>();
  /** How the PostgreSQL appends went: in one statement, or under the head lock in a transaction. */
  readonly appends = { oneStatement: 0, underLock: 0 };
  #queue: Waiting[] = [];
  #flushing = false;
  #scheduled = false;

  constructor(db: Kysely<Database>, dialect: RequestContext['dialect']) {
    this.#db = db;
    this.#dialect = dialect;
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
        if (this.#dialect === 'postgres') await this.#commitByOrganization(batch);
        else await this.#release(batch, () => this.#inTransaction(rowsOf(batch)));
      }
    } finally {
      this.#flushing = false;
    }
  }

  /** Releases the requests once `store` has committed their events; nothing of a failed store is kept, so none of their answers may leave. */
  async #release(waiting: readonly Waiting[], store: () => Promise<unknown>): Promise<void> {
    try {
      await store();
      for (const request of waiting) request.resolve();
    } catch (error) {
      for (const request of waiting) request.reject(error);
    }
  }

  #inTransaction(rows: NewAuditEvent[]): Promise<void> {
    return this.#db.transaction().execute((tx) => auditAll(tx, { dialect: this.#dialect }, rows));
  }

  /** PostgreSQL: one append per organization of the batch (usually there is one); each releases its own requests. */
  async #commitByOrganization(batch: readonly Waiting[]): Promise<void> {
    const groups = new Map<string | null, Array<{ request: Waiting; rows: NewAuditEvent[] }>>();
    for (const request of batch) {
      const rows = rowsOf([request]);
      // A request whose events span organizations (none do today) goes through a transaction of its own.
      const organizationId = new Set(rows.map((row) => row.organization_id)).size === 1 ? rows[0]!.organization_id : null;
      groups.set(organizationId, [...(groups.get(organizationId) ?? []), { request, rows }]);
    }
    for (const [organizationId, entries] of groups) {
      const rows = entries.flatMap((entry) => entry.rows);
      await this.#release(entries.map((entry) => entry.request), () => (organizationId === null ? this.#inTransaction(rows) : this.#appendToOwnChain(organizationId, rows)));
    }
  }

  async #appendToOwnChain(organizationId: string, rows: NewAuditEvent[]): Promise<void> {
    const known = this.#heads.get(organizationId);
    this.#heads.delete(organizationId);
    const moved = known && rows.length <= INSERT_CHUNK ? await appendIfHeadUnchanged(this.#db, organizationId, known, rows) : undefined;
    if (moved) {
      this.#heads.set(organizationId, moved);
      this.appends.oneStatement += 1;
      return;
    }
    this.appends.underLock += 1;
    const appended = await this.#db.transaction().execute((tx) => appendAuditEvents(tx, rows, 'postgres', { chain: this.#chain }));
    const last = appended[appended.length - 1]!;
    this.#heads.set(organizationId, { chain: last.chain, seq: last.seq, hash: last.hash });
  }
}

/** The audit rows of waiting requests, stamped now, in their order. */
function rowsOf(waiting: readonly Waiting[]): NewAuditEvent[] {
  return waiting.flatMap((request) => request.events.map((event) => auditEventOf(request.ctx, event)));
}

const committers = new WeakMap<object, ReadAuditCommitter>();

function committerFor(db: Kysely<Database>, dialect: RequestContext['dialect']): ReadAuditCommitter {
  let committer = committers.get(db);
  if (!committer) {
    committer = new ReadAuditCommitter(db, dialect);
    committers.set(db, committer);
  }
  return committer;
}

/** How this database's read-audit appends went on PostgreSQL (the tests check the one-statement path is taken). */
export function readAuditAppends(db: Kysely<Database>): { oneStatement: number; underLock: number } {
  return { ...(committers.get(db)?.appends ?? { oneStatement: 0, underLock: 0 }) };
}

/** Commits the outcome's events (or its denial) before anything of the answer may leave. */
async function settle<O extends ReadOutcome<unknown> | SerializedReadOutcome>(ctx: RequestContext, outcome: O): Promise<Exclude<O, ReadFailure>> {
  if (!outcome.ok) {
    if (outcome.denial) await committerFor(ctx.db, ctx.dialect).append(ctx, [outcome.denial]);
    throw outcome.error;
  }
  if (outcome.events.length > 0) await committerFor(ctx.db, ctx.dialect).append(ctx, outcome.events);
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
  // The auth hook defers a session check only to a server with read workers; checked here should that ever not hold.
  if (!ctx.readPool) await ctx.deferredSession?.checkHere();
  const outcome = await settle<ReadOutcome<T> | SerializedReadOutcome>(ctx, ctx.readPool ? await readOnWorker(ctx, ctx.readPool, task.name, args) : await performAuditedRead(task, ctx.db, ctx, args));
  if ('serialized' in outcome) return { body: new SerializedAnswer(outcome.serialized.json), version: outcome.serialized.version };
  return { body: outcome.result, version: task.version?.(outcome.result) };
}

/**
 * Runs a task on a read worker. When the request's session check was deferred to the read
 * (plugins/session-auth.ts), the worker checks it first; a session it admits becomes the request's
 * actor and session here, before any event is stamped. One it leaves to this thread is checked here
 * — ending, touching or refusing as on any route — and the read then runs as any other.
 */
async function readOnWorker(ctx: RequestContext, pool: ReadRunner, task: string, args: unknown): Promise<SerializedReadOutcome> {
  const outcome = await pool.run(task, ctx, args);
  const deferred = ctx.deferredSession;
  if (!deferred) return outcome;
  if (outcome.admitted) {
    ctx.actor = outcome.admitted.actor;
    ctx.session = outcome.admitted.session;
    ctx.deferredSession = null;
    return outcome;
  }
  await deferred.checkHere();
  return pool.run(task, ctx, args);
}
