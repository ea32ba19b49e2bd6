import type { z } from 'zod';
import type { ClientCreateBody, ClientView } from '../../../../contracts/clients.contract';
import { apiRequest } from '../../../lib/api';

/** Create a client record; the Idempotency-Key makes a retried submission return the same record. */
export function createClient(body: z.input<typeof ClientCreateBody>, idempotencyKey: string): Promise<ClientView> {
  return apiRequest('/api/v1/clients', { method: 'POST', body, idempotencyKey });
}
