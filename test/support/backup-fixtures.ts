import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/create-db';
import { migrateToLatest } from '../../src/server/db/migrator';
import type { NewAuditEvent } from '../../src/server/modules/audit/audit.repository';

/** An audit event with made-up content for the backup tests: numbered, in an organization's chain. */
export function syntheticAuditEvent(organizationId: string, n: number, action: string): NewAuditEvent {
  return {
    id: `${action}-${organizationId.slice(-1)}-${n}`, organization_id: organizationId, recorded_at: new Date(Date.UTC(2026, 11, 1, 9, 0, 0, n)).toISOString(),
    actor_id: 'actor-1', actor_role: 'clinician', action, entity_type: 'client', entity_id: String(n), client_id: null,
    sensitivity: 'normal', outcome: 'success', reason: null, source_ip: '127.0.0.1', request_id: `req-${n}`,
  };
}

/** A migrated SQLite database in `dataDir` with a `backup_marker` table the tests count rows of. */
export async function migratedWithMarker(dataDir: string) {
  const config = loadConfig({ IPT_DATA_DIR: dataDir, IPT_LOG_LEVEL: 'silent', DATABASE_URL: '' });
  const opened = await openDatabase(config);
  await migrateToLatest(opened.db);
  opened.sqlite!.exec('create table backup_marker (n integer primary key)');
  return { config, opened };
}
