import type { z } from 'zod';
import { authorizeOnClient } from './client-access';
import { ClientPage, ClientView, type ClientCreateBody, type ClientListQuery, type ClientSummary, type ClientUpdateBody } from '../../../contracts/clients.contract';
import type { Actor } from '../../../domain/access/policy';
import { DomainError } from '../../../domain/errors';
import { audit } from '../../lib/audit';
import { authorize, notFound } from '../../lib/authorize';
import { addSeconds, isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { answerAuditedRead, auditedReadTask, type ReadAnswer } from '../../lib/read-audit';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import type { Executor, Tx } from '../../db/database';
import { findUserById } from '../users/users.repository';
import type { ClientTable } from './clients.table';
import {
  findClient, findClientWithRecentGrants, insertClient, listClients, recentBreakGlassGrants, type BreakGlassGrantRow, RISK_LEVELS_BY_RANK, searchTextOf, updateClientAtVersion, type CaseloadRow, type ClientRow,
} from './clients.repository';

/** Break-glass grants last one hour (security-reference §8 row 34). */
export const BREAK_GLASS_SECONDS = 60 * 60;

function toSummary(row: CaseloadRow): ClientSummary {
  return {
    id: row.id, displayName: row.display_name, preferredName: row.preferred_name, identifier: row.identifier, dateOfBirth: row.date_of_birth,
    clinicianId: row.clinician_id, clinicianName: row.clinician_name, status: row.status as ClientSummary['status'], updatedAt: row.updated_at,
    openRiskLevel: RISK_LEVELS_BY_RANK[Number(row.open_risk_rank ?? 0)] ?? null,
  };
}

/** Break-glass grants of the last 30 days are shown on the client page. */
const grantsShownSince = (ctx: RequestContext) => addSeconds(isoNow(ctx.clock), -30 * 24 * 3600);

async function toView(tx: Executor, ctx: RequestContext, row: ClientRow): Promise<ClientView> {
  return viewOf(row, await recentBreakGlassGrants(tx, row.organization_id, row.id, grantsShownSince(ctx)));
}

function viewOf(row: ClientRow, grants: readonly BreakGlassGrantRow[]): ClientView {
  return {
    ...toSummary(row), pronouns: row.pronouns, language: row.language, phone: row.phone, email: row.email, address: row.address,
    emergencyContactName: row.emergency_contact_name, emergencyContactPhone: row.emergency_contact_phone, emergencyContactRelationship: row.emergency_contact_relationship,
    archivedAt: row.archived_at, archiveReason: row.archive_reason, createdAt: row.created_at, version: Number(row.version),
    breakGlassGrants: grants.map((g) => ({ id: g.id, userId: g.user_id, userName: g.user_name, reason: g.reason, grantedAt: g.granted_at, expiresAt: g.expires_at })),
  };
}

/** Loads a client and checks the actor may take `action` on it; a refusal looks exactly like a missing record. */
export async function loadAuthorizedClient(tx: Executor, ctx: RequestContext, id: string, action: 'client.read' | 'client.update' | 'client.archive' | 'client.transfer'): Promise<ClientRow> {
  const actor = requireActor(ctx);
  const row = await findClient(tx, actor.organizationId, id);
  if (!row) throw notFound('client');
  await authorizeOnClient(tx, ctx, action, { clientId: id, clinicianId: row.clinician_id }, { entityType: 'client', entityId: id });
  return row;
}

/** Clinicians whose caseloads this actor may list. */
function visibleClinicianIds(actor: Actor): string[] {
  if (actor.role === 'clinician') return [actor.userId];
  if (actor.role === 'supervisor') return [actor.userId, ...actor.supervisedClinicianIds];
  return [];
}

function encodeCursor(row: Pick<CaseloadRow, 'display_name' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.display_name, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { name: value[0], id: value[1] };
  } catch {
    // fall through to the error below
  }
  throw new DomainError('validation', 'is not a cursor this server issued', { field: 'cursor' });
}

const caseloadRead = auditedReadTask('client.caseload', async (tx, ctx, query: z.infer<typeof ClientListQuery>, record) => {
  const actor = requireActor(ctx);
  const visible = visibleClinicianIds(actor);
  const clinicianIds = query.clinicianId ? visible.filter((id) => id === query.clinicianId) : visible;
  const rows = await listClients(tx, {
    organizationId: actor.organizationId, clinicianIds, status: query.status, q: query.q || undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined, limit: query.limit,
  });
  const pageRows = rows.slice(0, query.limit);
  record({ action: 'query', entityType: 'client', reason: query.q ? 'caseload search' : 'caseload' });
  return { items: pageRows.map(toSummary), nextCursor: rows.length > query.limit && pageRows.length > 0 ? encodeCursor(pageRows[pageRows.length - 1]!) : null };
}, { response: ClientPage });

