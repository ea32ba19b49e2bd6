import type { ClientView } from '../../../../contracts/clients.contract';
import { apiRequest } from '../../../lib/api';

/** Hand a client over to another (supervised) clinician, with a reason. */
export function transferClient(id: string, version: number, body: { clinicianId: string; reason: string }): Promise<ClientView> {
  return apiRequest(`/api/v1/clients/${encodeURIComponent(id)}/transfer`, { method: 'POST', body, version });
}
