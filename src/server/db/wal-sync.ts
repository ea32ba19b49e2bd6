import fsCallback from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** Flushes one file (and, the first time, its directory entry) to stable storage. */
export type FileSync = (file: string) => Promise<void>;

let directoriesSynced = new Set<string>();

const open = promisify(fsCallback.open);
const fdatasync = promisify(fsCallback.fdatasync);
const fsync = promisify(fsCallback.fsync);
const close = promisify(fsCallback.close);

/**
 * fdatasync of the WAL file on libuv's thread pool. On Linux an fsync covers every dirty page of the
 * file, whichever descriptor wrote it, so opening the file anew each time is enough and never holds
 * a descriptor to a WAL file SQLite has since replaced. The directory is synced once so the WAL's own
 * entry survives a power cut too. Plain descriptors rather than FileHandle objects: this runs for
 * every group of commits, and a FileHandle costs the event loop several times more to open and close.
 */
export const syncFileToDisk: FileSync = async (file) => {
  const fd = await open(file, 'r');
  try {
    await fdatasync(fd);
  } finally {
    await close(fd);
  }
  const directory = path.dirname(file);
  if (!directoriesSynced.has(directory)) {
    const dir = await open(directory, 'r');
    try {
      await fsync(dir);
    } finally {
      await close(dir);
    }
    directoriesSynced = new Set(directoriesSynced).add(directory);
  }
};

/**
 * Group commit at the disk (docs/decisions/0003-audit-cost.md). SQLite runs with synchronous=NORMAL,
 * so COMMIT writes the transaction's WAL frames without waiting for the disk; before the transaction
 * is acknowledged, `sync()` waits for an fdatasync of the WAL that *started after* that commit. One
 * fdatasync covers every commit written before it began, so concurrent transactions share a flush,
 * and the flush runs off the event loop instead of blocking it for every commit as synchronous=FULL
 * does (better-sqlite3 is synchronous). What is acknowledged is on disk exactly as with FULL:
 * checkpoints under NORMAL still sync the WAL before and the database file after copying.
 */
export class WalSync {
  readonly #file: string;
  readonly #syncFile: FileSync;
  #inFlight: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  #flushes = 0;

  constructor(walFile: string, syncFile: FileSync = syncFileToDisk) {
    this.#file = walFile;
    this.#syncFile = syncFile;
  }

  /** Number of flushes started so far (for tests and benchmarks). */
  get flushes(): number {
    return this.#flushes;
  }

  /** Resolves once everything committed before this call is on stable storage. */
  sync(): Promise<void> {
    // A flush already waiting to start will begin after this call, so it covers this commit too.
    if (this.#queued) return this.#queued;
    if (!this.#inFlight) return this.#start();
    // The flush in flight may have begun before this commit's frames were written: wait for the next.
    const next = this.#inFlight.catch(() => undefined).then(() => {
      this.#queued = null;
      return this.#start();
    });
    this.#queued = next;
    return next;
  }

  #start(): Promise<void> {
    this.#flushes += 1;
    const flush = this.#syncFile(this.#file).finally(() => {
      if (this.#inFlight === flush) this.#inFlight = null;
    });
    this.#inFlight = flush;
    return flush;
  }
}
