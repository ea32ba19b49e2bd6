import { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/errors';
import type { Config } from '../config';
import { SQLITE_PAGE_CACHE_KIB } from './create-db';
import type { ReadRunner, RequestContext } from '../lib/context';
import type { AuditInput } from '../lib/audit';
import { SessionLeftToEventLoop, type SerializedReadOutcome } from '../lib/read-audit';
import type { AdmittedSession, RouteAccess } from '../modules/auth/live-session';

/**
 * Audited reads on worker threads, each with its own read-only connection (docs/performance.md,
 * docs/decisions/0003-audit-cost.md §7). The main thread's one event loop was the server's limit: it
 * ran every query of every read. Now it keeps HTTP, the session check, every write and every audit
 * append; a worker runs the read's queries and hands back the answer and the audit events it named,
 * which the main thread commits (group commit) before the answer leaves. SQLite's WAL lets the workers
 * read beside the writer (on PostgreSQL a worker has a small read-only pool); a read starts after every
 * commit that was acknowledged before it arrived, so people always see what they saved.
 */

/** What crosses to the worker: the request's identity and the time, never the database or the mailer. */
export interface ReadRequest {
  id: number;
  task: string;
  ctx: {
    actor: RequestContext['actor'];
    session: RequestContext['session'];
    requestId: string;
    sourceIp: string | null;
    nowMs: number;
    /** The session the worker checks before the read, when the event loop deferred it (decision 0003 §10). */
    sessionToCheck: { token: string; route: RouteAccess } | undefined;
  };
  args: unknown;
}

/** An error as it crosses back: domain errors keep their code, field and problem members. */
export interface SentError {
  name: string;
  message: string;
  code?: DomainError['code'];
  field?: string | undefined;
  errors?: DomainError['errors'];
  extra?: DomainError['extra'];
}

/** A worker's answer: the task's serialized answer and events, or the error as it can cross threads. */
export type ReadReply =
  | ({ id: number } & Extract<SerializedReadOutcome, { ok: true }>)
  | { id: number; ok: false; error: SentError; denial: AuditInput | undefined; admitted?: AdmittedSession | undefined }
  | { id: number; sessionLeftToEventLoop: true };

export interface ReadWorkerData {
  config: Config;
  /** PostgreSQL: the schema on the search path (tests give each database a schema of its own). */
  pgSchema: string | undefined;
  /** SQLite: the worker's page cache, KiB (the workers share one budget). */
  sqliteCacheKiB: number;
}

function errorFromWorker(sent: SentError): Error {
  if (sent.name === 'DomainError' && sent.code) return new DomainError(sent.code, sent.message, { ...(sent.field !== undefined ? { field: sent.field } : {}), errors: sent.errors ?? [], extra: sent.extra ?? {} });
  const error = new Error(`read worker: ${sent.message}`);
  error.name = sent.name;
  return error;
}

interface Pending {
  resolve: (reply: ReadReply) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * In development and tests the server runs as TypeScript: the worker boots through the same loader.
 * The compiled server (scripts/server-build.mjs) has a compiled worker beside it.
 */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./read-worker-boot.mjs', import.meta.url) : new URL('./read-worker.mjs', import.meta.url);
}

export class ReadPool implements ReadRunner {
  readonly #data: ReadWorkerData;
  readonly #slots: Slot[] = [];
  readonly #onError: (message: string) => void;
  #nextId = 1;
  #closed = false;

  private constructor(data: ReadWorkerData, onError: (message: string) => void) {
    this.#data = data;
    this.#onError = onError;
  }

  /** Starts `size` workers and waits until each has opened its connection. */
  static async start(config: Config, options: { size: number; onError: (message: string) => void; pgSchema?: string | undefined }): Promise<ReadPool> {
    // The workers share one page-cache budget: more workers spread the same pages, not more memory.
    const pool = new ReadPool({ config, pgSchema: options.pgSchema, sqliteCacheKiB: Math.max(2048, Math.floor(SQLITE_PAGE_CACHE_KIB / Math.max(1, options.size))) }, options.onError);
    await Promise.all(Array.from({ length: options.size }, () => pool.#spawn()));
    return pool;
  }

  #spawn(): Promise<void> {
    // A worker's heap holds the app's modules and a few answers in flight: 64 MB is ample and keeps
    // the process within its memory budget. Of the process's Node flags only profiling carries over
    // (node --cpu-prof profiles the workers too).
    const execArgv = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));
    const worker = new Worker(workerEntry(), { workerData: this.#data, execArgv, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    const slot: Slot = { worker, pending: new Map() };
    this.#slots.push(slot);
    const fail = (error: Error) => {
      // A crash raises 'error' and then 'exit': the slot is replaced once.
      const index = this.#slots.indexOf(slot);
      if (index < 0) return;
      this.#slots.splice(index, 1);
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      if (!this.#closed) {
        this.#onError(`read worker stopped (${error.message}); starting another`);
        void this.#spawn().catch((spawnError: unknown) => this.#onError(`read worker could not start: ${(spawnError as Error).message}`));
      }
    };
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: ReadReply | { ready: true }) => {
        if ('ready' in message) {
          ready = true;
          resolve();
          return;
        }
        const pending = slot.pending.get(message.id);
        slot.pending.delete(message.id);
        pending?.resolve(message);
      });
      worker.on('error', (error) => (ready ? fail(error) : reject(error)));
      worker.on('exit', (code) => {
        if (!ready) reject(new Error(`read worker exited with ${code} before it was ready`));
        else fail(new Error(`exit code ${code}`));
      });
    });
  }

  async run(task: string, ctx: RequestContext, args: unknown): Promise<SerializedReadOutcome> {
    if (this.#closed) throw new Error('the read workers are stopped');
    // The least busy worker; ties go to the first.
    let slot = this.#slots[0];
    for (const candidate of this.#slots) if (slot && candidate.pending.size < slot.pending.size) slot = candidate;
    if (!slot) throw new Error('no read worker is running');
    const id = this.#nextId++;
    const request: ReadRequest = {
      id, task, args,
      ctx: {
        actor: ctx.actor, session: ctx.session, requestId: ctx.requestId, sourceIp: ctx.sourceIp, nowMs: ctx.clock.now().getTime(),
        sessionToCheck: ctx.deferredSession ? { token: ctx.deferredSession.token, route: ctx.deferredSession.route } : undefined,
      },
    };
    const reply = await new Promise<ReadReply>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage(request);
    });
    if ('sessionLeftToEventLoop' in reply) return { ok: false, error: new SessionLeftToEventLoop(), denial: undefined };
    if (reply.ok) return { ok: true, serialized: reply.serialized, events: reply.events, admitted: reply.admitted };
    return { ok: false, error: errorFromWorker(reply.error), denial: reply.denial, admitted: reply.admitted };
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Asks each worker to close its connection and end; one that does not within two seconds is stopped. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => new Promise<void>((resolve) => {
      const timer = setTimeout(() => void slot.worker.terminate().then(() => resolve()), 2000);
      slot.worker.once('exit', () => { clearTimeout(timer); resolve(); });
      slot.worker.postMessage({ close: true });
    })));
    this.#slots.length = 0;
  }
}
