import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/main';

/** Runs the CLI in-process against a data directory, capturing what it prints. */
async function ipt(dataDir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err.push(String(chunk)); return true; });
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; });
  const previous = process.env.IPT_DATA_DIR;
  process.env.IPT_DATA_DIR = dataDir;
  try {
    const code = await run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env.IPT_DATA_DIR = previous;
    log.mockRestore(); error.mockRestore(); stderr.mockRestore(); stdout.mockRestore();
  }
}

const PASSWORD = 'a long enough passphrase';

describe('the ipt command line (SQLite)', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-cli-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('sets up an installation once, refusing bad options with a message and a non-zero exit', async () => {
    const short = await ipt(dir, 'setup', '--organization', 'Org', '--admin-email', 'a@example.org', '--admin-password', 'short', '--admin-name', 'Ann');
    expect(short.code).not.toBe(0);
    expect(short.err).toContain('admin-password must be at least 12 characters');
    const ok = await ipt(dir, 'setup', '--organization', 'Org', '--admin-email', 'a@example.org', '--admin-password', PASSWORD, '--admin-name', 'Ann Admin');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Created organization "Org"');
    const again = await ipt(dir, 'setup', '--organization', 'Org2', '--admin-email', 'b@example.org', '--admin-password', PASSWORD, '--admin-name', 'Bo');
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('already set up');
  });

  it('creates, disables and issues reset links for users', async () => {
    await ipt(dir, 'setup', '--organization', 'Org', '--admin-email', 'a@example.org', '--admin-password', PASSWORD, '--admin-name', 'Ann Admin');
    const created = await ipt(dir, 'user', 'create', '--email', 'c@example.org', '--name', 'Cee Clinician', '--role', 'clinician', '--password', 'clinician passphrase 1');
    expect(created.code, created.err).toBe(0);
    const badRole = await ipt(dir, 'user', 'create', '--email', 'd@example.org', '--name', 'Dee', '--role', 'client', '--password', PASSWORD);
    expect(badRole.code).not.toBe(0);
    const link = await ipt(dir, 'user', 'reset-link', '--email', 'c@example.org');
    expect(link.out).toMatch(/reset-password#token=/);
    expect((await ipt(dir, 'user', 'disable', '--email', 'c@example.org')).code).toBe(0);
    expect((await ipt(dir, 'user', 'disable', '--email', 'nobody@example.org')).err).toContain('No account');
  });

  it('verifies the audit chain, and names the first broken event after tampering', async () => {
    await ipt(dir, 'setup', '--organization', 'Org', '--admin-email', 'a@example.org', '--admin-password', PASSWORD, '--admin-name', 'Ann Admin');
    await ipt(dir, 'demo');
    const intact = await ipt(dir, 'audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.out).toContain('Audit trail intact');
    const db = new BetterSqlite3(path.join(dir, 'ipt.sqlite'));
    db.exec('drop trigger audit_event_no_update');
    const target = db.prepare("select organization_id, seq from audit_event where organization_id != 'system' order by organization_id, seq limit 1 offset 1").get() as { organization_id: string; seq: number };
    db.prepare('update audit_event set action = ? where organization_id = ? and seq = ?').run('read', target.organization_id, target.seq);
    db.close();
    const broken = await ipt(dir, 'audit', 'verify');
    expect(broken.code).toBe(3);
    expect(broken.err).toContain(`event ${target.seq}`);
  });

  it('backs up while the database is in use, verifies the copy, and restores only into an empty directory', async () => {
    await ipt(dir, 'setup', '--organization', 'Org', '--admin-email', 'a@example.org', '--admin-password', PASSWORD, '--admin-name', 'Ann Admin');
    await ipt(dir, 'demo');
    const writer = new BetterSqlite3(path.join(dir, 'ipt.sqlite'));
    writer.pragma('journal_mode = WAL');
    writer.prepare('update organization set name = name').run(); // an open writer connection with WAL content
    const target = path.join(dir, 'backups', 'b1.sqlite');
    const backup = await ipt(dir, 'backup', '--to', target);
    writer.close();
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toContain('integrity ok');
    expect(backup.out).toContain('5 clients');
    expect((await ipt(dir, 'backup', '--to', target)).err).toContain('already exists');
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-restore-'));
    try {
      const restored = await ipt(fresh, 'restore', '--from', target);
      expect(restored.code, restored.err).toBe(0);
      expect((await ipt(fresh, 'audit', 'verify')).code).toBe(0);
      const again = await ipt(fresh, 'restore', '--from', target);
      expect(again.code).not.toBe(0);
      expect(again.err).toContain('empty data directory');
      const garbage = path.join(fresh, 'garbage.sqlite');
      fs.writeFileSync(garbage, 'not a database');
      const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-restore-'));
      expect((await ipt(other, 'restore', '--from', garbage)).code).not.toBe(0);
      fs.rmSync(other, { recursive: true, force: true });
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe('server start-up refusals', () => {
  const start = (env: Record<string, string>) => spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, IPT_LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 30_000,
  });

  it('lists every bad environment value, one line each, and exits non-zero', () => {
    const result = start({ IPT_PORT: 'abc', IPT_SESSION_IDLE_MINUTES: '0', DATABASE_URL: 'mysql://x' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('IPT_PORT');
    expect(result.stderr).toContain('IPT_SESSION_IDLE_MINUTES');
    expect(result.stderr).toContain('DATABASE_URL');
  });

  it('says in one line that PostgreSQL cannot be reached', () => {
    const result = start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test', IPT_PORT: '0' });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start: cannot reach PostgreSQL/);
  });
});
