import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { applySqlitePragmas } from './create-db';
import { ImmediateSqliteDialect } from './sqlite-immediate-dialect';
import { WalSync, syncFileToDisk } from './wal-sync';

/** A flush the test finishes by hand, recording the order of events. */
function manualSync(log: string[]) {
  const pending: Array<() => void> = [];
  const syncFile = (file: string) => new Promise<void>((resolve) => {
    log.push(`flush ${path.basename(file)}`);
    pending.push(() => {
      log.push('flushed');
      resolve();
    });
  });
  return { syncFile, finishNext: () => pending.shift()!(), get waiting() { return pending.length; } };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WalSync', () => {
  it('starts one flush for a lone caller and resolves when it ends', async () => {
    const log: string[] = [];
    const manual = manualSync(log);
    const wal = new WalSync('/x/db.sqlite-wal', manual.syncFile);
    let done = false;
    const p = wal.sync().then(() => { done = true; });
    await tick();
    expect(done).toBe(false);
    manual.finishNext();
    await p;
    expect(wal.flushes).toBe(1);
  });

  it('makes a caller that arrives during a flush wait for the next flush, and lets later arrivals share it', async () => {
    const log: string[] = [];
    const manual = manualSync(log);
    const wal = new WalSync('/x/db.sqlite-wal', manual.syncFile);
    const first = wal.sync();
    const resolved: string[] = [];
    const second = wal.sync().then(() => resolved.push('second'));
    const third = wal.sync().then(() => resolved.push('third'));
    await tick();
    expect(wal.flushes).toBe(1);
    manual.finishNext();
    await first;
    await tick();
    // The first flush may have begun before the second and third commits were written: not enough.
    expect(resolved).toEqual([]);
    expect(wal.flushes).toBe(2);
    manual.finishNext();
    await Promise.all([second, third]);
    expect(resolved.sort()).toEqual(['second', 'third']);
    expect(wal.flushes).toBe(2);
  });

  it('passes a failed flush on to its callers, and the next caller gets a fresh flush', async () => {
    let fail = true;
    const wal = new WalSync('/x/db.sqlite-wal', async () => {
      if (fail) throw new Error('EIO');
    });
    await expect(wal.sync()).rejects.toThrow('EIO');
    fail = false;
    await expect(wal.sync()).resolves.toBeUndefined();
    expect(wal.flushes).toBe(2);
  });

  it('flushes a real file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-walsync-'));
    const file = path.join(dir, 'f');
    fs.writeFileSync(file, 'x');
    await expect(syncFileToDisk(file)).resolves.toBeUndefined();
    await expect(syncFileToDisk(path.join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('a SQLite commit is acknowledged only after the WAL flush', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-walsync-'));
    dirs.push(dir);
    const handle = new BetterSqlite3(path.join(dir, 'db.sqlite'));
    applySqlitePragmas(handle, { deferredSync: true });
    handle.exec('create table t (v text)');
    const log: string[] = [];
    const manual = manualSync(log);
    const wal = new WalSync(`${handle.name}-wal`, manual.syncFile);
    const db = new Kysely<{ t: { v: string } }>({ dialect: new ImmediateSqliteDialect({ database: handle, walSync: wal }) });
    return { db, handle, log, manual, wal };
  }

  it('holds a transaction and a lone insert until the flush, but frees the connection for other queries meanwhile', async () => {
    const { db, log, manual, wal } = open();
    let committed = false;
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'a' }).execute();
    }).then(() => { committed = true; log.push('acknowledged'); });
    await tick();
    expect(manual.waiting).toBe(1);
    expect(committed).toBe(false);
    // The row is committed in the database, and the next query runs while the flush is pending.
    const rows = await db.selectFrom('t').selectAll().execute();
    expect(rows).toEqual([{ v: 'a' }]);
    manual.finishNext();
    await tx;
    expect(log).toEqual(['flush db.sqlite-wal', 'flushed', 'acknowledged']);

    let lone = false;
    const insert = db.insertInto('t').values({ v: 'b' }).execute().then(() => { lone = true; });
    await tick();
    expect(lone).toBe(false);
    manual.finishNext();
    await insert;
    expect(wal.flushes).toBe(2);
    await db.destroy();
  });

  it('does not flush for reads or read-only transactions', async () => {
    const { db, wal, handle } = open();
    await db.selectFrom('t').selectAll().execute();
    await db.transaction().execute(async (trx) => trx.selectFrom('t').selectAll().execute());
    await sql`select 1`.execute(db);
    expect(wal.flushes).toBe(0);
    expect(handle.pragma('synchronous', { simple: true })).toBe(1);
    await db.destroy();
  });

  it('flushes after a rolled-back write too (harmless), and the rollback still reaches the caller', async () => {
    const { db, wal, manual } = open();
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'x' }).execute();
      throw new Error('refused');
    });
    await tick();
    manual.finishNext();
    await expect(failing).rejects.toThrow('refused');
    expect(wal.flushes).toBe(1);
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
    await db.destroy();
  });
});
