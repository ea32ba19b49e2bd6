import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { loadConfig, type Config } from '../../src/server/config';
import { openDatabase, type OpenedDatabase } from '../../src/server/db/create-db';
import type { Database } from '../../src/server/db/database';
import { migrateToLatest } from '../../src/server/db/migrator';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The dialects integration tests run on: SQLite always; PostgreSQL too when
 * IPT_TEST_DATABASE_URL is set (always in CI). Under CI the URL must be set for the PostgreSQL run.
 */
export function testDialects(): Dialect[] {
  return process.env.IPT_TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase extends OpenedDatabase {
  config: Config;
  dataDir: string;
  /** PostgreSQL: the schema this database lives in. */
  schema: string | undefined;
  /** Drops what the test made (the PostgreSQL schema, the SQLite directory). */
  dispose(): Promise<void>;
}

/**
 * PostgreSQL test schemas share one database. The migrator looks its tables up across the whole
 * catalog, and a schema another test drops during that look-up fails it ("schema … does not exist").
 * Migrations hold a shared advisory lock, drops an exclusive one, so no schema is dropped while any
 * test migrates (migrations still run side by side).
 */
const SCHEMA_CHANGES_LOCK = 0x1b7_5c4e;
async function whileHolding<T>(db: Kysely<Database>, mode: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    if (mode === 'shared') await sql`select pg_advisory_lock_shared(${SCHEMA_CHANGES_LOCK})`.execute(connection);
    else await sql`select pg_advisory_lock(${SCHEMA_CHANGES_LOCK})`.execute(connection);
    try {
      return await work();
    } finally {
      if (mode === 'shared') await sql`select pg_advisory_unlock_shared(${SCHEMA_CHANGES_LOCK})`.execute(connection);
      else await sql`select pg_advisory_unlock(${SCHEMA_CHANGES_LOCK})`.execute(connection);
    }
  });
}

/** A fresh, migrated database: a temporary SQLite file, or a PostgreSQL schema of its own. */
export async function createTestDatabase(dialect: Dialect, env: Record<string, string> = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-test-'));
  const url = process.env.IPT_TEST_DATABASE_URL;
  if (dialect === 'postgres' && !url) throw new Error('IPT_TEST_DATABASE_URL is not set');
  const config = loadConfig({ IPT_DATA_DIR: dataDir, IPT_LOG_LEVEL: 'silent', IPT_PORT: '0', ...(dialect === 'postgres' ? { DATABASE_URL: url } : {}), ...env });
  const schema = dialect === 'postgres' ? `t_${path.basename(dataDir).replace(/[^a-z0-9]/gi, '').toLowerCase()}` : undefined;
  const opened = await openDatabase(config, { pgSchema: schema, pgPoolSize: 4 });
  if (schema) await whileHolding(opened.db, 'shared', () => migrateToLatest(opened.db, { schema }));
  else await migrateToLatest(opened.db);
  return {
    ...opened, config, dataDir, schema,
    dispose: async () => {
      if (schema) await whileHolding(opened.db, 'exclusive', () => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(opened.db)).catch(() => undefined);
      await opened.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The database's own tables (on PostgreSQL those of its schema only: the catalog lists every test's
 * schema, and one dropped by a test finishing meanwhile would fail a catalog-wide look-up).
 */
async function tableNames(t: TestDatabase): Promise<string[]> {
  const { rows } = t.schema
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${t.schema} and table_type = 'BASE TABLE'`.execute(t.db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite!_%' escape '!'`.execute(t.db);
  return rows.map((r) => r.name).sort();
}

/**
 * Every stored row outside the given tables and the migration bookkeeping, as sorted text per table:
 * two snapshots are equal when nothing of it changed.
 */
export async function storedRows(t: TestDatabase, skip: ReadonlySet<string>): Promise<Record<string, string>> {
  const rows: Record<string, string> = {};
  for (const name of await tableNames(t)) {
    if (skip.has(name) || name.startsWith('ipt_migration')) continue;
    rows[name] = JSON.stringify((await t.db.selectFrom(name as 'client').selectAll().execute()).map((x) => JSON.stringify(x)).sort());
  }
  return rows;
}
