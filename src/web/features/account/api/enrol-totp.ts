import type { z } from 'zod';
import type { TotpEnrolment } from '../../../../contracts/auth.contract';
import { apiRequest } from '../../../lib/api';

/** Start TOTP enrolment: the server makes a secret that becomes active only once confirmed. */
export function enrolTotp(): Promise<z.infer<typeof TotpEnrolment>> {
  return apiRequest('/api/v1/auth/mfa/totp/enrol', { method: 'POST' });
}
