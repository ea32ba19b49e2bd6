import type { SessionInfo } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';

/** Prove the authenticator works with one code; answers the updated session (MFA now on). */
export function confirmTotp(code: string): Promise<SessionInfo> {
  return apiRequest('/api/v1/auth/mfa/totp/confirm', { method: 'POST', body: { code } });
}
