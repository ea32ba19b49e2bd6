import type { ClientView } from '../../../../contracts/clients.contract';
import { apiRequest } from '../../../lib/api';

/** Archive a client (soft, with a reason, audited); the record stays readable. */
export function archiveClient(id: string, version: number, reason: string): Promise<ClientView> {
  return apiRequest(`/api/v1/clients/${encodeURIComponent(id)}/archive`, { method: 'POST', body: { reason }, version });
}
