import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../server/db/create-db';
import type { Database } from '../server/db/database';
import { ImmediateSqliteDialect } from '../server/db/sqlite-immediate-dialect';
import { appendAuditEvents } from '../server/modules/audit/audit.repository';
import { verifyAuditChains } from '../server/modules/audit/audit-verify';
import { backupSqlite } from './backup';
import { copyAndCheckSnapshot } from './backup-snapshot';
import { migratedWithMarker, syntheticAuditEvent } from '../../test/support/backup-fixtures';

// How the copy is made: the database file itself once the WAL is checkpointed into it under the
// snapshot's write lock, or SQLite's page copy when that cannot be arranged (decision 0005).

const ORG = '00000000-0000-7000-8000-00000000000a';

/**
 * A migrated database whose connection never checkpoints on its own: everything it commits stays in
 * the WAL until someone checkpoints, so a copy of the database file without the WAL would miss it.
 */
async function seeded(dataDir: string) {
  const { config, opened } = await migratedWithMarker(dataDir);
  opened.sqlite!.pragma('wal_autocheckpoint = 0');
  await commit(opened, 0, 1000);
  return { config, opened, file: opened.sqlite!.name };
}

/** Commits `count` markers and as many audit events together, numbered from `from`. */
async function commit(opened: OpenedDatabase, from: number, count: number): Promise<void> {
  await opened.db.transaction().execute(async (tx) => {
    for (let n = from; n < from + count; n += 1) await tx.insertInto('backup_marker' as never).values({ n } as never).execute();
    await appendAuditEvents(tx, Array.from({ length: count }, (_, i) => syntheticAuditEvent(ORG, from + i, 'write')), 'sqlite');
  });
}

/**
 * A writer thread: commits 5 markers and 5 audit events at a time (numbering on from counters[0]),
 * with a PASSIVE checkpoint on its own connection after every third commit, until counters[1] is set.
 * counters[2] counts checkpoints, counters[3] those that left frames behind (held back by a reader).
 */
function startWriter(file: string, counters: Int32Array): Promise<void> {
  const code = `
    const { workerData } = require('node:worker_threads');
    require('tsx/cjs/api').register();
    const Database = require(workerData.driver);
    const { Kysely } = require('kysely');
    const { ImmediateSqliteDialect } = require(workerData.dialect);
    const { appendAuditEvents } = require(workerData.repository);
    const counters = new Int32Array(workerData.shared);
    const handle = new Database(workerData.file, { timeout: 10000 });
    handle.pragma('wal_autocheckpoint = 0');
    const checkpointer = new Database(workerData.file, { timeout: 10000 });
    const db = new Kysely({ dialect: new ImmediateSqliteDialect({ database: handle }) });
    const ORG = '${ORG}';
    (async () => {
      for (let round = 0; Atomics.load(counters, 1) === 0; round += 1) {
        const from = Atomics.load(counters, 0);
        await db.transaction().execute(async (tx) => {
          for (let n = from; n < from + 5; n += 1) await tx.insertInto('backup_marker').values({ n }).execute();
          await appendAuditEvents(tx, Array.from({ length: 5 }, (_, i) => ({
            id: 'write-' + (from + i), organization_id: ORG, recorded_at: new Date(Date.UTC(2026, 11, 1, 9, 0, 0, from + i)).toISOString(),
            actor_id: 'actor-1', actor_role: 'clinician', action: 'write', entity_type: 'client', entity_id: String(from + i), client_id: null,
            sensitivity: 'normal', outcome: 'success', reason: null, source_ip: '127.0.0.1', request_id: 'req-' + (from + i),
          })), 'sqlite');
        });
        Atomics.store(counters, 0, from + 5);
        if (round % 3 === 2) {
          const row = checkpointer.pragma('wal_checkpoint(PASSIVE)')[0];
          Atomics.add(counters, 2, 1);
          if (row.log > row.checkpointed) Atomics.add(counters, 3, 1);
        }
        Atomics.wait(counters, 1, 0, 1);
      }
      await db.destroy();
      checkpointer.close();
    })().catch((error) => { throw error; });`;
  counters[0] = 1000;
  const resolve = (specifier: string) => fileURLToPath(new URL(specifier, import.meta.url));
  const worker = new Worker(code, {
    eval: true, execArgv: [],
    workerData: { file, shared: counters.buffer, driver: createRequire(import.meta.url).resolve('better-sqlite3'), dialect: resolve('../server/db/sqlite-immediate-dialect.ts'), repository: resolve('../server/modules/audit/audit.repository.ts') },
  });
  return new Promise((done, fail) => {
    worker.once('error', fail);
    worker.once('exit', (code) => (code === 0 ? done() : fail(new Error(`writer stopped (exit code ${code})`))));
  });
}

/** What a copy holds, read back as a database. */
async function contentOf(file: string) {
  const copy = new BetterSqlite3(file, { readonly: true });
  try {
    const n = (sql: string) => Number((copy.prepare(sql).get() as { n: number }).n);
    const chain = await verifyAuditChains(new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: copy }) }));
    return {
      integrity: copy.pragma('integrity_check', { simple: true }),
      markers: n('select count(*) as n from backup_marker'),
      events: n("select count(*) as n from audit_event where action = 'write'"),
      heads: copy.prepare('select organization_id, chain, seq, hash from audit_chain_head order by organization_id, chain').all(),
      breaks: chain.breaks,
    };
  } finally {
    copy.close();
  }
}

