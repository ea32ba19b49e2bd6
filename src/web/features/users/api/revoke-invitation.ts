import { apiRequest } from '../../../lib/api';

/** Revoke a pending invitation so that its link stops working. */
export function revokeInvitation(id: string): Promise<void> {
  return apiRequest(`/api/v1/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
