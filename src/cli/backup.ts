import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Config } from '../server/config';
import type { Database } from '../server/db/database';
import { ImmediateSqliteDialect } from '../server/db/sqlite-immediate-dialect';
import { verifyAuditChains } from '../server/modules/audit/audit.repository';
import { CliError } from './cli-context';

export interface BackupReport {
  file: string;
  bytes: number;
  integrity: string;
  auditEvents: number;
  clients: number;
  users: number;
}

/** integrity_check plus a walk of the audit chains on a database file. */
export async function checkDatabaseFile(file: string): Promise<Omit<BackupReport, 'file' | 'bytes'>> {
  const handle = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (handle.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: handle }) });
    const chains = await verifyAuditChains(db);
    if (chains.breaks.length > 0) throw new CliError(`The audit chain in ${file} is broken: ${chains.breaks[0]!.problem} (organization ${chains.breaks[0]!.organizationId}, event ${chains.breaks[0]!.seq}).`);
    const count = (table: string) => Number((handle.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    return { integrity, auditEvents: chains.events, clients: count('client'), users: count('app_user') };
  } finally {
    handle.close();
  }
}

/**
 * Online backup of the SQLite database: `VACUUM INTO` copies one consistent snapshot (a single read
 * transaction) while the server keeps writing, then the copy is checked with integrity_check and an
 * audit-chain walk. Never copy a live WAL database file by hand.
 */
export async function backupSqlite(config: Config, target: string): Promise<BackupReport> {
  if (config.database.kind !== 'sqlite') {
    throw new CliError('backup works on the embedded SQLite database; for PostgreSQL use pg_dump or your provider\'s backups (see docs/operator-guide.md).', 2);
  }
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new CliError(`${file} already exists; choose a new file name (backups are never overwritten).`, 2);
  if (!fs.existsSync(config.database.file)) throw new CliError(`There is no database at ${config.database.file} to back up.`, 2);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const source = new BetterSqlite3(config.database.file, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    source.prepare('vacuum into ?').run(file);
  } finally {
    source.close();
  }
  const checked = await checkDatabaseFile(file);
  if (checked.integrity !== 'ok') throw new CliError(`The backup at ${file} failed its integrity check: ${checked.integrity}`);
  return { file, bytes: fs.statSync(file).size, ...checked };
}

/** Restores a backup into an empty data directory only: an existing database is never overwritten. */
export async function restoreSqlite(config: Config, from: string): Promise<BackupReport> {
  if (config.database.kind !== 'sqlite') throw new CliError('restore works on the embedded SQLite database; for PostgreSQL use pg_restore (see docs/operator-guide.md).', 2);
  const source = path.resolve(from);
  if (!fs.existsSync(source)) throw new CliError(`There is no backup at ${source}.`, 2);
  const target = config.database.file;
  for (const f of [target, `${target}-wal`, `${target}-shm`]) {
    if (fs.existsSync(f)) throw new CliError(`The data directory ${path.dirname(target)} already holds a database (${path.basename(f)}). Restore only into an empty data directory (set IPT_DATA_DIR).`, 2);
  }
  let checked: Awaited<ReturnType<typeof checkDatabaseFile>>;
  try {
    checked = await checkDatabaseFile(source);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${source} is not a readable IPT Workbench backup: ${(error as Error).message}`, 2);
  }
  if (checked.integrity !== 'ok') throw new CliError(`${source} failed its integrity check: ${checked.integrity}`, 2);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.restoring`;
  fs.copyFileSync(source, temporary);
  const fd = fs.openSync(temporary, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(temporary, target);
  return { file: target, bytes: fs.statSync(target).size, ...checked };
}
