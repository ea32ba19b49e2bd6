/**
 * Worker thread for `ipt backup` (backup-snapshot.ts): opens its own read connection, joins the
 * backup's snapshot when told to (`pin`: a read transaction held until `close`), then does the jobs
 * it is sent inside that one transaction: the page copy, an integrity pragma, or ranges of the audit
 * chain. Every job therefore reads the same snapshot, whichever thread runs it.
 *
 * Plain JavaScript so a thread starts in milliseconds: only the chain walkers load TypeScript (the
 * range checks of audit-verify.ts), through tsx's require hook, which needs no loader thread of its own.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { file, walker } = workerData;
const require = createRequire(import.meta.url);
let chain = null;
if (walker) {
  // The backup ends when its slowest part does, and that is the integrity check, one thread that
  // cannot be split; the chain walk is spread over several threads and finishes sooner. Run the walkers
  // at a lower priority so the check is never the one waiting for a core. Linux sets a priority per
  // thread (/proc/thread-self names this thread's id); elsewhere they keep the normal one.
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(tid) && tid > 0) os.setPriority(tid, 10);
  } catch {
    // no per-thread priority here: the backup is only slower, not different
  }
  require('tsx/cjs/api').register();
  chain = require('../server/modules/audit/audit-verify.ts');
}

const handle = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
handle.pragma('busy_timeout = 5000');

const statements = new Map();
function rangeStatement(task) {
  const key = `${task.after === null ? '-' : 'a'}${task.upTo === null ? '-' : 'u'}`;
  let s = statements.get(key);
  if (!s) {
    s = handle.prepare(`select ${chain.AUDIT_COLUMNS_SQL} from audit_event where organization_id = ? and chain = ?${task.after === null ? '' : ' and seq > ?'}${task.upTo === null ? '' : ' and seq <= ?'} order by seq`).raw(true);
    statements.set(key, s);
  }
  return s;
}

async function run(message) {
  switch (message.kind) {
    case 'pin':
      // A deferred transaction starts reading at its first statement: from then on this connection
      // sees one snapshot, and no checkpoint moves a page that snapshot needs.
      handle.exec('begin');
      handle.prepare('select count(*) from sqlite_schema').get();
      return null;
    case 'copy': {
      // Steps of about 64 MiB keep the thread answering between them (a failed check elsewhere stops
      // the copy at the next step); the open read transaction keeps every step on the same snapshot.
      const step = Math.max(1, Math.floor(2 ** 26 / Number(handle.pragma('page_size', { simple: true }))));
      const done = await handle.backup(message.target, { progress: () => step });
      return done.totalPages;
    }
    case 'check':
      return String(handle.pragma(message.pragma, { simple: true }) ?? 'unknown');
    case 'range': {
      const { task } = message;
      const checker = new chain.RangeChecker(task.organizationId, task.chain);
      const params = [task.organizationId, task.chain];
      if (task.after !== null) params.push(task.after);
      if (task.upTo !== null) params.push(task.upTo);
      for (const row of rangeStatement(task).iterate(...params)) checker.add(chain.eventFromArray(row));
      return checker.result();
    }
    case 'close':
      if (handle.inTransaction) handle.exec('rollback');
      handle.close();
      parentPort.close();
      return null;
    default:
      throw new Error(`unknown job ${message.kind}`);
  }
}

parentPort.on('message', (message) => {
  run(message).then(
    (result) => { if (message.kind !== 'close') parentPort.postMessage({ result }); },
    (error) => parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
parentPort.postMessage({ result: 'ready' });
