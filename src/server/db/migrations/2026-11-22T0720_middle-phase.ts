import type { Kysely } from 'kysely';

/**
 * The middle phase of an episode: problem-area workspaces with their dispute-stage history,
 * per-session problem-area outcomes, technique worksheets, between-session tasks, and a revision
 * table that keeps every earlier version of an edited middle-phase record.
 * Runs after the treatment course (its name sorts after `2026-11-22T…`), so `episode` and
 * `therapy_session` exist. Portable types only; booleans are integers 0/1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('problem_area_workspace')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('other_party', 'text')
    .addColumn('stage', 'text')
    .addColumn('goals_json', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('details_json', 'text', (c) => c.notNull())
    .addColumn('ticks_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('problem_area_workspace_area', ['episode_id', 'area'])
    .execute();
  await db.schema.createIndex('problem_area_workspace_episode').on('problem_area_workspace').columns(['organization_id', 'episode_id']).execute();

  await db.schema.createTable('workspace_stage_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('problem_area_workspace.id'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.references('therapy_session.id'))
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workspace_stage_change_workspace').on('workspace_stage_change').columns(['workspace_id', 'changed_at']).execute();

  await db.schema.createTable('problem_area_outcome')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('problem_area_workspace.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('therapy_session.id'))
    .addColumn('progress', 'integer')
    .addColumn('stage', 'text')
    .addColumn('expectations_closer', 'text')
    .addColumn('adjustment', 'integer')
    .addColumn('mourning', 'integer')
    .addColumn('contacts', 'integer')
    .addColumn('contact_quality', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('problem_area_outcome_session', ['workspace_id', 'session_id'])
    .execute();
  await db.schema.createIndex('problem_area_outcome_episode').on('problem_area_outcome').columns(['organization_id', 'episode_id']).execute();

  await db.schema.createTable('worksheet')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('therapy_session.id'))
    .addColumn('workspace_id', 'text', (c) => c.references('problem_area_workspace.id'))
    .addColumn('continues_id', 'text', (c) => c.references('worksheet.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('worksheet_session').on('worksheet').columns(['organization_id', 'session_id']).execute();
  await db.schema.createIndex('worksheet_episode').on('worksheet').columns(['organization_id', 'episode_id', 'kind']).execute();

  await db.schema.createTable('between_session_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('workspace_id', 'text', (c) => c.references('problem_area_workspace.id'))
    .addColumn('area', 'text')
    .addColumn('set_in_session_id', 'text', (c) => c.notNull().references('therapy_session.id'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('with_whom', 'text')
    .addColumn('when_date', 'text')
    .addColumn('when_text', 'text')
    .addColumn('visible_to_client', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewed_in_session_id', 'text', (c) => c.references('therapy_session.id'))
    .addColumn('review_outcome', 'text')
    .addColumn('what_happened', 'text')
    .addColumn('mood_effect', 'integer')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('between_session_task_episode').on('between_session_task').columns(['organization_id', 'episode_id', 'status']).execute();
  await db.schema.createIndex('between_session_task_client').on('between_session_task').columns(['organization_id', 'client_id', 'visible_to_client', 'status']).execute();

  await db.schema.createTable('middle_phase_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('middle_phase_revision_version', ['entity_type', 'entity_id', 'version'])
    .execute();
  await db.schema.createIndex('middle_phase_revision_entity').on('middle_phase_revision').columns(['organization_id', 'entity_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
