import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { CHAIN_EXTENT_SQL, type ChainBreak, joinRanges, type RangeResult, type RangeTask, splitRanges } from '../server/modules/audit/audit-verify';

export type IntegrityPragma = 'quick_check' | 'integrity_check';

/** Messages to a backup worker (backup-snapshot.worker.mjs). */
export type ToWorker =
  | { kind: 'pin' }
  | { kind: 'copy'; target: string }
  | { kind: 'check'; pragma: IntegrityPragma }
  | { kind: 'range'; task: RangeTask }
  | { kind: 'close' };

/** What the snapshot held, read from the snapshot itself before the copy starts. */
export interface SnapshotFacts {
  pages: number;
  clients: number;
  users: number;
  /** Every chain head (organization, seq, hash), ordered by organization. */
  heads: Array<{ organization_id: string; seq: number; hash: string }>;
}

export interface SnapshotCopy {
  facts: SnapshotFacts;
  /** Pages the copy wrote. */
  copiedPages: number;
  integrity: string;
  auditEvents: number;
  breaks: ChainBreak[];
  /** Seconds each part took, all started together on the snapshot. */
  seconds: { copy: number; check: number; walk: number };
}

/** One worker thread with its own read connection; one request at a time. */
class SnapshotWorker {
  readonly #worker: Worker;
  #pending: { resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;
  #failure: Error | null = null;
  readonly ready: Promise<unknown>;

  constructor(file: string, walker: boolean) {
    this.#worker = new Worker(new URL('./backup-snapshot.worker.mjs', import.meta.url), { execArgv: [], workerData: { file, walker } });
    this.ready = new Promise((resolve, reject) => { this.#pending = { resolve, reject }; });
    this.ready.catch(() => undefined);
    this.#worker.on('message', (message: { result?: unknown; error?: string }) => {
      const pending = this.#pending;
      this.#pending = null;
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(message.result);
    });
    const fail = (error: Error) => {
      this.#failure ??= error;
      this.#pending?.reject(error);
      this.#pending = null;
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`backup worker stopped (exit code ${code})`)));
  }

  request<T>(message: ToWorker): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      this.#pending = { resolve: resolve as (value: unknown) => void, reject };
      this.#worker.postMessage(message);
    });
  }

  /** Ends the read transaction and the thread; a thread still busy is stopped. */
  async close(): Promise<void> {
    if (this.#failure || this.#pending) {
      await this.#worker.terminate();
      return;
    }
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage({ kind: 'close' } satisfies ToWorker);
    await exited;
  }
}

interface Extent { organization_id: string; head_seq: number | null; head_hash: string | null; min_seq: number | null; max_seq: number | null }

/**
 * Copies one snapshot of a live WAL database to `target` with SQLite's backup API and, at the same
 * time, checks that very snapshot: an integrity pragma and a walk of every audit chain (ranges on
 * `walkers` threads). Each part runs in its own worker thread on its own connection; all of those
 * connections start their read transaction while this function holds the write lock (a few
 * milliseconds, before any copying), so no commit can fall between them and they all read the same
 * snapshot, for as long as the copy and the checks take. Writers wait only for that moment; commits
 * after it go on as usual and are simply not in the backup.
 */
export async function copyAndCheckSnapshot(file: string, target: string, options: {
  pragma: IntegrityPragma;
  walkers?: number;
  rangeSize?: number;
  /** Runs once every connection holds the snapshot and writers may go on, before any copying (tests commit changes here). */
  afterPin?: () => Promise<void> | void;
}): Promise<SnapshotCopy> {
  const walkerCount = Math.max(1, options.walkers ?? os.availableParallelism());
  const rangeSize = Math.max(1, options.rangeSize ?? 250_000);
  const copier = new SnapshotWorker(file, false);
  const checker = new SnapshotWorker(file, false);
  const walkers = Array.from({ length: walkerCount }, () => new SnapshotWorker(file, true));
  const all = [copier, checker, ...walkers];
  try {
    await Promise.all(all.map((w) => w.ready));
    const { facts, extents } = await pinSnapshot(file, all);
    await options.afterPin?.();
    const tasksByOrg = extents.map((o) => (o.min_seq === null || o.max_seq === null ? [] : splitRanges(o.organization_id, Number(o.min_seq), Number(o.max_seq), rangeSize)));
    const tasks = tasksByOrg.flat();
    const results = new Array<RangeResult>(tasks.length);
    let next = 0;
    const walk = async (worker: SnapshotWorker) => {
      while (next < tasks.length) {
        const index = next;
        next += 1;
        results[index] = await worker.request<RangeResult>({ kind: 'range', task: tasks[index]! });
      }
    };
    const started = performance.now();
    const seconds = { copy: 0, check: 0, walk: 0 };
    const timed = <T>(part: keyof typeof seconds, work: Promise<T>) => work.then((value) => {
      seconds[part] = (performance.now() - started) / 1000;
      return value;
    });
    const [copiedPages, integrity] = await Promise.all([
      timed('copy', copier.request<number>({ kind: 'copy', target })),
      timed('check', checker.request<string>({ kind: 'check', pragma: options.pragma })),
      timed('walk', Promise.all(walkers.map(walk))),
    ]);
    const breaks: ChainBreak[] = [];
    let auditEvents = 0;
    let offset = 0;
    extents.forEach((o, i) => {
      const count = tasksByOrg[i]!.length;
      const head = o.head_hash !== null ? { seq: Number(o.head_seq), hash: o.head_hash } : undefined;
      const joined = joinRanges(o.organization_id, results.slice(offset, offset + count), head);
      offset += count;
      auditEvents += joined.events;
      if (joined.broken) breaks.push(joined.broken);
    });
    return { facts, copiedPages, integrity, auditEvents, breaks, seconds };
  } finally {
    await Promise.all(all.map((w) => w.close()));
  }
}

/**
 * Takes the write lock, has every worker start its read transaction, and reads the snapshot's facts
 * on a connection of its own that also started under the lock; then lets writers go on. A
 * deferred `begin` does not read yet, so each connection's first read happens under the lock.
 */
async function pinSnapshot(file: string, workers: SnapshotWorker[]): Promise<{ facts: SnapshotFacts; extents: Extent[] }> {
  const lock = new BetterSqlite3(file, { fileMustExist: true, timeout: 5000 });
  const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    let extents: Extent[];
    lock.exec('begin immediate');
    try {
      reader.exec('begin');
      extents = reader.prepare(CHAIN_EXTENT_SQL).all() as Extent[];
      await Promise.all(workers.map((w) => w.request({ kind: 'pin' })));
    } finally {
      lock.exec('rollback');
    }
    const count = (table: string) => Number((reader.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    const facts: SnapshotFacts = {
      pages: Number(reader.pragma('page_count', { simple: true })),
      clients: count('client'),
      users: count('app_user'),
      heads: reader.prepare('select organization_id, seq, hash from audit_chain_head order by organization_id').all() as SnapshotFacts['heads'],
    };
    return { facts, extents };
  } finally {
    reader.close();
    lock.close();
  }
}
