import type { SupervisionAssignment } from './list-supervision-assignments';
import { apiRequest } from '../../../lib/api';

/** Make a supervisor responsible for a clinician (they then see that clinician's caseload). */
export function createSupervisionAssignment(body: { supervisorId: string; clinicianId: string }): Promise<SupervisionAssignment> {
  return apiRequest('/api/v1/supervision-assignments', { method: 'POST', body });
}
