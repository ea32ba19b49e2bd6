import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Config } from '../server/config';
import type { Database } from '../server/db/database';
import { ImmediateSqliteDialect } from '../server/db/sqlite-immediate-dialect';
import { breakPlace, verifyAuditChains } from '../server/modules/audit/audit-verify';
import { copyAndCheckSnapshot, type CopyMethod, type SnapshotFacts } from './backup-snapshot';
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
  /** For a backup: seconds the copy, the integrity pragma and the chain walk took, side by side. */
  seconds?: { copy: number; check: number; walk: number };
  /** For a backup: how it was copied (and why not as a file), and how long writers were held for the snapshot. */
  copy?: { method: CopyMethod; fallback?: string; writersHeldMs: number };
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
    if (chains.breaks.length > 0) throw new CliError(`The audit chain in ${file} is broken: ${chains.breaks[0]!.problem} (${breakPlace(chains.breaks[0]!)}).`);
    const count = (table: string) => Number((handle.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    return { integrity: await integrity, check, auditEvents: chains.events, clients: count('client'), users: count('app_user') };
  } finally {
    handle.close();
  }
}

/** Every file SQLite may leave beside a database file. */
const withSidecars = (file: string) => [file, `${file}-journal`, `${file}-wal`, `${file}-shm`];

/**
 * Reads the copy back as a database: its page count, chain heads and row counts must be those of the
 * snapshot the checks read, so the checks speak for this file.
 */
function confirmCopyIsSnapshot(file: string, facts: SnapshotFacts): void {
  const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => Number((copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    const pages = Number(copy.pragma('page_count', { simple: true }));
    const heads = copy.prepare('select organization_id, chain, seq, hash from audit_chain_head order by organization_id, chain').all();
    const differences = [
      pages !== facts.pages ? `${pages} pages instead of ${facts.pages}` : null,
      JSON.stringify(heads) !== JSON.stringify(facts.heads) ? 'other audit chain heads' : null,
      count('client') !== facts.clients ? 'another number of clients' : null,
      count('app_user') !== facts.users ? 'another number of users' : null,
    ].filter((d) => d !== null);
    if (differences.length > 0) throw new CliError(`The copy does not match the snapshot it was taken from (${differences.join(', ')}).`);
  } finally {
    copy.close();
  }
}

/** Gives the finished file its name without ever replacing a file of that name. */
function publish(temporary: string, file: string): void {
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${file} appeared while the backup ran; the backup was not written (backups are never overwritten).`, 2);
    // A file system without hard links: rename, having checked the name is still free.
    if (fs.existsSync(file)) throw new CliError(`${file} appeared while the backup ran; the backup was not written (backups are never overwritten).`, 2);
    fs.renameSync(temporary, file);
    return;
  }
  fs.rmSync(temporary, { force: true });
}

function fsyncPath(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Online backup of the SQLite database, checked on the very snapshot it copies: one read snapshot is
 * taken on several connections at once, with the WAL checkpointed into the database file first
 * (backup-snapshot.ts), and on it, side by side, the database file is copied by the kernel (or, when
 * the snapshot is not the file alone, SQLite's backup API copies every page) while quick_check (or
 * integrity_check with `fullCheck`) reads the same pages and every audit chain is walked and
 * rehashed in worker threads. The copy is written
 * under a temporary name, synced, read back (page count, chain heads and row counts must be the
 * snapshot's) and only then given its name; on any failure it is removed and nothing is left under
 * the target name. Reasoning and timings: docs/operator-guide.md, docs/decisions/0005-backup.md.
 */
export async function backupSqlite(config: Config, target: string, options: { fullCheck?: boolean } = {}): Promise<BackupReport> {
  if (config.database.kind !== 'sqlite') {
    throw new CliError('backup works on the embedded SQLite database; for PostgreSQL use pg_dump or your provider\'s backups (see docs/operator-guide.md).', 2);
  }
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new CliError(`${file} already exists; choose a new file name (backups are never overwritten).`, 2);
  if (!fs.existsSync(config.database.file)) throw new CliError(`There is no database at ${config.database.file} to back up.`, 2);
  const temporary = `${file}.partial`;
  if (withSidecars(temporary).some((f) => fs.existsSync(f))) {
    throw new CliError(`${temporary} exists: another backup to ${file} is running, or one was interrupted (then delete ${temporary}).`, 2);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const check: IntegrityCheck = options.fullCheck ? 'integrity_check' : 'quick_check';
  try {
    const snapshot = await copyAndCheckSnapshot(config.database.file, temporary, { pragma: check });
    const broken = snapshot.breaks[0];
    if (broken) throw new CliError(`The audit chain in ${config.database.file} is broken: ${broken.problem} (${breakPlace(broken)}); no backup was written.`);
    if (snapshot.integrity !== 'ok') throw new CliError(`The database failed its integrity check (${check}): ${snapshot.integrity}; no backup was written.`);
    fsyncPath(temporary);
    confirmCopyIsSnapshot(temporary, snapshot.facts);
    for (const f of withSidecars(temporary).slice(1)) fs.rmSync(f, { force: true });
    publish(temporary, file);
    fsyncPath(path.dirname(file));
    const copy = { method: snapshot.method, ...(snapshot.fallback !== undefined ? { fallback: snapshot.fallback } : {}), writersHeldMs: snapshot.writersHeldMs };
    return { file, bytes: fs.statSync(file).size, integrity: snapshot.integrity, check, auditEvents: snapshot.auditEvents, clients: snapshot.facts.clients, users: snapshot.facts.users, seconds: snapshot.seconds, copy };
  } catch (error) {
    for (const f of withSidecars(temporary)) fs.rmSync(f, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`The backup failed and nothing was written to ${file}: ${(error as Error).message}`);
  }
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
