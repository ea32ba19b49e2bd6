import type { z } from 'zod';
import type { ClientUpdateBody, ClientView } from '../../../../contracts/clients.contract';
import { apiRequest } from '../../../lib/api';

/** Change fields of a client record, based on the version the user saw (412 if someone got there first). */
export function updateClient(id: string, version: number, body: z.input<typeof ClientUpdateBody>): Promise<ClientView> {
  return apiRequest(`/api/v1/clients/${encodeURIComponent(id)}`, { method: 'PATCH', body, version });
}
