import type { z } from 'zod';
import type { InvitationAcceptBody, SessionInfo } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';

/** Accept an invitation: creates the account and signs it in. */
export function acceptInvitation(body: z.input<typeof InvitationAcceptBody>): Promise<SessionInfo> {
  return apiRequest('/api/v1/invitations/accept', { method: 'POST', body, unauthenticatedIsExpected: true });
}
