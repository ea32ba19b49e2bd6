import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { OrganizationView } from '../../../../contracts/users.contract';
import { apiRequest } from '../../../lib/api';
import { userKeys } from './user-keys';

/** The organization's settings, with the version to send back on change. */
export type Organization = z.infer<typeof OrganizationView>;

/** Read the organization's settings. */
export function getOrganization(signal?: AbortSignal): Promise<Organization> {
  return apiRequest('/api/v1/organization', { signal });
}

/** The organization query. */
export function useOrganization() {
  return useQuery({ queryKey: userKeys.organization, queryFn: ({ signal }) => getOrganization(signal) });
}
