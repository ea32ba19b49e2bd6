import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/dialects';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../../../test/support/test-app';
import { DatabaseUnavailableError, openDatabase, refuseUnsafePostgres } from './create-db';

/**
 * Opening the database safely (security-reference §8 rows 44, 48, 49): SQLite durable and patient
 * with other writers, PostgreSQL refused when it could lose acknowledged commits, and an
 * unreachable server reported in one line.
 */

/** Another connection to the same SQLite file in its own thread, as the CLI or a backup would be. */
function startSqliteWriter(file: string, count: number): Promise<{ errors: string[]; written: number }> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.modulePath);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 5000');
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const write = db.transaction((i) => {
      const { n } = db.prepare('select count(*) as n from login_throttle').get();
      db.prepare('insert into login_throttle (key, window_start, attempts) values (?, ?, ?)').run('worker-' + i, new Date(0).toISOString(), n);
    });
    const errors = [];
    let written = 0;
    for (let i = 0; i < workerData.count; i += 1) {
      try { write.immediate(i); written += 1; } catch (error) { errors.push(String(error.code || error.message)); }
      if (i % 5 === 0) Atomics.wait(pause, 0, 0, 1);
    }
    db.close();
    parentPort.postMessage({ errors, written });`;
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(source, { eval: true, workerData: { file, count, modulePath } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe.each(testDialects())('opening the database on %s', (dialect) => {
  if (dialect === 'sqlite') {
    describe('pragmas', () => {
      let test: TestDatabase;
      beforeAll(async () => {
        test = await createTestDatabase('sqlite');
      });
      afterAll(async () => test.dispose());

      it('uses WAL, synchronous=NORMAL with the WAL flushed before a commit is acknowledged, foreign keys and a busy timeout of at least 5 s', () => {
        const handle = test.sqlite!;
        expect(handle.pragma('journal_mode', { simple: true })).toBe('wal');
        // NORMAL: COMMIT does not flush; the dialect's WalSync does before the commit resolves (wal-sync.test.ts).
        expect(handle.pragma('synchronous', { simple: true })).toBe(1);
        expect(handle.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(Number(handle.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
      });

      it('enforces foreign keys', async () => {
        await expect(test.db.insertInto('client').values({
          id: 'c1', organization_id: 'no-such-organization', display_name: 'X', preferred_name: null, search_text: 'x', date_of_birth: '2000-01-01', pronouns: null,
          language: null, identifier: null, phone: null, email: null, address: null, emergency_contact_name: null, emergency_contact_phone: null,
          emergency_contact_relationship: null, clinician_id: 'nobody', status: 'active', archived_at: null, archive_reason: null, archived_by: null,
          created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', version: 1,
        }).execute()).rejects.toThrow(/FOREIGN KEY/);
      });
    });

    describe('another writer on the same file', () => {
      let t: TestApp;
      let clinician: Agent;
      beforeAll(async () => {
        t = await createTestApp('sqlite');
        const admin = await setupOrganization(t.app);
        clinician = await inviteAndAccept(t.app, admin, 'wanda@test.example', 'clinician', 'Wanda Writer');
      });
      afterAll(async () => t.close());

      it('lets 200 writes of another connection interleave with 200 audited API writes without SQLITE_BUSY', async () => {
        const file = t.db.config.database.kind === 'sqlite' ? t.db.config.database.file : '';
        const writer = startSqliteWriter(file, 200);
        const failures: string[] = [];
        await Promise.all([0, 1, 2, 3].map(async (lane) => {
          for (let i = 0; i < 50; i += 1) {
            const response = await clinician.post('/api/v1/clients', { displayName: `Writer ${lane}-${i}`, dateOfBirth: '1990-01-01' });
            if (response.statusCode !== 201) failures.push(`${response.statusCode} ${response.body}`);
          }
        }));
        const other = await writer;
        expect(failures).toEqual([]);
        expect(other.errors).toEqual([]);
        expect(other.written).toBe(200);
        const clients = await t.db.db.selectFrom('client').select('id').execute();
        expect(clients).toHaveLength(200);
        const workerRows = await t.db.db.selectFrom('login_throttle').select('key').where('key', 'like', 'worker-%').execute();
        expect(workerRows).toHaveLength(200);
        expect(t.db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
        // Still usable afterwards.
        expect((await createClient(clinician, { displayName: 'After The Storm' })).version).toBe(1);
      });
    });
  } else {
    const url = process.env.IPT_TEST_DATABASE_URL!;
    const withOptions = (options: string) => `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(options)}`;

    it('refuses a connection with synchronous_commit=off, naming the setting, and accepts the defaults', async () => {
      const unsafe = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, options: '-c synchronous_commit=off', max: 1 }) }) });
      const safe = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
      try {
        const refused = await refuseUnsafePostgres(unsafe).then(() => null, (error: unknown) => error);
        expect(refused).toBeInstanceOf(DatabaseUnavailableError);
        expect((refused as Error).message).toMatch(/synchronous_commit is off/);
        await expect(refuseUnsafePostgres(safe)).resolves.toBeUndefined();
      } finally {
        await unsafe.destroy();
        await safe.destroy();
      }
    });

    it('refuses a server that reports fsync=off (current_setting stubbed through the search path)', async () => {
      const schema = `t_fsync_stub_${process.pid}_${Date.now()}`;
      const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
      await sql`create schema ${sql.id(schema)}`.execute(admin);
      const stubbed = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema},pg_catalog` }) }) });
      try {
        await sql`create function ${sql.id(schema, 'current_setting')}(name text) returns text language sql
          as $$ select case when name = 'fsync' then 'off' else pg_catalog.current_setting(name) end $$`.execute(admin);
        const refused = await refuseUnsafePostgres(stubbed).then(() => null, (error: unknown) => error as Error);
        expect(refused).toBeInstanceOf(DatabaseUnavailableError);
        expect(refused!.message).toMatch(/fsync is off/);
        expect(refused!.message).not.toMatch(/synchronous_commit/);
      } finally {
        await stubbed.destroy();
        await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
        await admin.destroy();
      }
    });

    it('will not open a database whose connection turns synchronous_commit off', async () => {
      const opening = openDatabase({ dataDir: os.tmpdir(), database: { kind: 'postgres', url: withOptions('-c synchronous_commit=off') } });
      await expect(opening).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(opening).rejects.toThrow(/synchronous_commit/);
    });
  }
});

describe('a database that cannot be opened', () => {
  it('rejects an unreachable PostgreSQL with DatabaseUnavailableError saying why in one line', async () => {
    const opening = openDatabase({ dataDir: os.tmpdir(), database: { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test' } });
    const error = await opening.then(() => null, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error!.message).not.toContain('\n');
    expect(error!.message).toMatch(/127\.0\.0\.1:1/);
    expect(error!.message).toMatch(/ECONNREFUSED|refused/i);
  });

  it('does not print the password of an unreachable server', async () => {
    const error = await openDatabase({ dataDir: os.tmpdir(), database: { kind: 'postgres', url: 'postgres://ipt:s3cret-word@127.0.0.1:1/test' } }).then(() => null, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error!.message).not.toContain('s3cret-word');
  });

  it('rejects an SQLite file that cannot be created with DatabaseUnavailableError naming the path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-open-'));
    const blocker = path.join(dir, 'not-a-directory');
    fs.writeFileSync(blocker, 'a file where the data directory should be');
    try {
      const file = path.join(blocker, 'data', 'ipt.sqlite');
      const error = await openDatabase({ dataDir: path.dirname(file), database: { kind: 'sqlite', file } }).then(() => null, (e: unknown) => e as Error);
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(error!.message).toContain(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
