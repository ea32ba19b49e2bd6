import type { SessionInfo } from '../../../../contracts/auth.contract';
import { apiRequest, isApiError } from '../../../lib/api';

/** Query key of the current session (null when signed out). */
export const sessionKey = ['session'] as const;

/** The session behind the cookie, or null when there is none (401 is an answer here, not a failure). */
export async function getSession(): Promise<SessionInfo | null> {
  try {
    return await apiRequest<SessionInfo>('/api/v1/auth/session', { unauthenticatedIsExpected: true });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}
