import type { z } from 'zod';
import type { LoginBody, SessionInfo } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';

/** Sign in with e-mail and password (and the TOTP code once the server has asked for it). */
export function signIn(body: z.input<typeof LoginBody>): Promise<SessionInfo> {
  return apiRequest('/api/v1/auth/login', { method: 'POST', body, unauthenticatedIsExpected: true });
}
