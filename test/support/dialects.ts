import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/server/config';
import { openDatabase, type OpenedDatabase } from '../../src/server/db/create-db';
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

/** A fresh, migrated database: a temporary SQLite file, or a PostgreSQL schema of its own. */
export async function createTestDatabase(dialect: Dialect, env: Record<string, string> = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-test-'));
  const url = process.env.IPT_TEST_DATABASE_URL;
  if (dialect === 'postgres' && !url) throw new Error('IPT_TEST_DATABASE_URL is not set');
  const config = loadConfig({ IPT_DATA_DIR: dataDir, IPT_LOG_LEVEL: 'silent', IPT_PORT: '0', ...(dialect === 'postgres' ? { DATABASE_URL: url } : {}), ...env });
  const schema = dialect === 'postgres' ? `t_${path.basename(dataDir).replace(/[^a-z0-9]/gi, '').toLowerCase()}` : undefined;
  const opened = await openDatabase(config, { pgSchema: schema, pgPoolSize: 4 });
  await migrateToLatest(opened.db, { schema });
  return {
    ...opened, config, dataDir, schema,
    dispose: async () => {
      if (schema) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(opened.db).catch(() => undefined);
      await opened.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
