import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/dialects';
import { reusableQuery } from './reusable-query';

describe.each(testDialects())('a query built once and run with new values on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    for (const [id, seq] of [['org-a', 3], ['org-b', 7], ['org-c', 7]] as const) {
      await t.db.insertInto('audit_chain_head').values({ organization_id: id, chain: 0, seq, hash: `h-${id}` }).execute();
    }
  });
  afterAll(async () => t.dispose());

  it('puts each call\'s values into the slots of their names, keeps constants, and uses a name twice', async () => {
    const find = reusableQuery<{ org: string; minSeq: number }, { organization_id: string; seq: number }>(['org', 'minSeq'], (db, p) => db.selectFrom('audit_chain_head')
      .select(['organization_id', 'seq']).where((eb) => eb.or([eb('organization_id', '=', p.org), eb('seq', '>=', p.minSeq)])).where('hash', '!=', 'never').where('organization_id', '!=', `${p.org}`).orderBy('organization_id'));
    expect((await find(t.db, { org: 'org-a', minSeq: 7 })).map((r) => r.organization_id)).toEqual(['org-b', 'org-c']);
    expect((await find(t.db, { org: 'org-b', minSeq: 100 })).map((r) => r.organization_id)).toEqual([]);
    expect((await find(t.db, { org: 'org-zz', minSeq: 0 })).map((r) => [r.organization_id, Number(r.seq)])).toEqual([['org-a', 3], ['org-b', 7], ['org-c', 7]]);
  });

  it('runs inside a transaction and writes', async () => {
    const bump = reusableQuery<{ org: string; seq: number }, never>(['org', 'seq'], (db, p) => db.updateTable('audit_chain_head').set({ seq: p.seq }).where('organization_id', '=', p.org));
    await t.db.transaction().execute(async (tx) => bump(tx, { org: 'org-c', seq: 42 }));
    expect(Number((await t.db.selectFrom('audit_chain_head').select('seq').where('organization_id', '=', 'org-c').executeTakeFirstOrThrow()).seq)).toBe(42);
  });

  it.runIf(dialect === 'postgres')('runs as a statement PostgreSQL prepared once per connection, as does another query sent repeatedly; a one-off is not kept', async () => {
    const find = reusableQuery<{ org: string }, { seq: number }>(['org'], (db, p) => db.selectFrom('audit_chain_head').select('seq').where('organization_id', '=', p.org).where(sql<boolean>`hash <> 'prepared-test'`));
    const kept = await t.db.connection().execute(async (conn) => {
      for (const org of ['org-a', 'org-b', 'org-a']) await find(conn, { org });
      await sql`select seq from audit_chain_head where hash != 'one-off-test'`.execute(conn);
      // Another query sent a third time is prepared too (prepared-statements.ts).
      for (const org of ['org-a', 'org-b', 'org-c']) await sql`select seq from audit_chain_head where organization_id = ${org} and hash != 'repeated-test'`.execute(conn);
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn);
      return rows.map((r) => r.statement);
    });
    expect(kept.filter((s) => s.includes('prepared-test'))).toHaveLength(1);
    expect(kept.some((s) => s.includes('one-off-test'))).toBe(false);
    expect(kept.filter((s) => s.includes('repeated-test'))).toHaveLength(1);
    // Prepared or not, each call still binds its own values.
    expect((await find(t.db, { org: 'org-b' })).map((r) => Number(r.seq))).toEqual([7]);
  });

  it('refuses a value that would be written into the SQL text instead of bound', async () => {
    const unsafe = reusableQuery<{ org: string }, unknown>(['org'], (db, p) => db.selectFrom('audit_chain_head').selectAll().where(sql.raw(`organization_id = '${p.org}'`) as never));
    await expect(unsafe(t.db, { org: 'org-a' })).rejects.toThrow(/not bound as a parameter/);
  });
});
