import type { z } from 'zod';
import type { PasswordResetCompleteBody } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';

/** Set a new password with a reset link's token (204); the person then signs in as usual. */
export function completePasswordReset(body: z.input<typeof PasswordResetCompleteBody>): Promise<void> {
  return apiRequest('/api/v1/password-resets/complete', { method: 'POST', body, unauthenticatedIsExpected: true });
}
