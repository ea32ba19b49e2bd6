import { sql, type Kysely } from 'kysely';

/**
 * PostgreSQL row triggers do not fire on TRUNCATE: add a statement trigger so the audit trail cannot
 * be emptied by the application's role either. (SQLite has no TRUNCATE; its DELETE trigger covers it.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres')) return;
  await sql`create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function ipt_audit_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
