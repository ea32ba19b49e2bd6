import type { SessionInfo } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';

/** Turn TOTP off (password re-entered); refused with 403 when the organization requires MFA. */
export function disableTotp(password: string): Promise<SessionInfo | undefined> {
  return apiRequest('/api/v1/auth/mfa/totp/disable', { method: 'POST', body: { password } });
}
