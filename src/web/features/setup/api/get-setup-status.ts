import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SetupStatus } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';
import { takeEarly } from '../../../lib/early-requests';

/** Query key of the first-run status; setup sets it to `{ needsSetup: false }` when done. */
export const setupStatusKey = ['setup-status'] as const;

/** Is this a fresh installation that still needs its organization and first administrator? */
export function getSetupStatus(): Promise<z.infer<typeof SetupStatus>> {
  return apiRequest('/api/v1/setup/status', { unauthenticatedIsExpected: true });
}

/** The first-run status, fetched once per page load (it only changes through the setup page). */
export function useSetupStatus() {
  return useQuery({ queryKey: setupStatusKey, queryFn: () => takeEarly(setupStatusKey[0], getSetupStatus), staleTime: Infinity, retry: 1 });
}
