import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrator';

describe('migration list', () => {
  it('is listed in the order Kysely runs it (by name), so no migration runs before one it depends on', () => {
    const names = Object.keys(MIGRATIONS);
    expect([...names].sort()).toEqual(names);
    expect(names[0]).toMatch(/foundation$/);
  });
});
