import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { containsText } from '../../lib/like';
import type { UserTable } from './users.table';

export type UserRow = UserTable;

/**
 * A user as a signed-in request sees them: who they are and whether two-step sign-in is on, but not
 * the password hash or the TOTP secrets. Those are read only where they are checked (sign-in, MFA
 * changes, password reset), so no request context, handler or log line ever holds them.
 */
export type SessionUser = Pick<UserRow, 'id' | 'organization_id' | 'email' | 'name' | 'role' | 'status'> & { mfa_enabled: boolean };

export function sessionUserOf(row: UserRow): SessionUser {
  return { id: row.id, organization_id: row.organization_id, email: row.email, name: row.name, role: row.role, status: row.status, mfa_enabled: row.totp_secret !== null };
}

/** A SQL condition selected as a column (`totp_secret is not null`), as the driver answers it: a boolean on PostgreSQL, 0 or 1 on SQLite. */
export function sqlFlag(value: unknown): boolean {
  return value === true || value === 1 || value === 1n;
}

export async function findSessionUser(db: Executor, organizationId: string, id: string): Promise<SessionUser | undefined> {
  const row = await db.selectFrom('app_user').select(['id', 'organization_id', 'email', 'name', 'role', 'status'])
    .select((eb) => eb('totp_secret', 'is not', null).as('mfa_enabled'))
    .where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  return row && { ...row, mfa_enabled: sqlFlag(row.mfa_enabled) };
}

/** Sign-in looks a user up by e-mail across the installation (e-mail is unique). */
export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Executor, organizationId: string, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await db.insertInto('app_user').values(row).execute();
}

export async function listUsers(db: Executor, organizationId: string, filter: { role?: string; status?: string; q?: string }): Promise<UserRow[]> {
  let query = db.selectFrom('app_user').selectAll().where('organization_id', '=', organizationId);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([containsText(sql.ref('name'), q), containsText(sql.ref('email'), q)]));
  }
  return query.orderBy('name').orderBy('id').limit(1000).execute();
}

/** Optimistic update: changes the row only at the version read; answers the new row or undefined when stale. */
export async function updateUserAtVersion(db: Executor, organizationId: string, id: string, version: number, changes: Partial<UserRow>): Promise<UserRow | undefined> {
  const result = await db.updateTable('app_user').set({ ...changes, version: version + 1 })
    .where('organization_id', '=', organizationId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findUserById(db, organizationId, id);
}

/** Unversioned bookkeeping (last sign-in, TOTP step): not something two people edit. */
export async function setUserFields(db: Executor, organizationId: string, id: string, changes: Partial<Pick<UserRow, 'last_login_at' | 'totp_last_step' | 'totp_pending_secret' | 'totp_secret' | 'password_hash' | 'updated_at'>>): Promise<void> {
  await db.updateTable('app_user').set(changes).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export async function supervisedClinicianIds(db: Executor, organizationId: string, supervisorId: string): Promise<string[]> {
  const rows = await db.selectFrom('supervision_assignment').select('clinician_id')
    .where('organization_id', '=', organizationId).where('supervisor_id', '=', supervisorId).execute();
  return rows.map((r) => r.clinician_id);
}

export async function supervisorIdsByClinician(db: Executor, organizationId: string): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('supervision_assignment').select(['clinician_id', 'supervisor_id']).where('organization_id', '=', organizationId).execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.clinician_id, [...(map.get(r.clinician_id) ?? []), r.supervisor_id]);
  return map;
}

/** Moves the last accepted TOTP step forward only if it is newer: answers false for a replayed step. */
export async function claimTotpStep(db: Executor, organizationId: string, id: string, step: number): Promise<boolean> {
  const result = await db.updateTable('app_user').set({ totp_last_step: step })
    .where('organization_id', '=', organizationId).where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active administrators of an organization, locked on PostgreSQL so two demotions cannot both pass the last-admin check. */
export async function lockActiveAdmins(db: Executor, organizationId: string, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  let q = db.selectFrom('app_user').select('id').where('organization_id', '=', organizationId).where('role', '=', 'admin').where('status', '=', 'active');
  if (dialect === 'postgres') q = q.forUpdate();
  return (await q.execute()).map((r) => r.id);
}
