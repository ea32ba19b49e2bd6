import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ClientPage } from '../../../../contracts/clients.contract';
import { apiRequest } from '../../../lib/api';
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
export function listClients(filters: ClientListFilters, signal?: AbortSignal): Promise<z.infer<typeof ClientPage>> {
  return apiRequest('/api/v1/clients', { query: { ...filters, limit: caseloadPageSize }, signal });
}

/** The caseload page, keeping the previous page on screen while the next one loads. */
export function useClientList(filters: ClientListFilters) {
  return useQuery({
    queryKey: clientKeys.list({ ...filters }),
    queryFn: ({ signal }) => listClients(filters, signal),
    placeholderData: keepPreviousData,
  });
}
