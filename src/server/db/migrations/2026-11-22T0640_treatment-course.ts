import type { Kysely } from 'kysely';

/**
 * The treatment course: episodes, medications, phase changes, sessions with their structured notes,
 * addenda, private process notes, questionnaire responses and risk flags.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('episode')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('protocol_id', 'text', (c) => c.notNull())
    .addColumn('protocol_version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_phase', 'text', (c) => c.notNull())
    .addColumn('phase_started_session', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('contracted_sessions', 'integer', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('session_length_minutes', 'integer')
    .addColumn('medication_referral', 'text', (c) => c.notNull())
    .addColumn('medication_referral_note', 'text')
    .addColumn('formulation_agreed_at', 'text')
    .addColumn('termination_discussed_at', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('previous_episode_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('episode_client').on('episode').columns(['organization_id', 'client_id', 'status']).execute();
  await db.schema.createIndex('episode_clinician').on('episode').columns(['organization_id', 'clinician_id', 'status']).execute();

  await db.schema.createTable('episode_medication')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('dose', 'text')
    .addColumn('prescriber', 'text')
    .addColumn('start_date', 'text')
    .addColumn('stop_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('episode_medication_episode').on('episode_medication').columns(['episode_id']).execute();

  await db.schema.createTable('phase_change')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('from_phase', 'text', (c) => c.notNull())
    .addColumn('to_phase', 'text', (c) => c.notNull())
    .addColumn('at_session', 'integer', (c) => c.notNull())
    .addColumn('overridden_guards', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('phase_change_episode').on('phase_change').columns(['episode_id', 'changed_at']).execute();

  await db.schema.createTable('therapy_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('agenda_json', 'text', (c) => c.notNull())
    .addColumn('note_json', 'text', (c) => c.notNull())
    .addColumn('note_status', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('signed_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('therapy_session_number', ['episode_id', 'number'])
    .execute();
  await db.schema.createIndex('therapy_session_day').on('therapy_session').columns(['organization_id', 'clinician_id', 'starts_at']).execute();
  await db.schema.createIndex('therapy_session_unsigned').on('therapy_session').columns(['organization_id', 'clinician_id', 'note_status']).execute();

  await db.schema.createTable('session_addendum')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('therapy_session.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_addendum_session').on('session_addendum').columns(['session_id', 'signed_at']).execute();

  await db.schema.createTable('process_note')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('therapy_session.id'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('process_note_session').on('process_note').columns(['session_id', 'author_id']).execute();

  await db.schema.createTable('questionnaire_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episode.id'))
    .addColumn('session_id', 'text', (c) => c.references('therapy_session.id'))
    .addColumn('instrument_id', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('total', 'real')
    .addColumn('severity_code', 'text')
    .addColumn('respondent', 'text', (c) => c.notNull())
    .addColumn('administered_at', 'text', (c) => c.notNull())
    .addColumn('administered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questionnaire_response_episode').on('questionnaire_response').columns(['episode_id', 'instrument_id', 'administered_at']).execute();
  await db.schema.createIndex('questionnaire_response_session').on('questionnaire_response').columns(['session_id']).execute();

  await db.schema.createTable('risk_flag')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('episode_id', 'text', (c) => c.references('episode.id'))
    .addColumn('session_id', 'text')
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_flag_client').on('risk_flag').columns(['organization_id', 'client_id', 'status']).execute();
  await db.schema.createIndex('risk_flag_source').on('risk_flag').columns(['source_type', 'source_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
