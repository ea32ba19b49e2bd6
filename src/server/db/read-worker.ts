import { parentPort, workerData } from 'node:worker_threads';
import { isDomainError } from '../../domain/errors';
import type { RequestContext } from '../lib/context';
import { findAuditedReadTask, performSerializedRead } from '../lib/read-audit';
import '../read-tasks';
import { openReadOnlyDatabase } from './create-db';
import type { ReadReply, ReadRequest, ReadWorkerData, SentError } from './read-pool';

/**
 * A read worker (src/server/db/read-pool.ts): its own read-only connection and the app's own read code
 * (src/server/read-tasks.ts).
 */
const { config, pgSchema, sqliteCacheKiB } = workerData as ReadWorkerData;

const db = openReadOnlyDatabase(config, { pgSchema, sqliteCacheKiB });
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
  const outcome = await performSerializedRead(task, db, ctx, request.args);
  if (outcome.ok) return { id: request.id, ...outcome };
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
