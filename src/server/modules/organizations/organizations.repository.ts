import type { Executor } from '../../db/database';
import type { OrganizationTable } from './organizations.table';

export type OrganizationRow = OrganizationTable;

export async function findOrganization(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrganization(db: Executor, row: OrganizationRow): Promise<void> {
  await db.insertInto('organization').values(row).execute();
}

export async function updateOrganizationAtVersion(db: Executor, id: string, version: number, changes: Partial<OrganizationRow>): Promise<OrganizationRow | undefined> {
  const result = await db.updateTable('organization').set({ ...changes, version: version + 1 })
    .where('id', '=', id).where('organization.id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findOrganization(db, id);
}
