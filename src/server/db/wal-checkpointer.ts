import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointResult {
  /** Frames in the WAL when the checkpoint ran. */
  log: number;
  /** Frames copied into the database file. */
  checkpointed: number;
}

export interface WalCheckpointer {
  /** Checkpoints completed so far (for tests and benchmarks). */
  readonly completed: number;
  /** The newest result, or null before the first. */
  readonly last: CheckpointResult | null;
  stop(): Promise<void>;
}

/**
 * Runs in its own thread with its own connection: a PASSIVE checkpoint copies committed WAL frames
 * into the database file without blocking readers or writers, and does its two disk flushes here.
 * Plain JavaScript so it runs from the TypeScript sources and from the compiled bundle alike.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Keeps SQLite's checkpoints off the server's event loop. SQLite normally checkpoints inside the
 * COMMIT that pushes the WAL past `wal_autocheckpoint` pages, and better-sqlite3 runs that on the
 * calling thread: every thousand pages one request stalled for two disk flushes and the copy.
 * Here a worker thread checkpoints every `intervalMs`; the server's own connection keeps a much
 * higher automatic threshold only as a fallback should the worker fall behind or fail (so the WAL
 * can never grow without bound). Failures are reported through `onError` and never stop the server.
 */
export function startWalCheckpointer(file: string, options: { intervalMs?: number; onError?: (message: string) => void } = {}): WalCheckpointer {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, modulePath, intervalMs: options.intervalMs ?? 500 } });
  worker.unref();
  const state = { completed: 0, last: null as CheckpointResult | null };
  worker.on('message', (message: { ok: true; log: number; checkpointed: number } | { ok: false; message: string }) => {
    if (message.ok) {
      state.completed += 1;
      state.last = { log: message.log, checkpointed: message.checkpointed };
    } else {
      options.onError?.(`background checkpoint failed: ${message.message}`);
    }
  });
  worker.on('error', (error) => options.onError?.(`background checkpointer stopped: ${error.message}`));
  let stopped: Promise<void> | undefined;
  return {
    get completed() { return state.completed; },
    get last() { return state.last; },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (worker.threadId === -1) return resolve();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        // A checkpoint in progress finishes first; past that, end the thread.
        setTimeout(() => void worker.terminate(), 5000).unref();
      });
      return stopped;
    },
  };
}
