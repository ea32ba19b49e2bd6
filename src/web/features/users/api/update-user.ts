import type { z } from 'zod';
import type { UserUpdateBody, UserView } from '../../../../contracts/users.contract';
import { apiRequest } from '../../../lib/api';

/** Change a user's role or status; disabling ends their sessions at once on the server. */
export function updateUser(id: string, version: number, body: z.input<typeof UserUpdateBody>): Promise<UserView> {
  return apiRequest(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'PATCH', body, version });
}
