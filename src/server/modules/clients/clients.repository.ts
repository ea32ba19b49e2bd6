import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, Executor } from '../../db/database';
import { byText, jsonRows, rowsOfJson } from '../../db/json-rows';
import { reusableQuery } from '../../db/reusable-query';
import { RiskLevel } from '../../../contracts/risk.contract';
import { containsText } from '../../lib/like';
import type { ClientTable } from './clients.table';

/** A client with its counsellor's name and the rank of its highest open risk flag (see openRiskRank). */
export type ClientRow = ClientTable & { clinician_name: string; open_risk_rank: number | null };

/** Open risk levels by rank (the contract's RiskLevel lists them lowest first; 0 is none): the caseload and the client page show the highest. */
export const RISK_LEVELS_BY_RANK = [null, ...RiskLevel.options] as const;

const rankOfLevel = sql.join(RiskLevel.options.map((level, i) => sql`when ${sql.lit(level)} then ${sql.lit(i + 1)}`), sql` `);

/**
 * The highest open risk level of the row's client as a rank (see RISK_LEVELS_BY_RANK; null when none
 * is open), read in the client's own query instead of a second one: one index probe on
 * risk_flag_client per client, the same on SQLite and PostgreSQL.
 */
function openRiskRank(eb: ExpressionBuilder<Database, 'client'>) {
  return eb.selectFrom('risk_flag').select(sql<number | null>`max(case risk_flag.level ${rankOfLevel} end)`.as('rank'))
    .whereRef('risk_flag.organization_id', '=', 'client.organization_id').whereRef('risk_flag.client_id', '=', 'client.id').where('risk_flag.status', '=', 'open')
    .as('open_risk_rank');
}

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
  .innerJoin('app_user', 'app_user.id', 'client.clinician_id').select([...columns, 'app_user.name as clinician_name']).select(openRiskRank)
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

/** The columns a caseload row shows (ClientSummary): turning a column into a value costs about a microsecond a row. */
const summaryColumns = [
  'client.id', 'client.organization_id', 'client.display_name', 'client.preferred_name', 'client.identifier', 'client.date_of_birth', 'client.clinician_id',
  'client.status', 'client.updated_at',
] as const;

export type CaseloadRow = Pick<ClientRow, 'id' | 'organization_id' | 'display_name' | 'preferred_name' | 'identifier' | 'date_of_birth' | 'clinician_id' | 'status' | 'updated_at' | 'clinician_name' | 'open_risk_rank'>;

/** A page of a caseload, ordered by name then id (keyset pagination: stable while rows change). */
export async function listClients(db: Executor, query: CaseloadQuery): Promise<CaseloadRow[]> {
  if (query.clinicianIds.length === 0) return [];
  let q = db.selectFrom('client').innerJoin('app_user', 'app_user.id', 'client.clinician_id').select([...summaryColumns, 'app_user.name as clinician_name']).select(openRiskRank)
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

// Shown on every client page: built once.
/** A break-glass grant on a client, with the name of the person it was granted to. */
export type BreakGlassGrantRow = { id: string; user_id: string; user_name: string; reason: string; granted_at: string; expires_at: string };

/** The newest 50 break-glass grants on a client since a time (the client page lists them). */
function grantsSince(db: Kysely<Database>, p: { organizationId: string; clientId: string; since: string }) {
  return db.selectFrom('break_glass_grant').innerJoin('app_user', 'app_user.id', 'break_glass_grant.user_id')
    .select(['break_glass_grant.id', 'break_glass_grant.user_id', 'app_user.name as user_name', 'break_glass_grant.reason', 'break_glass_grant.granted_at', 'break_glass_grant.expires_at'])
    .where('break_glass_grant.organization_id', '=', p.organizationId).where('break_glass_grant.client_id', '=', p.clientId).where('break_glass_grant.granted_at', '>=', p.since)
    .orderBy('break_glass_grant.granted_at', 'desc').limit(50);
}

const breakGlassGrantsSince = reusableQuery<{ organizationId: string; clientId: string; since: string }, BreakGlassGrantRow>(['organizationId', 'clientId', 'since'], grantsSince);

export async function recentBreakGlassGrants(db: Executor, organizationId: string, clientId: string, since: string): Promise<BreakGlassGrantRow[]> {
  return breakGlassGrantsSince(db, { organizationId, clientId, since });
}

/**
 * The client page's query: the client and its recent break-glass grants in one statement (one round
 * trip instead of two; db/json-rows.ts). The page is a third of what counsellors open.
 */
const clientWithGrantsById = reusableQuery<{ organizationId: string; id: string; since: string }, ClientRow & { recent_grants: BreakGlassGrantRow[] | string }>(['organizationId', 'id', 'since'], (db, p) => db.selectFrom('client')
  .innerJoin('app_user', 'app_user.id', 'client.clinician_id').select([...columns, 'app_user.name as clinician_name']).select(openRiskRank)
  .select(jsonRows(db, grantsSince(db, { organizationId: p.organizationId, clientId: p.id, since: p.since })).as('recent_grants'))
  .where('client.organization_id', '=', p.organizationId).where('client.id', '=', p.id));

/** findClient with the client's break-glass grants since `since`, newest first (as recentBreakGlassGrants gives them). */
export async function findClientWithRecentGrants(db: Executor, organizationId: string, id: string, since: string): Promise<{ client: ClientRow; grants: BreakGlassGrantRow[] } | undefined> {
  const [row] = await clientWithGrantsById(db, { organizationId, id, since });
  if (!row) return undefined;
  const { recent_grants, ...client } = row;
  const grants = rowsOfJson(recent_grants).sort(byText((g) => g.granted_at, 'desc'));
  return { client, grants };
}

export async function hasActiveBreakGlass(db: Executor, organizationId: string, clientId: string, userId: string, now: string): Promise<boolean> {
  const row = await db.selectFrom('break_glass_grant').select('id').where('organization_id', '=', organizationId).where('client_id', '=', clientId)
    .where('user_id', '=', userId).where('expires_at', '>', now).executeTakeFirst();
  return row !== undefined;
}
