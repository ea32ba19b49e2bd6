import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module script without type declarations
import { findUnscopedWrites } from '../../scripts/check-scoped-writes.mjs';

/** The unscoped-write check (security-reference §8 row 5) passes on the server and fails on a bad sample. */
describe('scripts/check-scoped-writes.mjs', () => {
  it('finds an update and a delete without an organization predicate, and accepts scoped ones', () => {
    const sample = [
      "await tx.updateTable('client').set({ display_name: x }).where('id', '=', id).execute();",
      "await tx.deleteFrom('task')",
      "  .where('id', '=', id).executeTakeFirst();",
      "await tx.updateTable('client').set({ display_name: x }).where('organization_id', '=', org).where('id', '=', id).execute();",
      "await tx.deleteFrom('auth_session').where('id', '=', hashed).execute();",
      "await tx.updateTable('organization').set({ name }).where('id', '=', orgId).execute();",
    ].join('\n');
    expect(findUnscopedWrites(sample)).toEqual([{ line: 1, table: 'client', call: 'updateTable' }, { line: 2, table: 'task', call: 'deleteFrom' }]);
  });

  it('exits 1 naming file and line for a bad file, and 0 on src/server', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-scoped-'));
    const bad = path.join(dir, 'bad.repository.ts');
    fs.writeFileSync(bad, "export const f = (tx: any, id: string) =>\n  tx.deleteFrom('client').where('id', '=', id).execute();\n");
    const failed = spawnSync(process.execPath, ['scripts/check-scoped-writes.mjs', bad], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`${bad}:2: deleteFrom('client') has no organization_id predicate`);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(execFileSync(process.execPath, ['scripts/check-scoped-writes.mjs'], { encoding: 'utf8' })).toMatch(/every updateTable\/deleteFrom is scoped/);
  });
});
