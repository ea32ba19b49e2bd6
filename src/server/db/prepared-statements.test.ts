import { describe, expect, it } from 'vitest';
import { PreparedStatementNames } from './prepared-statements';

describe('which SQL texts are sent as named prepared statements', () => {
  it('names a declared text at once and keeps its name', () => {
    const names = new PreparedStatementNames(2, 3);
    names.declare('select 1 from a where id = $1');
    expect(names.nameFor('select 1 from a where id = $1')).toBe('ipt_1');
    expect(names.nameFor('select 1 from a where id = $1')).toBe('ipt_1');
  });

  it('names another data statement from its third sending on, and only data statements', () => {
    const names = new PreparedStatementNames(5, 3);
    const text = 'with x as (insert into b values ($1) returning *) select * from x';
    expect([names.nameFor(text), names.nameFor(text), names.nameFor(text), names.nameFor(text)]).toEqual([undefined, undefined, 'ipt_1', 'ipt_1']);
    for (const statement of ['begin', 'commit', 'create table c (id text)', 'set local statement_timeout = 1000']) {
      for (let i = 0; i < 5; i += 1) expect(names.nameFor(statement)).toBeUndefined();
    }
    expect(names.nameFor('  UPDATE b SET v = $1')).toBeUndefined();
    expect(names.nameFor('  UPDATE b SET v = $1')).toBeUndefined();
    expect(names.nameFor('  UPDATE b SET v = $1')).toBe('ipt_2');
  });

  it('stops naming repeated texts at its limit, while declared ones still get names', () => {
    const names = new PreparedStatementNames(2, 1);
    expect(names.nameFor('select $1::int')).toBe('ipt_1');
    expect(names.nameFor('select $1::text')).toBe('ipt_2');
    expect(names.nameFor('select $1::date')).toBeUndefined();
    expect(names.nameFor('select $1::date')).toBeUndefined();
    names.declare('select 2 from a where id = $1');
    expect(names.nameFor('select 2 from a where id = $1')).toBe('ipt_3');
    expect(names.nameFor('select $1::int')).toBe('ipt_1');
  });

  it('forgets texts seen too few times once many pile up, so counting stays bounded', () => {
    const names = new PreparedStatementNames(1, 2);
    names.nameFor('select 0');
    for (let i = 1; i <= 10; i += 1) names.nameFor(`select ${i}`);
    // The counts were cleared when the tenth distinct text arrived: 'select 0' starts again from one.
    expect(names.nameFor('select 0')).toBeUndefined();
    expect(names.nameFor('select 0')).toBe('ipt_1');
  });
});
