import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api';

/**
 * Server state lives in TanStack Query's memory cache only: no persister, so nothing from the API
 * (client records included) is ever written to localStorage, IndexedDB or the Cache API. Errors the
 * user must act on (4xx) are not retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        gcTime: 5 * 60_000,
        retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
