import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { CHAIN_EXTENT_SQL, type ChainBreak, type ChainExtent, joinChains, rangesOf, type RangeResult, type RangeTask, sortChains } from '../server/modules/audit/audit-verify';

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
  /** Every chain head (organization, chain, seq, hash), ordered by organization, then chain. */
  heads: Array<{ organization_id: string; chain: number; seq: number; hash: string }>;
}

/**
 * How the copy was made: `file`, the database file itself copied by the kernel (exact because the
 * snapshot reads the main file alone, which nothing writes until the backup ends); `pages`, every page
 * through SQLite's backup API, when that could not be arranged.
 */
export type CopyMethod = 'file' | 'pages';

export interface SnapshotCopy {
  facts: SnapshotFacts;
  method: CopyMethod;
  /** Why the page copy ran instead of the file copy. */
  fallback?: string;
  /** Milliseconds writers were held while the snapshot was taken (the WAL checkpoint included). */
  writersHeldMs: number;
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

/** The database file's identity as the file copy relies on it: unchanged from the snapshot to the copy's end. */
interface FileState { size: bigint; mtimeNs: bigint; ctimeNs: bigint }

function fileState(file: string): FileState {
  const s = fs.statSync(file, { bigint: true });
  return { size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs };
}

const sameFile = (a: FileState, b: FileState) => a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

/** What pinSnapshot found: the snapshot's facts, and whether the main file alone holds it. */
interface Pinned {
  facts: SnapshotFacts;
  extents: ChainExtent[];
  /** The main file's state at the snapshot when it holds the whole snapshot; otherwise why not. */
  file: { state: FileState; bytes: number } | { reason: string };
  writersHeldMs: number;
}

/**
 * Copies one snapshot of a live WAL database to `target` and, at the same time, checks that very
 * snapshot: an integrity pragma and a walk of every audit chain (ranges on `walkers` threads). Each
 * check runs in its own worker thread on its own connection; all of those connections start their
 * read transaction while this function holds the write lock (tens of milliseconds, before any copying),
 * so no commit can fall between them and they all read the same snapshot, for as long as the copy and
 * the checks take. Writers wait only for that moment; commits after it go on as usual and are simply
 * not in the backup.
 *
 * Under the same lock the WAL is first checkpointed in full, so the snapshot is the main database file
 * alone and the copy is a kernel copy of that file (see pinSnapshot for why nothing writes the file
 * until the backup ends). If the WAL cannot be fully checkpointed in `backfillWaitMs` (a reader of
 * the server holding an older snapshot), or the file is not what the snapshot says, or it changes
 * during the copy, the pages are copied through SQLite's backup API instead, on the same snapshot.
 */
export async function copyAndCheckSnapshot(file: string, target: string, options: {
  pragma: IntegrityPragma;
  walkers?: number;
  rangeSize?: number;
  /** How long to keep trying, under the write lock, to checkpoint the whole WAL (default 1000 ms). */
  backfillWaitMs?: number;
  /** Runs once every connection holds the snapshot and writers may go on, before any copying (tests commit changes here). */
  afterPin?: () => Promise<void> | void;
  /** Runs after a file copy, before the file is checked to be unchanged (tests change it here). */
  afterFileCopy?: () => Promise<void> | void;
}): Promise<SnapshotCopy> {
  const walkerCount = Math.max(1, options.walkers ?? os.availableParallelism());
  const rangeSize = Math.max(1, options.rangeSize ?? 250_000);
  const copier = new SnapshotWorker(file, false);
  const checker = new SnapshotWorker(file, false);
  const walkers = Array.from({ length: walkerCount }, () => new SnapshotWorker(file, true));
  const all = [copier, checker, ...walkers];
  let fileCopy: ChildCopy | null = null;
  try {
    await Promise.all(all.map((w) => w.ready));
    const pinned = await pinSnapshot(file, all, options.backfillWaitMs ?? 1000);
    const { facts, extents } = pinned;
    await options.afterPin?.();
    const tasksByChain = extents.map((extent) => rangesOf(extent, rangeSize));
    const tasks = tasksByChain.flat();
    const results = new Array<RangeResult>(tasks.length);
    let next = 0;
    const walk = async (worker: SnapshotWorker) => {
      while (next < tasks.length) {
        const index = next;
        next += 1;
        results[index] = await worker.request<RangeResult>({ kind: 'range', task: tasks[index]! });
      }
    };
    let method: CopyMethod = 'state' in pinned.file ? 'file' : 'pages';
    let fallback = 'reason' in pinned.file ? pinned.file.reason : undefined;
    const copy = async (): Promise<number> => {
      if ('state' in pinned.file) {
        const { state, bytes } = pinned.file;
        fileCopy = copyInChildProcess(file, target);
        await fileCopy.done;
        fileCopy = null;
        await options.afterFileCopy?.();
        const copied = fs.statSync(target).size;
        if (copied === bytes && sameFile(fileState(file), state)) return facts.pages;
        method = 'pages';
        fallback = copied !== bytes ? `the file copy has ${copied} bytes instead of ${bytes}` : 'the database file changed during the file copy';
        fs.rmSync(target, { force: true });
      }
      return copier.request<number>({ kind: 'copy', target });
    };
    const started = performance.now();
    const seconds = { copy: 0, check: 0, walk: 0 };
    const timed = <T>(part: keyof typeof seconds, work: Promise<T>) => work.then((value) => {
      seconds[part] = (performance.now() - started) / 1000;
      return value;
    });
    const [copiedPages, integrity] = await Promise.all([
      timed('copy', copy()),
      timed('check', checker.request<string>({ kind: 'check', pragma: options.pragma })),
      timed('walk', Promise.all(walkers.map(walk))),
    ]);
    const { events: auditEvents, breaks } = joinChains(extents, tasksByChain, results);
    return { facts, method, ...(fallback !== undefined ? { fallback } : {}), writersHeldMs: pinned.writersHeldMs, copiedPages, integrity, auditEvents, breaks, seconds };
  } finally {
    await (fileCopy as ChildCopy | null)?.stop();
    await Promise.all(all.map((w) => w.close()));
  }
}

interface ChildCopy { done: Promise<void>; stop: () => Promise<void> }

/**
 * Copies the database file in a child process, with the kernel's copy (libuv's copyfile:
 * copy_file_range or sendfile on Linux), and syncs the copy. Not in this process: SQLite's locks on the database file are
 * POSIX record locks, which the kernel drops for the whole process when any descriptor of that file
 * is closed, and without its shared lock on the file this process's connections would no longer stop
 * another process closing its last connection from checkpointing the whole WAL into the file.
 */
function copyInChildProcess(source: string, target: string): ChildCopy {
  // Synced here too, while the checks still run, so the caller's sync of the finished copy is quick.
  const code = "const fs = require('node:fs'); const [source, target] = process.argv.slice(1); fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL); const fd = fs.openSync(target, 'r'); fs.fsyncSync(fd); fs.closeSync(fd);";
  let exited = false;
  const child = execFile(process.execPath, ['-e', code, source, target], { windowsHide: true });
  // The kernel's copy runs on this process's time: at a lower priority, like the chain walkers, so the
  // integrity check (the longest part) is not held up by it.
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, 10);
  } catch {
    // not permitted here: the copy keeps the normal priority
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer | string) => { stderr += String(chunk); });
  const ended = new Promise<number | null>((resolve) => child.once('close', (code) => { exited = true; resolve(code); }));
  const done = Promise.race([
    ended.then((code) => { if (code !== 0) throw new Error(`the file copy failed: ${stderr.trim() || `exit code ${code}`}`); }),
    new Promise<never>((_, reject) => child.once('error', reject)),
  ]);
  done.catch(() => undefined);
  // Stopping waits for the child to be gone, so it cannot create the file after the caller removed it.
  const stop = async () => {
    if (exited) return;
    child.kill();
    await ended;
  };
  return { done, stop };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CheckpointRow { busy: number; log: number; checkpointed: number }

