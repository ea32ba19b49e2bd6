import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/2026-11-22T0600_foundation';
import * as instrumentPacks from './migrations/2026-11-22T0610_instrument-packs';
import * as treatmentCourse from './migrations/2026-11-22T0640_treatment-course';
import * as auditTruncateGuard from './migrations/2026-11-22T0705_audit-truncate-guard';
import * as initialPhase from './migrations/2026-11-22T0710_initial-phase';
import * as middlePhase from './migrations/2026-11-22T0720_middle-phase';
import * as riskSafety from './migrations/2026-11-22T0730_risk-safety';
import * as termination from './migrations/2026-12-06T1010_termination';
import * as documents from './migrations/2026-12-06T1020_documents';
import * as riskFlagOpenIndex from './migrations/2026-12-06T2230_risk-flag-open-index';
import * as questionnaireResponseOutcomeIndex from './migrations/2026-12-06T2345_questionnaire-response-outcome-index';
import * as auditChains from './migrations/2026-12-07T1300_audit-chains';

/**
 * Migrations are listed here in order (no directory scanning, so the bundle and tests see the same
 * list). Each takes Kysely<any> and imports nothing of the app, so it runs unchanged on both dialects.
 * Kysely runs them in the order of their names, so names start with an ISO date and time
 * (`2026-11-22T0600_…`); a test checks that this order is the order listed here.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-22T0600_foundation': foundation,
  '2026-11-22T0610_instrument-packs': instrumentPacks,
  '2026-11-22T0640_treatment-course': treatmentCourse,
  '2026-11-22T0705_audit-truncate-guard': auditTruncateGuard,
  '2026-11-22T0710_initial-phase': initialPhase,
  '2026-11-22T0720_middle-phase': middlePhase,
  '2026-11-22T0730_risk-safety': riskSafety,
  '2026-12-06T1010_termination': termination,
  '2026-12-06T1020_documents': documents,
  '2026-12-06T2230_risk-flag-open-index': riskFlagOpenIndex,
  '2026-12-06T2345_questionnaire-response-outcome-index': questionnaireResponseOutcomeIndex,
  '2026-12-07T1300_audit-chains': auditChains,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** With a PostgreSQL schema named, the migration tables are looked up in that schema only. */
function migratorFor(db: Kysely<any>, schema: string | undefined): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'ipt_migration', migrationLockTableName: 'ipt_migration_lock', ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, options: { schema?: string } = {}): Promise<string[]> {
  const migrator = migratorFor(db, options.schema);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (for /readyz). */
export async function migrationsAreCurrent(db: Kysely<any>, options: { schema?: string } = {}): Promise<boolean> {
  const migrator = migratorFor(db, options.schema);
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
