import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { z } from 'zod';
import { AuditPage, AuditQuery } from '../../../contracts/audit.contract';
import { Problem } from '../../../contracts/common';
import { DomainError } from '../../../domain/errors';
import { audit } from '../../lib/audit';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';

/** Sort fields map to columns through this allow-list only: input never names a column (OpenEMR #1782). */
const SORT_COLUMNS = {
  recordedAt: 'audit_event.recorded_at', actorName: 'app_user.name', actorRole: 'audit_event.actor_role', action: 'audit_event.action',
  entityType: 'audit_event.entity_type', clientId: 'audit_event.client_id', outcome: 'audit_event.outcome', sourceIp: 'audit_event.source_ip', seq: 'audit_event.seq',
} as const;

/** Sort fields whose columns are NOT NULL in the schema. */
const NEVER_EMPTY: ReadonlySet<keyof typeof SORT_COLUMNS> = new Set(['recordedAt', 'action', 'entityType', 'outcome', 'seq']);

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const value = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(value) || value < 0) throw new DomainError('validation', 'is not a cursor this server issued', { field: 'cursor' });
  return value;
}

/** The audit report (ONC d3): by period, user, client and action, sortable on every column. */
export async function auditReport(ctx: RequestContext, query: z.infer<typeof AuditQuery>) {
  const actor = requireActor(ctx);
  const offset = decodeOffset(query.cursor);
  return inTransaction(ctx, async (tx) => {
    let q = tx.selectFrom('audit_event').leftJoin('app_user', 'app_user.id', 'audit_event.actor_id')
      .select(['audit_event.id', 'audit_event.chain', 'audit_event.seq', 'audit_event.recorded_at', 'audit_event.actor_id', 'app_user.name as actor_name', 'audit_event.actor_role',
        'audit_event.action', 'audit_event.entity_type', 'audit_event.entity_id', 'audit_event.client_id', 'audit_event.sensitivity', 'audit_event.outcome',
        'audit_event.reason', 'audit_event.source_ip', 'audit_event.request_id'])
      .where('audit_event.organization_id', '=', actor.organizationId);
    if (query.from) q = q.where('audit_event.recorded_at', '>=', `${query.from}T00:00:00.000Z`);
    if (query.to) q = q.where('audit_event.recorded_at', '<', new Date(Date.parse(`${query.to}T00:00:00.000Z`) + 86_400_000).toISOString());
    if (query.userId) q = q.where('audit_event.actor_id', '=', query.userId);
    if (query.clientId) q = q.where('audit_event.client_id', '=', query.clientId);
    if (query.action) q = q.where('audit_event.action', '=', query.action);
    // Empty values sort last in both directions on both databases (their defaults differ); columns
    // that are never empty skip that step, so an index in the order asked for answers a page without
    // sorting every event of the organization. Ties, and the number sort itself, go by chain and then
    // place in the chain.
    let ordered = q;
    if (!NEVER_EMPTY.has(query.sort)) ordered = ordered.orderBy(sql`case when ${sql.ref(SORT_COLUMNS[query.sort])} is null then 1 else 0 end`);
    if (query.sort !== 'seq') ordered = ordered.orderBy(SORT_COLUMNS[query.sort], query.order);
    const rows = await ordered.orderBy('audit_event.chain', query.order).orderBy('audit_event.seq', query.order)
      .limit(query.limit + 1).offset(offset).execute();
    await audit(tx, ctx, { action: 'query', entityType: 'audit-event', clientId: query.clientId ?? null });
    const pageRows = rows.slice(0, query.limit);
    return {
      items: pageRows.map((r) => ({
        id: r.id, chain: Number(r.chain), seq: Number(r.seq), recordedAt: r.recorded_at, actorId: r.actor_id, actorName: r.actor_name ?? null, actorRole: r.actor_role, action: r.action,
        entityType: r.entity_type, entityId: r.entity_id, clientId: r.client_id, sensitivity: r.sensitivity, outcome: r.outcome, reason: r.reason, sourceIp: r.source_ip, requestId: r.request_id,
      })),
      nextCursor: rows.length > query.limit ? Buffer.from(String(offset + query.limit)).toString('base64url') : null,
    };
  });
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/audit-events', {
    config: { permission: 'audit.read' },
    schema: { tags: ['audit'], summary: 'Audit report: filter by period, user, client and action; sort on any column', querystring: AuditQuery, response: { 200: AuditPage, 400: Problem, 401: Problem, 403: Problem } },
  }, async (request) => auditReport(request.ctx, request.query));
}
