import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { isDomainError } from '../../domain/errors';
import type { RequestContext } from '../lib/context';
import { findAuditedReadTask, performAuditedRead } from '../lib/read-audit';
import '../read-tasks';
import type { Database } from './database';
import type { ReadReply, ReadRequest, ReadWorkerData, SentError } from './read-pool';
import { ImmediateSqliteDialect } from './sqlite-immediate-dialect';

/**
 * A read worker (src/server/db/read-pool.ts): its own read-only connection and the app's own read code
 * (src/server/read-tasks.ts).
 */
const { config, pgSchema } = workerData as ReadWorkerData;

/** A connection that cannot write: SQLite opened read-only, PostgreSQL sessions read-only by default. */
function openReadOnly(): Kysely<Database> {
  if (config.database.kind === 'sqlite') {
    const handle = new BetterSqlite3(config.database.file, { readonly: true, fileMustExist: true });
    handle.pragma('busy_timeout = 5000');
    // The same page cache as the main connection (create-db.ts): the caseloads in use stay in memory.
    handle.pragma('cache_size = -32768');
    // The app's SQLite dialect keeps each prepared statement (decision 0003 §2): preparing anew took a
    // sixth of a worker's time. It never opens a transaction here, so its BEGIN IMMEDIATE never runs.
    return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: handle }) });
  }
  const settings = ['-c default_transaction_read_only=on', ...(pgSchema ? [`-c search_path=${pgSchema}`] : [])].join(' ');
  const pool = new pg.Pool({ connectionString: config.database.url, max: 4, connectionTimeoutMillis: 5000, options: settings });
  pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead of ending the worker
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

const db = openReadOnly();
const dialect = config.database.kind;

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
    config, db, dialect, clock: { now: () => new Date(now) }, mailer: null, notifiers: [],
    actor: request.ctx.actor, session: request.ctx.session, requestId: request.ctx.requestId, sourceIp: request.ctx.sourceIp,
  };
  const outcome = await performAuditedRead(task, db, ctx, request.args);
  if (outcome.ok) return { id: request.id, ok: true, result: outcome.result, events: outcome.events };
  return { id: request.id, ok: false, error: sent(outcome.error), denial: outcome.denial };
}

parentPort!.on('message', (request: ReadRequest | { close: true }) => {
  if ('close' in request) {
    // Closing the connection and the port lets the thread end on its own (and flush a --cpu-prof profile).
    void db.destroy().finally(() => parentPort!.close());
    return;
  }
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
