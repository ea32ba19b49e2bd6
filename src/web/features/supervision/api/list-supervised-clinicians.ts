import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SupervisedClinician } from '../../../../contracts/users.contract';
import { apiRequest } from '../../../lib/api';

/** A clinician the signed-in supervisor supervises, with their active caseload size. */
export type SupervisedClinicianView = z.infer<typeof SupervisedClinician>;

/** The clinicians the actor supervises. */
export function listSupervisedClinicians(signal?: AbortSignal): Promise<{ items: SupervisedClinicianView[] }> {
  return apiRequest('/api/v1/supervision/clinicians', { signal });
}

/** Query for the supervised clinicians (supervision page, clinician pickers); refetched whenever one opens, as assignments change elsewhere. */
export function useSupervisedClinicians(enabled = true) {
  return useQuery({ queryKey: ['supervision', 'clinicians'], queryFn: ({ signal }) => listSupervisedClinicians(signal), enabled, staleTime: 0 });
}
