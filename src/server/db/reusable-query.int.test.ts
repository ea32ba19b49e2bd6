import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/dialects';
import { reusableQuery } from './reusable-query';

describe.each(testDialects())('a query built once and run with new values on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    for (const [id, seq] of [['org-a', 3], ['org-b', 7], ['org-c', 7]] as const) {
      await t.db.insertInto('audit_chain_head').values({ organization_id: id, seq, hash: `h-${id}` }).execute();
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

  it('refuses a value that would be written into the SQL text instead of bound', async () => {
    const unsafe = reusableQuery<{ org: string }, unknown>(['org'], (db, p) => db.selectFrom('audit_chain_head').selectAll().where(sql.raw(`organization_id = '${p.org}'`) as never));
    await expect(unsafe(t.db, { org: 'org-a' })).rejects.toThrow(/not bound as a parameter/);
  });
});
