import type { Kysely } from 'kysely';

/**
 * Documents: the client's consents to disclose documents to a named third party, and the disclosure
 * log — one row for every PDF the server made (security-reference §1 d11, §8 row 36), separate from
 * the access audit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('disclosure_consent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('documents_json', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawal_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_consent_client').on('disclosure_consent').columns(['organization_id', 'client_id', 'recorded_at']).execute();

  await db.schema.createTable('disclosure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
    .addColumn('episode_id', 'text')
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('document_version', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text')
    .addColumn('consent_id', 'text', (c) => c.references('disclosure_consent.id'))
    .addColumn('purpose', 'text')
    .addColumn('disclosed_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('disclosed_at', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('byte_length', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_client').on('disclosure').columns(['organization_id', 'client_id', 'disclosed_at']).execute();
  await db.schema.createIndex('disclosure_organization').on('disclosure').columns(['organization_id', 'disclosed_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
