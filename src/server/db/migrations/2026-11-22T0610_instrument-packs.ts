import type { Kysely } from 'kysely';

/** Licensed instrument wording an organization imported (EPDS and the like), versioned. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('instrument_pack')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('instrument_id', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('pack_version', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('pack_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('instrument_pack_lookup').on('instrument_pack').columns(['organization_id', 'instrument_id', 'instrument_version', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
