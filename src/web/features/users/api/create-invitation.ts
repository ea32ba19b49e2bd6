import type { z } from 'zod';
import type { InvitationCreateBody, InvitationCreated } from '../../../../contracts/users.contract';
import { apiRequest } from '../../../lib/api';

/** Invite someone; the answer carries the link, which is shown once (no mail server is needed). */
export function createInvitation(body: z.input<typeof InvitationCreateBody>, idempotencyKey: string): Promise<z.infer<typeof InvitationCreated>> {
  return apiRequest('/api/v1/invitations', { method: 'POST', body, idempotencyKey });
}
