import type { Organization } from './get-organization';
import { apiRequest } from '../../../lib/api';

/** Rename the organization or require MFA for everyone, based on the version read. */
export function updateOrganization(version: number, body: { name?: string; requireMfa?: boolean }): Promise<Organization> {
  return apiRequest('/api/v1/organization', { method: 'PATCH', body, version });
}
