import { apiRequest } from '../../../lib/api';

/** End a supervision assignment. */
export function deleteSupervisionAssignment(id: string): Promise<void> {
  return apiRequest(`/api/v1/supervision-assignments/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
