import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/2026-11-22_foundation';
import * as instrumentPacks from './migrations/2026-11-22_instrument-packs';
import * as treatmentCourse from './migrations/2026-11-22_treatment-course';

/**
 * Migrations are listed here in order (no directory scanning, so the bundle and tests see the same
 * list). Each takes Kysely<any> and imports nothing of the app, so it runs unchanged on both dialects.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-22_foundation': foundation,
  '2026-11-22_instrument-packs': instrumentPacks,
  '2026-11-22_treatment-course': treatmentCourse,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'ipt_migration', migrationLockTableName: 'ipt_migration_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (for /readyz). */
export async function migrationsAreCurrent(db: Kysely<any>): Promise<boolean> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'ipt_migration', migrationLockTableName: 'ipt_migration_lock' });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