/**
 * Checkpoints (PASSIVE) until every WAL frame is in the main file, or `waitMs` has passed; called
 * while the write lock is held, so no frame is added meanwhile. Returns null when done, or why not.
 * A PASSIVE checkpoint copies frames only up to the oldest reader's end mark and never waits, so a
 * reader of the server on an older snapshot holds it back until that reader's transaction ends
 * (https://sqlite.org/wal.html, "Checkpoint starvation"); hence the retries.
 */
async function checkpointWholeWal(connection: BetterSqlite3.Database, waitMs: number): Promise<string | null> {
  const deadline = performance.now() + waitMs;
  for (;;) {
    const row = (connection.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[])[0]!;
    if (row.busy === 0 && row.log === row.checkpointed) return null;
    if (performance.now() >= deadline) {
      return row.busy !== 0 || row.log < 0
        ? `the WAL could not be checkpointed within ${waitMs} ms (another checkpoint was running)`
        : `a reader held back the WAL checkpoint for ${waitMs} ms (${row.checkpointed} of ${row.log} frames in the database file)`;
    }
    await sleep(2);
  }
}

/**
 * Takes the write lock, checkpoints the whole WAL into the main file, has every worker start its read
 * transaction, and reads the snapshot's facts on a connection of its own that also started under the
 * lock; then lets writers go on. A deferred `begin` does not read yet, so each connection's first read
 * happens under the lock.
 *
 * Why the main file then holds the snapshot and does not change until the backup ends: a reader that
 * starts when every WAL frame is already in the database file (nBackfill == mxFrame) takes read-mark
 * 0 and reads the database file alone, ignoring the WAL; a checkpoint must hold read-lock 0
 * exclusively to copy any frame into the database file, so it cannot while such a reader is open
 * (https://sqlite.org/walformat.html, "WAL Locks" and "Read-Mark" in the wal-index header; SQLite's
 * wal.c, walTryBeginRead and walCheckpoint). Should a worker get another read-mark instead, its mark
 * is the end of a WAL that is fully in the file, and a checkpoint never copies frames beyond the
 * oldest reader's mark, so again nothing is written to the file. Writers append to the WAL only. The
 * copy still does not take this on trust: the file must have exactly page_count × page_size bytes at
 * the snapshot, and the same size and times after the copy.
 */
