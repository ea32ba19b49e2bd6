import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SupervisionAssignmentView } from '../../../../contracts/users.contract';
import { apiRequest } from '../../../lib/api';
import { userKeys } from './user-keys';

/** Who supervises whom. */
export type SupervisionAssignment = z.infer<typeof SupervisionAssignmentView>;

/** Every supervision assignment of the organization. */
export function listSupervisionAssignments(signal?: AbortSignal): Promise<{ items: SupervisionAssignment[] }> {
  return apiRequest('/api/v1/supervision-assignments', { signal });
}

/** The assignments query. */
export function useSupervisionAssignments() {
  return useQuery({ queryKey: userKeys.assignments, queryFn: ({ signal }) => listSupervisionAssignments(signal) });
}
