import { apiRequest } from '../../../lib/api';

/** End the session on the server (the cookie alone is not trusted to be gone). */
export function signOut(): Promise<void> {
  return apiRequest('/api/v1/auth/logout', { method: 'POST', unauthenticatedIsExpected: true });
}
