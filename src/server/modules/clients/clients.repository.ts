import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import { containsText } from '../../lib/like';
import type { ClientTable } from './clients.table';

export type ClientRow = ClientTable & { clinician_name: string };

const columns = [
  'client.id', 'client.organization_id', 'client.display_name', 'client.preferred_name', 'client.search_text', 'client.date_of_birth', 'client.pronouns',
  'client.language', 'client.identifier', 'client.phone', 'client.email', 'client.address', 'client.emergency_contact_name', 'client.emergency_contact_phone',
  'client.emergency_contact_relationship', 'client.clinician_id', 'client.status', 'client.archived_at', 'client.archive_reason', 'client.archived_by',
  'client.created_at', 'client.updated_at', 'client.version',
] as const;

/** Lower-cased names and identifier, searched with LIKE on both databases. */
export function searchTextOf(row: Pick<ClientTable, 'display_name' | 'preferred_name' | 'identifier'>): string {
  return [row.display_name, row.preferred_name, row.identifier].filter(Boolean).join(' ').toLowerCase();
}

// Read on nearly every request about a client: built once (db/reusable-query.ts).
const clientById = reusableQuery<{ organizationId: string; id: string }, ClientRow>(['organizationId', 'id'], (db, p) => db.selectFrom('client')
  .innerJoin('app_user', 'app_user.id', 'client.clinician_id').select([...columns, 'app_user.name as clinician_name'])
  .where('client.organization_id', '=', p.organizationId).where('client.id', '=', p.id));

export async function findClient(db: Executor, organizationId: string, id: string): Promise<ClientRow | undefined> {
  return (await clientById(db, { organizationId, id }))[0];
}

export async function insertClient(db: Executor, row: ClientTable): Promise<void> {
  await db.insertInto('client').values(row).execute();
}

/** Optimistic update scoped by organization and version; undefined when stale. */
export async function updateClientAtVersion(db: Executor, organizationId: string, id: string, version: number, changes: Partial<ClientTable>): Promise<boolean> {
  const result = await db.updateTable('client').set({ ...changes, version: version + 1 })
    .where('organization_id', '=', organizationId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CaseloadQuery {
  organizationId: string;
  /** The clinicians whose clients the actor may list; the query never widens beyond them. */
  clinicianIds: readonly string[];
  status: 'active' | 'archived' | 'all';
  q?: string;
  after?: { name: string; id: string };
  limit: number;
}

/** A page of a caseload, ordered by name then id (keyset pagination: stable while rows change). */
export async function listClients(db: Executor, query: CaseloadQuery): Promise<ClientRow[]> {
  if (query.clinicianIds.length === 0) return [];
  let q = db.selectFrom('client').innerJoin('app_user', 'app_user.id', 'client.clinician_id').select([...columns, 'app_user.name as clinician_name'])
    .where('client.organization_id', '=', query.organizationId)
    .where('client.clinician_id', 'in', [...query.clinicianIds]);
  if (query.status !== 'all') q = q.where('client.status', '=', query.status);
  if (query.q) {
    q = q.where(containsText(sql.ref('client.search_text'), query.q));
  }
  if (query.after) {
    const { name, id } = query.after;
    q = q.where((eb) => eb.or([eb('client.display_name', '>', name), eb.and([eb('client.display_name', '=', name), eb('client.id', '>', id)])]));
  }
  return q.orderBy('client.display_name').orderBy('client.id').limit(query.limit + 1).execute();
}

export async function recentBreakGlassGrants(db: Executor, organizationId: string, clientId: string, since: string) {
  return db.selectFrom('break_glass_grant').innerJoin('app_user', 'app_user.id', 'break_glass_grant.user_id')
    .select(['break_glass_grant.id', 'break_glass_grant.user_id', 'app_user.name as user_name', 'break_glass_grant.reason', 'break_glass_grant.granted_at', 'break_glass_grant.expires_at'])
    .where('break_glass_grant.organization_id', '=', organizationId).where('break_glass_grant.client_id', '=', clientId).where('break_glass_grant.granted_at', '>=', since)
    .orderBy('break_glass_grant.granted_at', 'desc').limit(50).execute();
}

export async function hasActiveBreakGlass(db: Executor, organizationId: string, clientId: string, userId: string, now: string): Promise<boolean> {
  const row = await db.selectFrom('break_glass_grant').select('id').where('organization_id', '=', organizationId).where('client_id', '=', clientId)
    .where('user_id', '=', userId).where('expires_at', '>', now).executeTakeFirst();
  return row !== undefined;
}
