import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { InvitationView } from '../../../../contracts/users.contract';
import { apiRequest } from '../../../lib/api';
import { userKeys } from './user-keys';

/** An invitation as listed (never with its link). */
export type InvitationItem = z.infer<typeof InvitationView>;

/** The organization's invitations. */
export function listInvitations(signal?: AbortSignal): Promise<{ items: InvitationItem[] }> {
  return apiRequest('/api/v1/invitations', { signal });
}

/** The invitations query, refetched whenever the page opens. */
export function useInvitations() {
  return useQuery({ queryKey: userKeys.invitations, queryFn: ({ signal }) => listInvitations(signal), staleTime: 0 });
}
