import type { Kysely } from 'kysely';

/**
 * The supervision dashboard lists the open risk flags of a supervisor's counsellors' clients. At
 * 100,000 clients PostgreSQL read every flag of the organization to find the open ones (about 100 ms
 * for 50,000 flags); with this index it reads only the open ones (docs/performance.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('risk_flag_open').on('risk_flag').columns(['organization_id', 'status', 'client_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('risk_flag_open').execute();
}
