/**
 * Worker thread for `verifyAuditChains`: opens its own read connection, then checks the ranges it is
 * sent one at a time and posts each RangeResult back. Reads only the audit columns, in seq order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { AUDIT_COLUMNS_SQL, type AuditConnection, eventFromArray, RangeChecker, type RangeResult, type RangeTask } from './audit-verify';

const connection = (workerData as { connection: AuditConnection }).connection;
const PG_PAGE = 20_000;

type Reader = (task: RangeTask) => Promise<RangeResult>;

function sqliteReader(file: string): Reader {
  const handle = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  handle.pragma('busy_timeout = 5000');
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statement = (task: RangeTask) => {
    const key = `${task.after === null ? '-' : 'a'}${task.upTo === null ? '-' : 'u'}`;
    let s = statements.get(key);
    if (!s) {
      s = handle.prepare(`select ${AUDIT_COLUMNS_SQL} from audit_event where organization_id = ?${task.after === null ? '' : ' and seq > ?'}${task.upTo === null ? '' : ' and seq <= ?'} order by seq`).raw(true);
      statements.set(key, s);
    }
    return s;
  };
  return async (task) => {
    const checker = new RangeChecker(task.organizationId);
    const params: Array<string | number> = [task.organizationId];
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
    const checker = new RangeChecker(task.organizationId);
    let after = task.after;
    for (;;) {
      const params: Array<string | number> = [task.organizationId];
      let where = 'organization_id = $1';
      if (after !== null) where += ` and seq > $${params.push(after)}`;
      if (task.upTo !== null) where += ` and seq <= $${params.push(task.upTo)}`;
      const { rows } = await client.query<unknown[]>({ text: `select ${AUDIT_COLUMNS_SQL} from audit_event where ${where} order by seq limit ${PG_PAGE}`, values: params, rowMode: 'array' });
      for (const row of rows) checker.add(eventFromArray(row));
      if (rows.length < PG_PAGE) break;
      after = Number(rows[rows.length - 1]![2]);
    }
    return checker.result();
  };
}

const read: Reader = connection.kind === 'sqlite' ? sqliteReader(connection.file) : postgresReader(connection.url, connection.searchPath);

parentPort!.on('message', (task: RangeTask) => {
  read(task).then(
    (result) => parentPort!.postMessage({ result }),
    (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