describe('ipt backup: the copy', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-backup-copy-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('copies the database file, which holds exactly the snapshot while writers and a checkpointer keep running', async () => {
    const { opened, file } = await seeded(path.join(root, 'file'));
    await opened.close();
    // Another thread commits markers and audit events together and, every few commits, checkpoints
    // on a connection of its own (as the server's checkpointer does); its counters are shared memory.
    const counters = new Int32Array(new SharedArrayBuffer(16));
    const writer = startWriter(file, counters);
    const stats = () => ({ written: Atomics.load(counters, 0), checkpoints: Atomics.load(counters, 2), heldBack: Atomics.load(counters, 3) });
    while (stats().written < 1100) await new Promise((r) => setTimeout(r, 5));
    let atPin = { written: 0, checkpoints: 0, heldBack: 0 };
    const result = await copyAndCheckSnapshot(file, path.join(root, 'file.sqlite'), {
      pragma: 'quick_check', walkers: 2, rangeSize: 200,
      afterPin: async () => {
        atPin = stats();
        // Writers go on: let commits and checkpoints happen on top of the snapshot before the copy.
        while (stats().checkpoints < atPin.checkpoints + 5) await new Promise((r) => setTimeout(r, 2));
      },
    });
    const after = stats();
    Atomics.store(counters, 1, 1);
    await writer;

    expect(result).toMatchObject({ method: 'file', integrity: 'ok', breaks: [] });
    expect(result.fallback).toBeUndefined();
    // Checkpoints during the backup found frames to copy and could copy none of them.
    expect(after.heldBack - atPin.heldBack).toBeGreaterThanOrEqual(5);
    const copy = await contentOf(path.join(root, 'file.sqlite'));
    // The copy is the snapshot: its chain ends where the snapshot's did, and a marker was committed
    // with every event, so it holds every commit before the snapshot and none after it.
    expect(copy).toMatchObject({ integrity: 'ok', breaks: [], heads: result.facts.heads });
    expect(copy.events).toBe(copy.markers);
    expect(copy.markers).toBeGreaterThanOrEqual(1100);
    // (the writer counts a commit just after it ends: one may be in the snapshot and not yet counted)
    expect(copy.markers).toBeLessThanOrEqual(atPin.written + 5);
    expect(after.written).toBeGreaterThan(copy.markers);
    expect(result.auditEvents).toBe(copy.events);
  }, 120_000);

  it('copies the pages through SQLite when a reader on an older snapshot holds the WAL back', async () => {
    const { config, opened, file } = await seeded(path.join(root, 'held'));
    const oldReader = new BetterSqlite3(file, { readonly: true });
    oldReader.exec('begin');
    expect(oldReader.prepare('select count(*) as n from backup_marker').get()).toEqual({ n: 1000 });
    await commit(opened, 1000, 500);
    try {
      const target = path.join(root, 'held-backups', 'held.sqlite');
      const report = await backupSqlite(config, target);
      expect(report.copy).toMatchObject({ method: 'pages' });
      expect(report.copy!.fallback).toMatch(/a reader held back the WAL checkpoint/);
      expect(report).toMatchObject({ integrity: 'ok', auditEvents: 1500 });
      expect(fs.readdirSync(path.dirname(target))).toEqual(['held.sqlite']);
      // The commits the old reader does not see were only in the WAL: the copy has them.
      const copy = await contentOf(target);
      expect(copy).toMatchObject({ integrity: 'ok', breaks: [], markers: 1500, events: 1500 });
    } finally {
      oldReader.close();
      await opened.close();
    }
  }, 120_000);

  it('copies the pages through SQLite instead when the database file changed during the file copy', async () => {
    const { opened, file } = await seeded(path.join(root, 'changed'));
    try {
      const target = path.join(root, 'changed.sqlite');
      const result = await copyAndCheckSnapshot(file, target, {
        pragma: 'quick_check', walkers: 1,
        afterFileCopy: () => {
          const later = new Date(Date.now() + 60_000);
          fs.utimesSync(file, later, later);
        },
      });
      expect(result).toMatchObject({ method: 'pages', fallback: 'the database file changed during the file copy', integrity: 'ok', breaks: [] });
      expect(await contentOf(target)).toMatchObject({ integrity: 'ok', breaks: [], markers: 1000, events: 1000 });
    } finally {
      await opened.close();
    }
  }, 120_000);

  it('falls back for a database that is not in WAL mode', async () => {
    const { config, opened, file } = await seeded(path.join(root, 'rollback'));
    opened.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await opened.close();
    const journal = new BetterSqlite3(file);
    journal.pragma('journal_mode = delete');
    journal.close();
    const target = path.join(root, 'rollback-backups', 'a.sqlite');
    const report = await backupSqlite(config, target);
    expect(report.copy).toMatchObject({ method: 'pages', fallback: 'the database is not in WAL mode' });
    expect(await contentOf(target)).toMatchObject({ integrity: 'ok', breaks: [], markers: 1000, events: 1000 });
  }, 120_000);

  it('fails, and stops every part, when the file copy fails', async () => {
    const { opened, file } = await seeded(path.join(root, 'blocked'));
    try {
      const target = path.join(root, 'blocked.sqlite');
      await expect(copyAndCheckSnapshot(file, target, {
        pragma: 'quick_check', walkers: 1,
        afterPin: () => { fs.writeFileSync(target, 'in the way'); },
      })).rejects.toThrow(/the file copy failed/);
      expect(fs.readFileSync(target, 'utf8')).toBe('in the way');
      // The snapshot's read transactions are gone: a checkpoint gets the whole WAL into the file.
      const row = (opened.sqlite!.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>)[0]!;
      expect(row.checkpointed).toBe(row.log);
    } finally {
      await opened.close();
    }
  }, 120_000);
});
