import type { z } from 'zod';
import type { SessionInfo, SetupBody } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';

/** Create the organization and its first administrator; the server signs that administrator in. */
export function completeSetup(body: z.input<typeof SetupBody>): Promise<SessionInfo> {
  return apiRequest('/api/v1/setup', { method: 'POST', body, unauthenticatedIsExpected: true });
}
