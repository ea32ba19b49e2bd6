import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MaintenanceEpisodeBody, ProgressReview, RelapsePlan, RelapsePlanBody, TerminationRecord, TerminationRecordBody } from '../../../../../contracts/termination.contract';
import { apiRequest, isApiError } from '../../../../lib/api';

/** The termination phase's API calls and query keys (shapes from contracts/termination.contract.ts). */
export type { ProgressReview, RelapsePlan, TerminationRecord };

export const terminationKeys = {
  all: ['termination'] as const,
  review: (id: string) => [...terminationKeys.all, 'review', id] as const,
  record: (id: string) => [...terminationKeys.all, 'record', id] as const,
  plan: (id: string) => [...terminationKeys.all, 'plan', id] as const,
};

const base = (id: string) => `/api/v1/episodes/${encodeURIComponent(id)}`;
const retry = (count: number, error: unknown) => !(isApiError(error) && error.status < 500) && count < 2;

export function useProgressReview(id: string) {
  return useQuery({ queryKey: terminationKeys.review(id), queryFn: ({ signal }) => apiRequest<ProgressReview>(`${base(id)}/termination/progress-review`, { signal }), staleTime: 0, retry });
}
export function useTerminationRecord(id: string) {
  return useQuery({ queryKey: terminationKeys.record(id), queryFn: ({ signal }) => apiRequest<TerminationRecord>(`${base(id)}/termination`, { signal }), staleTime: 0, retry });
}
export function useRelapsePlan(id: string) {
  return useQuery({ queryKey: terminationKeys.plan(id), queryFn: ({ signal }) => apiRequest<RelapsePlan>(`${base(id)}/relapse-plan`, { signal }), staleTime: 0, retry });
}

export const saveTermination = (id: string, version: number, body: z.input<typeof TerminationRecordBody>) =>
  apiRequest<TerminationRecord>(`${base(id)}/termination`, { method: 'PUT', body, version });
export const signTermination = (id: string, version: number) => apiRequest<TerminationRecord>(`${base(id)}/termination/sign`, { method: 'POST', version });
export const addAddendum = (id: string, text: string) => apiRequest<TerminationRecord>(`${base(id)}/termination/addenda`, { method: 'POST', body: { text } });
export const startMaintenance = (id: string, body: z.input<typeof MaintenanceEpisodeBody>, idempotencyKey: string) =>
  apiRequest<TerminationRecord>(`${base(id)}/termination/maintenance-episode`, { method: 'POST', body, idempotencyKey });
export const saveRelapsePlan = (id: string, version: number, body: z.input<typeof RelapsePlanBody>) =>
  apiRequest<RelapsePlan>(`${base(id)}/relapse-plan`, { method: 'PUT', body, version });
export const signRelapsePlan = (id: string, version: number) => apiRequest<RelapsePlan>(`${base(id)}/relapse-plan/sign`, { method: 'POST', version });
export const shareRelapsePlan = (id: string, version: number, sharedWithClient: boolean) =>
  apiRequest<RelapsePlan>(`${base(id)}/relapse-plan/sharing`, { method: 'PUT', body: { sharedWithClient }, version });
