import { useQuery } from '@tanstack/react-query';
import type { UserView } from '../../../../contracts/users.contract';
import { apiRequest } from '../../../lib/api';
import { userKeys } from './user-keys';

/** Every staff account of the organization (administrators only). */
export function listUsers(signal?: AbortSignal): Promise<{ items: UserView[] }> {
  return apiRequest('/api/v1/users', { signal });
}

/** The user list query, shared by the users page and the user pickers; refetched whenever a page opens (people accept invitations meanwhile). */
export function useUsers(enabled = true) {
  return useQuery({ queryKey: userKeys.users, queryFn: ({ signal }) => listUsers(signal), enabled, staleTime: 0 });
}
