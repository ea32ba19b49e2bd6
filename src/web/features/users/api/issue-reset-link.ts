import { apiRequest } from '../../../lib/api';

/** Make a one-time password reset link for a user, shown once to the administrator to pass on. */
export function issueResetLink(id: string): Promise<{ link: string; expiresAt: string }> {
  return apiRequest(`/api/v1/users/${encodeURIComponent(id)}/reset-link`, { method: 'POST' });
}
