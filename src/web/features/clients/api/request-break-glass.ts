import { apiRequest } from '../../../lib/api';

/** Emergency, time-limited, read-only access to a record the actor cannot normally see; audited and shown to the owner. */
export function requestBreakGlass(id: string, reason: string): Promise<unknown> {
  return apiRequest(`/api/v1/clients/${encodeURIComponent(id)}/break-glass`, { method: 'POST', body: { reason } });
}