/** A page of the caseload, as the route sends it (read-audit.ts answerAuditedRead). */
export async function listCaseload(ctx: RequestContext, query: z.infer<typeof ClientListQuery>): Promise<ReadAnswer<z.infer<typeof ClientPage>>> {
  return answerAuditedRead(ctx, caseloadRead, query);
}

async function assignableClinician(tx: Tx, actor: Actor, clinicianId: string | undefined, field: string): Promise<string> {
  const target = clinicianId ?? actor.userId;
  const allowed = actor.role === 'supervisor' ? [actor.userId, ...actor.supervisedClinicianIds] : [actor.userId];
  if (!allowed.includes(target)) throw new DomainError('validation', 'must be yourself or a clinician you supervise', { field });
  const user = await findUserById(tx, actor.organizationId, target);
  if (!user || user.status !== 'active' || (user.role !== 'clinician' && user.role !== 'supervisor')) throw new DomainError('validation', 'must be an active clinician of this organization', { field });
  return target;
}

async function ensureUniqueIdentifier(tx: Tx, organizationId: string, identifier: string | null | undefined, exceptId?: string): Promise<void> {
  if (!identifier) return;
  let q = tx.selectFrom('client').select('id').where('organization_id', '=', organizationId).where('identifier', '=', identifier);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new DomainError('conflict', 'Another client already has this identifier.', { field: 'identifier' });
}

/** Creates a client on the actor's caseload (or a supervisee's); retries with the same Idempotency-Key make no duplicate. */
export async function createClient(ctx: RequestContext, body: z.infer<typeof ClientCreateBody>, idempotencyKey: string | undefined): Promise<StoredResponse<ClientView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, (tx) => withIdempotency(tx, ctx, idempotencyKey, 'POST /api/v1/clients', body, async () => {
    const clinicianId = await assignableClinician(tx, actor, body.clinicianId, 'clinicianId');
    await ensureUniqueIdentifier(tx, actor.organizationId, body.identifier);
    const now = isoNow(ctx.clock);
    const row: ClientTable = {
      id: newId(), organization_id: actor.organizationId, display_name: body.displayName, preferred_name: body.preferredName ?? null, search_text: '',
      date_of_birth: body.dateOfBirth, pronouns: body.pronouns ?? null, language: body.language ?? null, identifier: body.identifier ?? null,
      phone: body.phone ?? null, email: body.email ?? null, address: body.address ?? null, emergency_contact_name: body.emergencyContactName ?? null,
      emergency_contact_phone: body.emergencyContactPhone ?? null, emergency_contact_relationship: body.emergencyContactRelationship ?? null,
      clinician_id: clinicianId, status: 'active', archived_at: null, archive_reason: null, archived_by: null, created_at: now, updated_at: now, version: 1,
    };
    row.search_text = searchTextOf(row);
    await insertClient(tx, row);
    await audit(tx, ctx, { action: 'create', entityType: 'client', entityId: row.id, clientId: row.id });
    const created = await findClient(tx, actor.organizationId, row.id);
    return { statusCode: 201, body: await toView(tx, ctx, created!) };
  }));
}

const clientRead = auditedReadTask('client.read', async (tx, ctx, id: string, record) => {
  // The client and its grants in one statement; nothing of it leaves before the authorization below.
  const found = await findClientWithRecentGrants(tx, requireActor(ctx).organizationId, id, grantsShownSince(ctx));
  if (!found) throw notFound('client');
  await authorizeOnClient(tx, ctx, 'client.read', { clientId: id, clinicianId: found.client.clinician_id }, { entityType: 'client', entityId: id });
  record({ action: 'read', entityType: 'client', entityId: id, clientId: id });
  return viewOf(found.client, found.grants);
}, { response: ClientView, version: (view) => view.version });

/** One client record, as the route sends it, with its version for the ETag. */
export async function readClient(ctx: RequestContext, id: string): Promise<ReadAnswer<ClientView>> {
  return answerAuditedRead(ctx, clientRead, id);
}

