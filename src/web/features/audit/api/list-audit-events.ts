import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEventView, AuditSortField } from '../../../../contracts/audit.contract';
import { apiRequest } from '../../../lib/api';

/** One audit event as the report shows it (never clinical content). */
export type AuditEvent = z.infer<typeof AuditEventView>;
/** A column the server lets the report sort on. */
export type AuditSortKey = z.infer<typeof AuditSortField>;

/** The report's filters and sort, as the API takes them. */
export interface AuditQuery {
  from?: string;
  to?: string;
  userId?: string;
  clientId?: string;
  action?: string;
  sort: AuditSortKey;
  order: 'asc' | 'desc';
  cursor?: string;
}

/** Rows per page of the audit report. */
export const auditPageSize = 50;

/** One page of the audit report. */
export function listAuditEvents(query: AuditQuery, signal?: AbortSignal): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  return apiRequest('/api/v1/audit-events', { query: { ...query, limit: auditPageSize }, signal });
}

/** The audit report query, keeping the last page visible while the next loads. */
export function useAuditEvents(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit-events', query],
    queryFn: ({ signal }) => listAuditEvents(query, signal),
    placeholderData: keepPreviousData,
  });
}
