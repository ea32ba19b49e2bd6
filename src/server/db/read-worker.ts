import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { isDomainError } from '../../domain/errors';
import type { RequestContext } from '../lib/context';
import { findAuditedReadTask, performAuditedRead } from '../lib/read-audit';
import '../read-tasks';
import type { Database } from './database';
import type { ReadReply, ReadRequest, ReadWorkerData, SentError } from './read-pool';

/**
 * A read worker (src/server/db/read-pool.ts): its own read-only connection, the app's own read code
 * (src/server/read-tasks.ts), one request at a time per query as SQLite runs them.
 */
const { config, file } = workerData as ReadWorkerData;
const handle = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
handle.pragma('busy_timeout = 5000');
// The same page cache as the main connection (create-db.ts): the caseloads in use stay in memory.
handle.pragma('cache_size = -32768');
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });

function sent(error: unknown): SentError {
  if (isDomainError(error)) return { name: error.name, message: error.message, code: error.code, field: error.field, errors: error.errors, extra: error.extra };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

async function answer(request: ReadRequest): Promise<ReadReply> {
  const task = findAuditedReadTask(request.task);
  if (!task) return { id: request.id, ok: false, error: { name: 'Error', message: `no audited read task named ${request.task}` }, denial: undefined };
  const now = new Date(request.ctx.nowMs);
  const ctx: RequestContext = {
    config, db, dialect: 'sqlite', clock: { now: () => new Date(now) }, mailer: null, notifiers: [],
    actor: request.ctx.actor, session: request.ctx.session, requestId: request.ctx.requestId, sourceIp: request.ctx.sourceIp,
  };
  const outcome = await performAuditedRead(task, db, ctx, request.args);
  if (outcome.ok) return { id: request.id, ok: true, result: outcome.result, events: outcome.events };
  return { id: request.id, ok: false, error: sent(outcome.error), denial: outcome.denial };
}

parentPort!.on('message', (request: ReadRequest) => {
  void answer(request).then((reply) => {
    try {
      parentPort!.postMessage(reply);
    } catch (error) {
      // An answer that cannot be cloned is a programming error; say so instead of leaving the request hanging.
      parentPort!.postMessage({ id: request.id, ok: false, error: sent(error), denial: undefined } satisfies ReadReply);
    }
  });
});
parentPort!.postMessage({ ready: true });
