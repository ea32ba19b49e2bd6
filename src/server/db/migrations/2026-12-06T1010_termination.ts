import type { Kysely } from 'kysely';

/**
 * The termination phase: the termination record (signed = the termination note, with addenda) and
 * the versioned relapse-prevention plan of an episode.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('termination_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_hash', 'text')
    .addColumn('maintenance_episode_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('termination_record_episode', ['episode_id'])
    .execute();

  await db.schema.createTable('termination_addendum')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('termination_record.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('termination_addendum_record').on('termination_addendum').columns(['record_id', 'signed_at']).execute();

  await db.schema.createTable('relapse_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('plan_number', 'integer', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('shared_with_client', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('relapse_plan_number', ['episode_id', 'plan_number'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
