import type { Kysely } from 'kysely';

/**
 * The organization outcome summary (modules/outcomes/outcome-summary.repository.ts) reads the first
 * and last score of every finished episode. With this index each is one seek answered from the index
 * alone (organization, episode, instrument, time, id for ties, total), instead of a sort of every
 * response of the organization.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('questionnaire_response_outcome').on('questionnaire_response')
    .columns(['organization_id', 'episode_id', 'instrument_id', 'administered_at', 'id', 'total']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('questionnaire_response_outcome').execute();
}
