import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver opens transactions with a plain (deferred) BEGIN. A deferred transaction
 * that reads and then writes can fail with SQLITE_BUSY at once, ignoring the busy timeout, when
 * another connection (the CLI, a backup) wrote meanwhile. Every transaction here starts with
 * BEGIN IMMEDIATE so it takes the write lock up front and waits (busy timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #driverConfig: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    const cached = typeof config.database === 'function' ? config : { ...config, database: withStatementCache(config.database) };
    super(cached);
    this.#driverConfig = cached;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#driverConfig);
  }
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a small indexed query. The
 * app's queries are a bounded set of SQL texts (values are parameters), so prepared statements are
 * kept per SQL text (least recently used dropped past `size`). Kysely runs one query at a time on the
 * single connection, so a cached statement is never in use twice at once.
 */
export function withStatementCache(db: SqliteDatabase, size = 1000): SqliteDatabase {
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
      return statement;
    },
  };
}
