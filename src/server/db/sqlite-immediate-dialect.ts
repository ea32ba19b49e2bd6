import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';
import type { WalSync } from './wal-sync';

/**
 * Kysely's SQLite driver opens transactions with a plain (deferred) BEGIN. A deferred transaction
 * that reads and then writes can fail with SQLITE_BUSY at once, ignoring the busy timeout, when
 * another connection (the CLI, a backup) wrote meanwhile. Every transaction here starts with
 * BEGIN IMMEDIATE so it takes the write lock up front and waits (busy timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #writes: WriteTracker | undefined;
  readonly #walSync: WalSync | undefined;

  constructor(config: SqliteDialectConfig, writes?: WriteTracker, walSync?: WalSync) {
    super(config);
    this.#writes = writes;
    this.#walSync = walSync;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * The single connection is handed to the next query first; then, if this lease committed a change
   * (a transaction or a lone write statement), the caller waits until the WAL is flushed, so nothing
   * is acknowledged before it is on disk, and the flush does not hold up the next query.
   */
  override async releaseConnection(): Promise<void> {
    const committed = this.#writes?.takeCommitted() ?? false;
    await super.releaseConnection();
    if (committed) await this.#walSync!.sync();
  }
}

export interface ImmediateSqliteDialectConfig extends SqliteDialectConfig {
  /** With synchronous=NORMAL: the flush every committed change waits for (see wal-sync.ts). */
  walSync?: WalSync;
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #driverConfig: SqliteDialectConfig;
  readonly #writes: WriteTracker | undefined;
  readonly #walSync: WalSync | undefined;

  constructor(config: ImmediateSqliteDialectConfig) {
    const { walSync, ...rest } = config;
    if (walSync && typeof rest.database === 'function') throw new Error('walSync needs the database handle itself');
    const writes = walSync ? new WriteTracker(rest.database as unknown as TransactionAware) : undefined;
    const cached = typeof rest.database === 'function' ? rest : { ...rest, database: withStatementCache(rest.database, 1000, writes) };
    super(cached);
    this.#driverConfig = cached;
    this.#writes = writes;
    this.#walSync = walSync;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#driverConfig, this.#writes, this.#walSync);
  }
}

interface TransactionAware {
  readonly inTransaction: boolean;
}

/**
 * Notices, per lease of the single connection, whether a statement that may change the database ran,
 * and whether the lease ended outside a transaction (so the change was committed or rolled back).
 * A rolled-back lease costs one needless flush; a committed one is never missed.
 */
class WriteTracker {
  readonly #handle: TransactionAware;
  #wrote = false;

  constructor(handle: TransactionAware) {
    this.#handle = handle;
  }

  noteStatement(sql: string, statement: SqliteStatement): void {
    // BEGIN IMMEDIATE counts as writing for SQLite (it takes the write lock) but changes nothing.
    if ((statement as { readonly?: boolean }).readonly !== true && !/^\s*begin\b/i.test(sql)) this.#wrote = true;
  }

  takeCommitted(): boolean {
    if (!this.#wrote || this.#handle.inTransaction) return false;
    this.#wrote = false;
    return true;
  }
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a small indexed query. The
 * app's queries are a bounded set of SQL texts (values are parameters), so prepared statements are
 * kept per SQL text (least recently used dropped past `size`). Kysely runs one query at a time on the
 * single connection, so a cached statement is never in use twice at once.
 */
export function withStatementCache(db: SqliteDatabase, size = 1000, writes?: WriteTracker): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = db.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      // Kysely prepares before every execution, so this sees every statement that runs.
      writes?.noteStatement(sql, statement);
      return statement;
    },
  };
}
