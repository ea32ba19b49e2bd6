import type { Organization } from './get-organization';
import { apiRequest } from '../../../lib/api';

/** Rename the organization, require MFA for everyone or change the risk settings, based on the version read. */
export function updateOrganization(version: number, body: { name?: string; requireMfa?: boolean; risk?: Organization['risk'] }): Promise<Organization> {
  return apiRequest('/api/v1/organization', { method: 'PATCH', body, version });
}