async function pinSnapshot(file: string, workers: SnapshotWorker[], backfillWaitMs: number): Promise<Pinned> {
  const lock = new BetterSqlite3(file, { fileMustExist: true, timeout: 5000 });
  const checkpointer = new BetterSqlite3(file, { fileMustExist: true, timeout: 5000 });
  const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const wal = String(checkpointer.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    // Most of the WAL goes into the file before writers are held, so little is left to do under the lock.
    if (wal) checkpointer.pragma('wal_checkpoint(PASSIVE)');
    let extents: ChainExtent[];
    let notInFile: string | null;
    let state: FileState;
    lock.exec('begin immediate');
    const locked = performance.now();
    let writersHeldMs: number;
    try {
      notInFile = wal ? await checkpointWholeWal(checkpointer, backfillWaitMs) : 'the database is not in WAL mode';
      reader.exec('begin');
      extents = sortChains(reader.prepare(CHAIN_EXTENT_SQL).all() as ChainExtent[]);
      await Promise.all(workers.map((w) => w.request({ kind: 'pin' })));
      state = fileState(file);
    } finally {
      lock.exec('rollback');
      writersHeldMs = performance.now() - locked;
    }
    const count = (table: string) => Number((reader.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    const facts: SnapshotFacts = {
      pages: Number(reader.pragma('page_count', { simple: true })),
      clients: count('client'),
      users: count('app_user'),
      heads: reader.prepare('select organization_id, chain, seq, hash from audit_chain_head order by organization_id, chain').all() as SnapshotFacts['heads'],
    };
    const bytes = facts.pages * Number(reader.pragma('page_size', { simple: true }));
    if (notInFile === null && state.size !== BigInt(bytes)) notInFile = `the database file has ${state.size} bytes, not the snapshot's ${bytes}`;
    return { facts, extents, file: notInFile === null ? { state, bytes } : { reason: notInFile }, writersHeldMs };
  } finally {
    reader.close();
    checkpointer.close();
    lock.close();
  }
}
