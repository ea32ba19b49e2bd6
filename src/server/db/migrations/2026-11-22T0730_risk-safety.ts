import type { Kysely } from 'kysely';

/**
 * The safety workflow: the screen and escalation state of a risk flag, the actions taken, in-app
 * notifications to supervisors, and versioned safety plans.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('risk_flag').addColumn('screen_response_id', 'text').execute();
  await db.schema.alterTable('risk_flag').addColumn('screened_at', 'text').execute();
  await db.schema.alterTable('risk_flag').addColumn('escalation_status', 'text', (c) => c.notNull().defaultTo('none')).execute();
  await db.schema.alterTable('risk_flag').addColumn('escalated_at', 'text').execute();
  await db.schema.alterTable('risk_flag').addColumn('acknowledged_by', 'text').execute();
  await db.schema.alterTable('risk_flag').addColumn('acknowledged_at', 'text').execute();
  await db.schema.alterTable('risk_flag').addColumn('last_notified_at', 'text').execute();
  await db.schema.createIndex('risk_flag_escalation').on('risk_flag').columns(['organization_id', 'escalation_status', 'status']).execute();

  await db.schema.createTable('risk_action')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('flag_id', 'text', (c) => c.notNull().references('risk_flag.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_action_flag').on('risk_action').columns(['flag_id', 'recorded_at']).execute();

  await db.schema.createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('flag_id', 'text')
    .addColumn('client_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_recipient').on('notification').columns(['organization_id', 'recipient_id', 'created_at']).execute();

  await db.schema.createTable('safety_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('flag_id', 'text')
    .addColumn('plan_number', 'integer', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_date', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('safety_plan_number', ['client_id', 'plan_number'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
