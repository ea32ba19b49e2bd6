import { sql, type Kysely } from 'kysely';

/**
 * An organization's audit trail may run in several hash chains (`chain`), each with its own head and
 * its own seq, so that writers on PostgreSQL stop queueing on one head row (decision 0003, §8).
 * Existing events and heads become chain 0, unchanged: the hash does not cover the chain number.
 *
 * PostgreSQL adds the column without rewriting the table and rebuilds the unique index (15 s for 10.3
 * million events on the benchmark machine). SQLite cannot change a table's constraints in place, so it
 * copies the audit table into a new one in one transaction (16 s for 2 million events there, so about
 * 80 s per 10 million, with room on disk for a second copy until the first is dropped); the audit
 * triggers are made again for the new table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres');
  if (isPostgres) {
    await sql`alter table audit_event add column chain integer not null default 0`.execute(db);
    await sql`alter table audit_event drop constraint audit_event_org_seq`.execute(db);
    await sql`alter table audit_event add constraint audit_event_org_chain_seq unique (organization_id, chain, seq)`.execute(db);
    await sql`alter table audit_chain_head add column chain integer not null default 0`.execute(db);
    await sql`alter table audit_chain_head drop constraint audit_chain_head_pkey`.execute(db);
    await sql`alter table audit_chain_head add constraint audit_chain_head_pkey primary key (organization_id, chain)`.execute(db);
    return;
  }
  // SQLite runs migrations outside a transaction: this one takes its own, so it applies whole or not at all.
  await db.transaction().execute(async (tx) => {
    await tx.schema.createTable('audit_event_chained')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('chain', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('client_id', 'text')
      .addColumn('sensitivity', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('source_ip', 'text')
      .addColumn('request_id', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addUniqueConstraint('audit_event_org_chain_seq', ['organization_id', 'chain', 'seq'])
      .execute();
    const columns = sql.raw('id, organization_id, seq, recorded_at, actor_id, actor_role, action, entity_type, entity_id, client_id, sensitivity, outcome, reason, source_ip, request_id, prev_hash, hash');
    // In the order of the old unique index, so the new one is filled in order.
    await sql`insert into audit_event_chained (${columns}) select ${columns} from audit_event order by organization_id, seq`.execute(tx);
    // Dropping a table does not run its delete trigger; the triggers go with the table.
    await sql`drop table audit_event`.execute(tx);
    await sql`alter table audit_event_chained rename to audit_event`.execute(tx);
    await tx.schema.createIndex('audit_event_org_time').on('audit_event').columns(['organization_id', 'recorded_at']).execute();
    await tx.schema.createIndex('audit_event_org_client').on('audit_event').columns(['organization_id', 'client_id']).execute();
    await tx.schema.createIndex('audit_event_org_actor').on('audit_event').columns(['organization_id', 'actor_id']).execute();
    // Append-only, as the foundation made it.
    await sql`create trigger audit_event_no_update before update on audit_event
      begin select raise(abort, 'audit_event is append-only'); end`.execute(tx);
    await sql`create trigger audit_event_no_delete before delete on audit_event
      begin select raise(abort, 'audit_event is append-only'); end`.execute(tx);

    await tx.schema.createTable('audit_chain_head_chained')
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('chain', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_chain_head_pkey', ['organization_id', 'chain'])
      .execute();
    await sql`insert into audit_chain_head_chained (organization_id, seq, hash) select organization_id, seq, hash from audit_chain_head`.execute(tx);
    await sql`drop table audit_chain_head`.execute(tx);
    await sql`alter table audit_chain_head_chained rename to audit_chain_head`.execute(tx);
  });
}

export async function down(): Promise<void> {
  throw new Error('Not reversible: restore a backup instead.');
}
