/**
 * Worker thread for `verifyAuditChains`: opens its own read connection, then checks the ranges it is
 * sent one at a time and posts each RangeResult back. Reads only the audit columns, in seq order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { copyOut } from './audit-verify-copy';
import { AUDIT_COLUMNS_SQL, type AuditConnection, eventFromArray, RangeChecker, type RangeResult, type RangeTask } from './audit-verify';

const connection = (workerData as { connection: AuditConnection }).connection;

type Reader = (task: RangeTask) => Promise<RangeResult>;

function sqliteReader(file: string): Reader {
  const handle = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  handle.pragma('busy_timeout = 5000');
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statement = (task: RangeTask) => {
    const key = `${task.after === null ? '-' : 'a'}${task.upTo === null ? '-' : 'u'}`;
    let s = statements.get(key);
    if (!s) {
      s = handle.prepare(`select ${AUDIT_COLUMNS_SQL} from audit_event where organization_id = ? and chain = ?${task.after === null ? '' : ' and seq > ?'}${task.upTo === null ? '' : ' and seq <= ?'} order by seq`).raw(true);
      statements.set(key, s);
    }
    return s;
  };
  return async (task) => {
    const checker = new RangeChecker(task.organizationId, task.chain);
    const params: Array<string | number> = [task.organizationId, task.chain];
    if (task.after !== null) params.push(task.after);
    if (task.upTo !== null) params.push(task.upTo);
    // One read transaction per range: iterate() streams the rows without holding them all.
    for (const row of statement(task).iterate(...params)) checker.add(eventFromArray(row as unknown[]));
    return checker.result();
  };
}

function postgresReader(url: string, searchPath: string | undefined): Reader {
  const client = new pg.Client({ connectionString: url, ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}) });
  const connected = client.connect();
  return async (task) => {
    await connected;
    const checker = new RangeChecker(task.organizationId, task.chain);
    // COPY takes no parameters: the organization id goes in as a quoted literal, the chain and bounds as integers.
    let where = `organization_id = ${client.escapeLiteral(task.organizationId)} and chain = ${integer(task.chain)}`;
    if (task.after !== null) where += ` and seq > ${integer(task.after)}`;
    if (task.upTo !== null) where += ` and seq <= ${integer(task.upTo)}`;
    // The whole range in one statement, streamed as COPY text lines: each row arrives as one string to
    // split, with no result objects or per-column decoding, so the client's time goes to hashing.
    await copyOut(client, `copy (select ${AUDIT_COLUMNS_SQL} from audit_event where ${where} order by seq) to stdout`, (fields) => checker.add(eventFromArray(fields)));
    return checker.result();
  };
}

function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer chain or seq bound: ${n}`);
  return String(n);
}

const read: Reader = connection.kind === 'sqlite' ? sqliteReader(connection.file) : postgresReader(connection.url, connection.searchPath);

parentPort!.on('message', (task: RangeTask) => {
  read(task).then(
    (result) => parentPort!.postMessage({ result }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
