import { z } from 'zod';
import { Id, IsoDate, PageQuery, page } from './common';

export const AuditAction = z.enum([
  'create', 'read', 'update', 'delete', 'query', 'sign', 'export', 'disclose', 'login', 'login-failed',
  'logout', 'timeout', 'denied', 'privilege-change', 'break-glass',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** Columns the audit report may sort on: an allow-list, never a column name taken from input. */
export const AuditSortField = z.enum(['recordedAt', 'actorName', 'actorRole', 'action', 'entityType', 'clientId', 'outcome', 'sourceIp', 'seq']);

export const AuditQuery = PageQuery.extend({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  userId: Id.optional(),
  clientId: Id.optional(),
  action: AuditAction.optional(),
  sort: AuditSortField.default('recordedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const AuditEventView = z.object({
  id: z.string(),
  /** Which of the organization's hash chains holds the event (0 unless writers ran side by side on PostgreSQL). */
  chain: z.number().int(),
  /** The event's place in its chain. */
  seq: z.number().int(),
  recordedAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  clientId: z.string().nullable(),
  sensitivity: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  sourceIp: z.string().nullable(),
  requestId: z.string().nullable(),
});
export const AuditPage = page(AuditEventView);