const FIELD_COLUMNS: Record<keyof z.infer<typeof ClientUpdateBody>, keyof ClientTable> = {
  displayName: 'display_name', preferredName: 'preferred_name', dateOfBirth: 'date_of_birth', pronouns: 'pronouns', language: 'language', identifier: 'identifier',
  phone: 'phone', email: 'email', address: 'address', emergencyContactName: 'emergency_contact_name', emergencyContactPhone: 'emergency_contact_phone',
  emergencyContactRelationship: 'emergency_contact_relationship',
};

async function changeClient(ctx: RequestContext, id: string, version: number, action: 'client.update' | 'client.archive' | 'client.transfer', change: (tx: Tx, row: ClientRow) => Promise<Partial<ClientTable>>, auditEvent: { action: 'update' | 'delete'; reason?: string }): Promise<ClientView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await loadAuthorizedClient(tx, ctx, id, action);
    if (Number(row.version) !== version) throw staleVersion('client', Number(row.version));
    const changes = { ...(await change(tx, row)), updated_at: isoNow(ctx.clock) };
    if (!(await updateClientAtVersion(tx, actor.organizationId, id, version, changes))) throw staleVersion('client', Number(row.version) + 1);
    await audit(tx, ctx, { action: auditEvent.action, entityType: 'client', entityId: id, clientId: id, reason: auditEvent.reason ?? null });
    return toView(tx, ctx, (await findClient(tx, actor.organizationId, id))!);
  });
}

export async function updateClient(ctx: RequestContext, id: string, version: number, body: z.infer<typeof ClientUpdateBody>): Promise<ClientView> {
  return changeClient(ctx, id, version, 'client.update', async (tx, row) => {
    if (row.status === 'archived') throw new DomainError('conflict', 'This client is archived; archived records are read-only.');
    const changes: Partial<ClientTable> = {};
    for (const [key, column] of Object.entries(FIELD_COLUMNS) as Array<[keyof typeof FIELD_COLUMNS, keyof ClientTable]>) {
      if (body[key] !== undefined) (changes as Record<string, unknown>)[column] = body[key];
    }
    if (body.identifier !== undefined) await ensureUniqueIdentifier(tx, row.organization_id, body.identifier, row.id);
    changes.search_text = searchTextOf({ ...row, ...changes } as ClientTable);
    return changes;
  }, { action: 'update' });
}

/** Archiving is a soft delete with a reason; nothing is removed. */
export async function archiveClient(ctx: RequestContext, id: string, version: number, reason: string): Promise<ClientView> {
  const actor = requireActor(ctx);
  return changeClient(ctx, id, version, 'client.archive', async (_tx, row) => {
    if (row.status === 'archived') throw new DomainError('conflict', 'This client is already archived.');
    return { status: 'archived', archived_at: isoNow(ctx.clock), archive_reason: reason, archived_by: actor.userId };
  }, { action: 'delete', reason: 'archived' });
}

/** A supervisor moves a client to another clinician they supervise. */
export async function transferClient(ctx: RequestContext, id: string, version: number, clinicianId: string, reason: string): Promise<ClientView> {
  const actor = requireActor(ctx);
  return changeClient(ctx, id, version, 'client.transfer', async (tx, row) => {
    const target = await assignableClinician(tx, actor, clinicianId, 'clinicianId');
    if (target === row.clinician_id) throw new DomainError('validation', 'already holds this client', { field: 'clinicianId' });
    return { clinician_id: target };
  }, { action: 'update', reason: `transferred to another clinician: ${reason}` });
}

/**
 * Emergency access: a supervisor or administrator states a reason and gets one hour of read-only
 * access. Audited as break-glass; the case owner sees it on the client page.
 */
export async function breakGlass(ctx: RequestContext, clientId: string, reason: string) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await findClient(tx, actor.organizationId, clientId);
    if (!row) throw notFound('client');
    authorize(ctx, 'client.break-glass', { kind: 'client', organizationId: row.organization_id, clinicianId: row.clinician_id }, { entityType: 'client', entityId: clientId, clientId });
    const now = isoNow(ctx.clock);
    const grant = { id: newId(), organization_id: actor.organizationId, client_id: clientId, user_id: actor.userId, reason, granted_at: now, expires_at: addSeconds(now, BREAK_GLASS_SECONDS) };
    await tx.insertInto('break_glass_grant').values(grant).execute();
    await audit(tx, ctx, { action: 'break-glass', entityType: 'client', entityId: clientId, clientId, reason });
    const user = await findUserById(tx, actor.organizationId, actor.userId);
    return { id: grant.id, userId: grant.user_id, userName: user?.name ?? '', reason, grantedAt: grant.granted_at, expiresAt: grant.expires_at };
  });
}
