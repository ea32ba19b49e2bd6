import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ClientPage } from '../../../../contracts/clients.contract';
import { apiRequest } from '../../../lib/api';
import { takeEarlyPageData } from '../../../lib/early-requests';
import { clientKeys } from './client-keys';

/** Caseload filters as the API takes them. */
export interface ClientListFilters {
  q?: string;
  status: 'active' | 'archived' | 'all';
  clinicianId?: string;
  cursor?: string;
}

/** Page size of the caseload. */
export const caseloadPageSize = 25;

/** One page of the caseload the actor may see (own clients, or supervised clinicians' clients). */
export function listClients(filters: ClientListFilters, signal?: AbortSignal, early = false): Promise<z.infer<typeof ClientPage>> {
  // Asked early, before the session is known, a 401 is an answer rather than "the session ended".
  return apiRequest('/api/v1/clients', { query: { ...filters, limit: caseloadPageSize }, signal, unauthenticatedIsExpected: early });
}

/** The caseload opened without filters (its address has no query string): what a page load asks early. */
export const defaultCaseloadFilters: ClientListFilters = { status: 'active' };

/** The name an early request of this list goes by (app/start-early-requests.ts): its query key. */
export function clientListEarlyName(filters: ClientListFilters): string {
  return JSON.stringify(clientKeys.list({ ...filters }));
}

/**
 * The caseload page, keeping the previous page on screen while the next one loads. The first page of
 * a page load may already have been asked for while the app's script was starting.
 */
export function useClientList(filters: ClientListFilters) {
  return useQuery({
    queryKey: clientKeys.list({ ...filters }),
    queryFn: ({ signal }) => takeEarlyPageData(clientListEarlyName(filters), () => listClients(filters, signal)),
    placeholderData: keepPreviousData,
  });
}
