import type { z } from 'zod';
import type { InvitationLookup } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';

/** What an invitation link is for (e-mail, role, organization), before the person accepts it. */
export function lookupInvitation(token: string): Promise<z.infer<typeof InvitationLookup>> {
  return apiRequest('/api/v1/invitations/lookup', { method: 'POST', body: { token }, unauthenticatedIsExpected: true });
}
