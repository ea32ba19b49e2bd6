import { useQuery } from '@tanstack/react-query';
import type { ClientView } from '../../../../contracts/clients.contract';
import { apiRequest, isApiError } from '../../../lib/api';
import { clientKeys } from './client-keys';

/** One client record with its version (for If-Match) and recent break-glass grants. */
export function getClient(id: string, signal?: AbortSignal): Promise<ClientView> {
  return apiRequest(`/api/v1/clients/${encodeURIComponent(id)}`, { signal });
}

/** The client record; a 404 (missing, or not the actor's to see) is not retried. */
export function useClient(id: string) {
  return useQuery({
    queryKey: clientKeys.detail(id),
    queryFn: ({ signal }) => getClient(id, signal),
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
}
