import { parentPort, workerData } from 'node:worker_threads';
import { isDomainError } from '../../domain/errors';
import type { RequestContext } from '../lib/context';
import { findAuditedReadTask, performSerializedRead } from '../lib/read-audit';
import { admitWithoutWrites, type AdmittedSession } from '../modules/auth/live-session';
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

/**
 * Checks the session the event loop deferred to this read (decision 0003 §10). Only a session that
 * needs nothing written is admitted here; for any other, or if the look-up fails, the event loop
 * checks it itself.
 */
async function admit(toCheck: NonNullable<ReadRequest['ctx']['sessionToCheck']>, now: Date): Promise<AdmittedSession | undefined> {
  try {
    return await admitWithoutWrites(db, toCheck.token, toCheck.route, now.toISOString(), config);
  } catch {
    return undefined;
  }
}

async function answer(request: ReadRequest): Promise<ReadReply> {
  const task = findAuditedReadTask(request.task);
  if (!task) return { id: request.id, ok: false, error: { name: 'Error', message: `no audited read task named ${request.task}` }, denial: undefined };
  const now = new Date(request.ctx.nowMs);
  const admitted = request.ctx.sessionToCheck ? await admit(request.ctx.sessionToCheck, now) : undefined;
  if (request.ctx.sessionToCheck && !admitted) return { id: request.id, sessionLeftToEventLoop: true };
  const ctx: RequestContext = {
    config, db, dialect, clock: { now: () => new Date(now) }, mailer: null, notifiers: [],
    actor: admitted?.actor ?? request.ctx.actor, session: admitted?.session ?? request.ctx.session, requestId: request.ctx.requestId, sourceIp: request.ctx.sourceIp,
  };
  const outcome = await performSerializedRead(task, db, ctx, request.args);
  if (outcome.ok) return { id: request.id, ...outcome, admitted };
  return { id: request.id, ok: false, error: sent(outcome.error), denial: outcome.denial, admitted };
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
