import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import type { Database } from './database';
import { preparedStatements } from './prepared-statements';
import { ImmediateSqliteDialect } from './sqlite-immediate-dialect';
import { startWalCheckpointer } from './wal-checkpointer';
import { WalSync } from './wal-sync';

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** The raw SQLite handle, for backup and integrity checks (undefined on PostgreSQL). */
  sqlite: BetterSqlite3.Database | undefined;
  close(): Promise<void>;
}

/**
 * SQLite pragmas for clinical records: WAL, and every acknowledged commit on disk before the answer
 * leaves, so it survives power loss. With `deferredSync` the disk flush is not done inside COMMIT
 * (synchronous=NORMAL) but by the dialect's WalSync after the connection is released, shared by
 * concurrent commits and off the event loop; without it, SQLite flushes inside COMMIT (FULL).
 */
export function applySqlitePragmas(handle: BetterSqlite3.Database, options: { deferredSync?: boolean } = {}): void {
  handle.pragma('journal_mode = WAL');
  handle.pragma(options.deferredSync ? 'synchronous = NORMAL' : 'synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  applyReaderPragmas(handle);
}

/**
 * Page cache per SQLite connection, KiB: 32 MiB instead of SQLite's 2 MiB, so the pages of the
 * caseloads in use stay in memory (reads of the episode page took about 40 % less time in bench/ at
 * 10,000 clients).
 */
export const SQLITE_PAGE_CACHE_KIB = 32 * 1024;

/** What every SQLite connection gets, the read-only ones of the read workers too. */
function applyReaderPragmas(handle: BetterSqlite3.Database, cacheKiB = SQLITE_PAGE_CACHE_KIB): void {
  handle.pragma('busy_timeout = 5000');
  handle.pragma(`cache_size = -${cacheKiB}`);
}

/** A PostgreSQL pool; `readOnly` sessions refuse every write (default_transaction_read_only). */
function postgresPool(url: string, options: { max: number; schema?: string | undefined; readOnly?: boolean }): pg.Pool {
  const settings = [...(options.readOnly ? ['-c default_transaction_read_only=on'] : []), ...(options.schema ? [`-c search_path=${options.schema}`] : [])];
  const pool = new pg.Pool({ connectionString: url, max: options.max, connectionTimeoutMillis: 5000, ...(settings.length > 0 ? { options: settings.join(' ') } : {}) });
  pool.on('error', () => undefined); // an idle client's error surfaces on the next query instead of crashing
  pool.on('connect', runRepeatedQueriesPrepared);
  return pool;
}

type QueryFunction = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Sends the statements prepared-statements.ts names as named prepared statements on this connection:
 * PostgreSQL parses and plans each once per connection, then only binds and runs it. Every other
 * query goes as before. Kysely passes SQL text and values; node-postgres keeps the names it has
 * prepared per connection. (A pooler in front of PostgreSQL must support prepared statements, as
 * PgBouncer does from 1.21 with max_prepared_statements set; docs/operator-guide.md.)
 */
function runRepeatedQueriesPrepared(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  const prepared: QueryFunction = (text, values, callback) => {
    // query(text, callback) has no values to bind: it goes as it came.
    const name = typeof text === 'string' && typeof values !== 'function' ? preparedStatements.nameFor(text) : undefined;
    if (name === undefined) return query(text, values, callback);
    const config = { name, text, values };
    return callback === undefined ? query(config) : query(config, callback);
  };
  client.query = prepared as typeof client.query;
}

/**
 * A connection that cannot write, for the read workers (read-pool.ts): SQLite opened read-only with
 * the app's dialect (which keeps prepared statements; it opens no transaction here), or a small pool
 * of read-only PostgreSQL sessions. The database must exist and be migrated: the server opened it first.
 */
export function openReadOnlyDatabase(config: Pick<Config, 'database'>, options: { pgSchema?: string | undefined; pgPoolSize?: number; sqliteCacheKiB?: number } = {}): Kysely<Database> {
  if (config.database.kind === 'sqlite') {
    const handle = new BetterSqlite3(config.database.file, { readonly: true, fileMustExist: true });
    applyReaderPragmas(handle, options.sqliteCacheKiB);
    return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: handle }) });
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(config.database.url, { max: options.pgPoolSize ?? 4, schema: options.pgSchema, readOnly: true }) }) });
}

export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Opens the configured database and checks that it is reachable and safe to write clinical data to. */
export async function openDatabase(config: Pick<Config, 'database' | 'dataDir'>, options: { pgSchema?: string; pgPoolSize?: number; backgroundCheckpoints?: { onError: (message: string) => void } } = {}): Promise<OpenedDatabase> {
  if (config.database.kind === 'sqlite') {
    let handle: BetterSqlite3.Database;
    try {
      fs.mkdirSync(path.dirname(config.database.file), { recursive: true });
      handle = new BetterSqlite3(config.database.file);
    } catch (error) {
      throw new DatabaseUnavailableError(`cannot open the SQLite database at ${config.database.file}: ${(error as Error).message}`);
    }
    // An in-memory database has no WAL to flush.
    const deferredSync = !handle.memory;
    applySqlitePragmas(handle, { deferredSync });
    const walSync = deferredSync ? new WalSync(`${handle.name}-wal`) : undefined;
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: handle, ...(walSync ? { walSync } : {}) }) });
    if (options.backgroundCheckpoints && !handle.memory) {
      // The worker checkpoints; the server's connection only past ~40 MB of WAL, as a fallback.
      handle.pragma('wal_autocheckpoint = 10000');
      const checkpointer = startWalCheckpointer(handle.name, { onError: options.backgroundCheckpoints.onError });
      return { db, dialect: 'sqlite', sqlite: handle, close: async () => { await checkpointer.stop(); await db.destroy(); } };
    }
    return { db, dialect: 'sqlite', sqlite: handle, close: () => db.destroy() };
  }

  const pool = postgresPool(config.database.url, { max: options.pgPoolSize ?? 10, schema: options.pgSchema });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.pgSchema) await sql`create schema if not exists ${sql.id(options.pgSchema)}`.execute(db);
    await refuseUnsafePostgres(db);
  } catch (error) {
    await db.destroy();
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(`cannot reach PostgreSQL at ${redactUrl(config.database.url)}: ${(error as Error).message}`);
  }
  return { db, dialect: 'postgres', sqlite: undefined, close: () => db.destroy() };
}

/**
 * fsync=off risks unrecoverable corruption after an OS crash and synchronous_commit=off loses
 * acknowledged commits (security-reference §5): refuse to store clinical records on such a server.
 */
export async function refuseUnsafePostgres(db: Kysely<any>): Promise<void> {
  const problems: string[] = [];
  for (const setting of ['fsync', 'synchronous_commit'] as const) {
    const { rows } = await sql<Record<string, string>>`select current_setting(${setting}) as value`.execute(db);
    const value = rows[0]?.value;
    if (value === 'off') problems.push(`PostgreSQL setting ${setting} is off: acknowledged clinical records could be lost; turn it on`);
  }
  if (problems.length > 0) throw new DatabaseUnavailableError(problems.join('; '));
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
