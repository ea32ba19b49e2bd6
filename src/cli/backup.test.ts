import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database';
import { ImmediateSqliteDialect } from '../server/db/sqlite-immediate-dialect';
import { appendAuditEvents } from '../server/modules/audit/audit.repository';
import { verifyAuditChains } from '../server/modules/audit/audit-verify';
import { backupSqlite } from './backup';
import { copyAndCheckSnapshot } from './backup-snapshot';
import { CliError } from './cli-context';
import { cli } from '../../test/support/cli';
import { migratedWithMarker, syntheticAuditEvent } from '../../test/support/backup-fixtures';

const ORGS = ['00000000-0000-7000-8000-00000000000a', '00000000-0000-7000-8000-00000000000b'];

/** A migrated database with a marker table and a few thousand audit events in two chains. */
async function seeded(dataDir: string) {
  const { config, opened } = await migratedWithMarker(dataDir);
  for (let batch = 0; batch < 4; batch += 1) {
    await opened.db.transaction().execute((tx) => appendAuditEvents(tx, ORGS.flatMap((o) => Array.from({ length: 500 }, (_, i) => syntheticAuditEvent(o, batch * 500 + i, 'seed'))), 'sqlite'));
  }
  return { config, opened };
}


describe('ipt backup', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-backup-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('copies one instant of a database that keeps being written, and the copy verifies', async () => {
    const dataDir = path.join(root, 'live');
    const { opened } = await seeded(dataDir);
    // Each write commits a marker row and an audit event together: a copy of one instant holds
    // exactly as many of one as of the other.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let n = 0; writing; n += 1) {
        await opened.db.transaction().execute(async (tx) => {
          await tx.insertInto('backup_marker' as never).values({ n } as never).execute();
          await appendAuditEvents(tx, [syntheticAuditEvent(ORGS[n % 2]!, n, 'write')], 'sqlite');
        });
        written += 1;
        await new Promise((r) => setImmediate(r));
      }
    })();
    while (written < 20) await new Promise((r) => setTimeout(r, 5));
    const writtenBefore = written;
    const target = path.join(root, 'backups', 'live.sqlite');
    const backup = await cli(dataDir, 'backup', '--to', target);
    const writtenDuring = written - writtenBefore;
    writing = false;
    await writer;
    await opened.close();

    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain('audit chain verified');
    expect(backup.out).toMatch(/side by side on one snapshot: file copy [\d.]+ s/);
    expect(writtenDuring).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['live.sqlite']);

    const copy = new BetterSqlite3(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const markers = Number((copy.prepare('select count(*) as n from backup_marker').get() as { n: number }).n);
      const writes = Number((copy.prepare("select count(*) as n from audit_event where action = 'write'").get() as { n: number }).n);
      expect(markers).toBeGreaterThanOrEqual(writtenBefore);
      expect(writes).toBe(markers);
      const chain = await verifyAuditChains(new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: copy }) }));
      expect(chain.breaks).toEqual([]);
      expect(backup.out).toContain(`${chain.events} audit events`);
    } finally {
      copy.close();
    }
  }, 120_000);

  it('copies and checks the same snapshot, whatever is committed once it is taken', async () => {
    const dataDir = path.join(root, 'pinned');
    const { opened } = await seeded(dataDir);
    const handle = opened.sqlite!;
    handle.exec('drop trigger audit_event_no_update');
    const headsOf = (db: BetterSqlite3.Database) => db.prepare('select organization_id, chain, seq, hash from audit_chain_head order by organization_id, chain').all();
    const headsBefore = headsOf(handle);
    const target = path.join(root, 'pinned.sqlite');
    // Once the snapshot is taken: an event is appended, a marker written and an earlier event edited.
    // A copy or a check reading anything newer than the snapshot would see one of them.
    const result = await copyAndCheckSnapshot(handle.name, target, {
      pragma: 'quick_check', walkers: 2, rangeSize: 300,
      afterPin: async () => {
        await opened.db.transaction().execute(async (tx) => {
          await tx.insertInto('backup_marker' as never).values({ n: 1 } as never).execute();
          await appendAuditEvents(tx, [syntheticAuditEvent(ORGS[0]!, 1, 'after-snapshot')], 'sqlite');
        });
        handle.prepare("update audit_event set reason = 'edited afterwards' where organization_id = ? and seq = 900").run(ORGS[1]);
      },
    });
    expect(headsOf(handle)).not.toEqual(headsBefore);
    const live = await verifyAuditChains(opened.db);
    await opened.close();

    expect(live.breaks.map((b) => b.seq)).toEqual([900]);
    expect(result).toMatchObject({ integrity: 'ok', auditEvents: 4000, breaks: [] });
    expect(result.facts.heads).toEqual(headsBefore);
    const copy = new BetterSqlite3(target, { readonly: true });
    try {
      expect(headsOf(copy)).toEqual(headsBefore);
      expect(copy.prepare('select count(*) as n from backup_marker').get()).toEqual({ n: 0 });
      expect(copy.prepare("select count(*) as n from audit_event where reason = 'edited afterwards'").get()).toEqual({ n: 0 });
      expect(Number(copy.pragma('page_count', { simple: true }))).toBe(result.facts.pages);
    } finally {
      copy.close();
    }
  }, 120_000);

  it('refuses a database whose audit chain is broken, and leaves no file behind', async () => {
    const dataDir = path.join(root, 'tampered');
    const { opened } = await seeded(dataDir);
    opened.sqlite!.exec('drop trigger audit_event_no_update');
    opened.sqlite!.prepare("update audit_event set reason = 'edited afterwards' where organization_id = ? and seq = 700").run(ORGS[1]);
    await opened.close();

    const targetDir = path.join(root, 'tampered-backups');
    const backup = await cli(dataDir, 'backup', '--to', path.join(targetDir, 'tampered.sqlite'));
    expect(backup.code).not.toBe(0);
    expect(backup.out).toContain(`The audit chain in ${path.join(dataDir, 'ipt.sqlite')} is broken: its content was changed after it was recorded (organization ${ORGS[1]}, chain 0, event 700)`);
    expect(fs.readdirSync(targetDir)).toEqual([]);
  }, 120_000);

  it('never overwrites: neither an existing backup nor an unfinished one', async () => {
    const dataDir = path.join(root, 'names');
    const { config, opened } = await seeded(dataDir);
    await opened.close();
    const existing = path.join(root, 'names-backups', 'existing.sqlite');
    fs.mkdirSync(path.dirname(existing), { recursive: true });
    fs.writeFileSync(existing, 'an earlier backup');
    await expect(backupSqlite(config, existing)).rejects.toThrow(CliError);
    expect(fs.readFileSync(existing, 'utf8')).toBe('an earlier backup');

    const interrupted = path.join(root, 'names-backups', 'interrupted.sqlite');
    fs.writeFileSync(`${interrupted}.partial`, 'half a copy');
    await expect(backupSqlite(config, interrupted)).rejects.toThrow(/interrupted/);
    expect(fs.existsSync(interrupted)).toBe(false);
    expect(fs.readFileSync(`${interrupted}.partial`, 'utf8')).toBe('half a copy');

    const report = await backupSqlite(config, path.join(root, 'names-backups', 'fresh.sqlite'));
    expect(report).toMatchObject({ integrity: 'ok', check: 'quick_check', auditEvents: 4000 });
    expect(fs.readdirSync(path.dirname(existing)).sort()).toEqual(['existing.sqlite', 'fresh.sqlite', 'interrupted.sqlite.partial']);
  }, 120_000);
});
