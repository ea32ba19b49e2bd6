import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Config } from '../server/config';
import type { Database } from '../server/db/database';
import { ImmediateSqliteDialect } from '../server/db/sqlite-immediate-dialect';
import { verifyAuditChains } from '../server/modules/audit/audit-verify';
import { CliError } from './cli-context';

export interface BackupReport {
  file: string;
  bytes: number;
  integrity: string;
  /** Which SQLite check gave `integrity`: quick_check after a page copy, integrity_check on restore. */
  check: IntegrityCheck;
  auditEvents: number;
  clients: number;
  users: number;
}

export type IntegrityCheck = 'quick_check' | 'integrity_check';

/** Runs an SQLite integrity pragma on its own thread, so the audit-chain walk runs beside it. */
function integrityOf(file: string, check: IntegrityCheck): Promise<string> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const handle = new Database(workerData.file, { readonly: true, fileMustExist: true });
    try { parentPort.postMessage(String(handle.pragma(workerData.check, { simple: true }) ?? 'unknown')); } finally { handle.close(); }`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, execArgv: [], workerData: { file, check, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    worker.once('message', (result: string) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (exitCode) => { if (exitCode !== 0) reject(new Error(`${check} stopped (exit code ${exitCode})`)); });
  });
}

/**
 * Checks a database file: an SQLite integrity pragma and a walk of every audit chain, side by side
 * (the walk in worker threads with their own read connections).
 */
export async function checkDatabaseFile(file: string, check: IntegrityCheck = 'integrity_check'): Promise<Omit<BackupReport, 'file' | 'bytes'>> {
  const handle = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = integrityOf(file, check);
    integrity.catch(() => undefined);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: handle }) });
    const chains = await verifyAuditChains(db, { connection: { kind: 'sqlite', file } });
    if (chains.breaks.length > 0) throw new CliError(`The audit chain in ${file} is broken: ${chains.breaks[0]!.problem} (organization ${chains.breaks[0]!.organizationId}, event ${chains.breaks[0]!.seq}).`);
    const count = (table: string) => Number((handle.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    return { integrity: await integrity, check, auditEvents: chains.events, clients: count('client'), users: count('app_user') };
  } finally {
    handle.close();
  }
}

/**
 * Online backup of the SQLite database with SQLite's backup API: every page is copied in one step,
 * that is inside one read transaction, so the copy is one consistent snapshot while the server keeps
 * writing (WAL readers do not block writers). Nothing is rebuilt, so the copy runs at about the
 * disk's speed (at 100,000 clients, about 10 GB: 43 s, against 40 s for a plain file copy and 66 s for
 * `VACUUM INTO`, which re-inserts every row). The copy is then checked with quick_check (every page and
 * b-tree read back) beside a walk of the audit chains. integrity_check's extra cross-check of every
 * index against its table is left to restore and to `--full-check`: a page copy cannot make indexes
 * and tables disagree unless they already do in the live database (docs/operator-guide.md). Never
 * copy a live WAL database file by hand.
 */
export async function backupSqlite(config: Config, target: string, options: { fullCheck?: boolean } = {}): Promise<BackupReport> {
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
    // Returning more pages than the database holds makes the whole copy a single step: one snapshot.
    await source.backup(file, { progress: () => 2 ** 31 - 1 });
  } finally {
    source.close();
  }
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const checked = await checkDatabaseFile(file, options.fullCheck ? 'integrity_check' : 'quick_check');
  if (checked.integrity !== 'ok') throw new CliError(`The backup at ${file} failed its integrity check (${checked.check}): ${checked.integrity}`);
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
