import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RiskFlagView } from '../../../../contracts/episodes.contract';
import type { NotificationView, RiskFlagDetail, SafetyPlanPayloadView, SafetyPlanView } from '../../../../contracts/risk.contract';
import { apiRequest, isApiError } from '../../../lib/api';

/** The safety workflow's API shapes, inferred from the contracts (types only). */
export type RiskFlagSummary = z.infer<typeof RiskFlagView>;
export type RiskFlagFull = RiskFlagDetail;
export type SafetyPlan = z.infer<typeof SafetyPlanView>;
export type SafetyPlanContent = z.infer<typeof SafetyPlanPayloadView>;
export type Notice = z.infer<typeof NotificationView>;
export type RiskDashboardItem = RiskFlagSummary & { clientName: string; clinicianName: string; escalationStatus: string; escalatedAt: string | null };
export type RiskActionKind = 'called-emergency-services' | 'referred' | 'safety-plan-made' | 'client-safe-for-now' | 'supervisor-consulted' | 'family-contacted' | 'follow-up-booked' | 'other';
export const riskActionKinds: readonly RiskActionKind[] = ['called-emergency-services', 'referred', 'safety-plan-made', 'client-safe-for-now', 'supervisor-consulted', 'family-contacted', 'follow-up-booked', 'other'];

/** Query keys of the safety workflow, in one place; every change invalidates `riskKeys.all`. */
export const riskKeys = {
  all: ['risk'] as const,
  ofClient: (clientId: string) => [...riskKeys.all, 'client', clientId] as const,
  flag: (id: string) => [...riskKeys.all, 'flag', id] as const,
  plan: (clientId: string) => [...riskKeys.all, 'plan', clientId] as const,
  planHistory: (clientId: string) => [...riskKeys.all, 'plan-history', clientId] as const,
  supervision: () => [...riskKeys.all, 'supervision'] as const,
  notices: () => [...riskKeys.all, 'notices'] as const,
};

const enc = encodeURIComponent;
const flagPath = (id: string) => `/api/v1/risk-flags/${enc(id)}`;
const planPath = (clientId: string) => `/api/v1/clients/${enc(clientId)}/safety-plan`;
const noRetryOn4xx = (count: number, error: unknown) => !(isApiError(error) && error.status < 500) && count < 2;

/** The open risk flags of a client (re-read whenever a page opens: risk must never be stale). */
export function useClientRiskFlags(clientId: string) {
  return useQuery({
    queryKey: riskKeys.ofClient(clientId),
    queryFn: ({ signal }) => apiRequest<{ items: RiskFlagSummary[] }>(`/api/v1/clients/${enc(clientId)}/risk-flags`, { signal }),
    staleTime: 0,
    retry: noRetryOn4xx,
  });
}

/** One flag with its screen, escalation, actions, the referral pathway and crisis resources. */
export function useRiskFlag(id: string) {
  return useQuery({ queryKey: riskKeys.flag(id), queryFn: ({ signal }) => apiRequest<RiskFlagFull>(flagPath(id), { signal }), staleTime: 0, retry: noRetryOn4xx });
}

export function raiseConcern(clientId: string, body: { level: 'low' | 'moderate' | 'high'; reason: string; episodeId?: string }): Promise<RiskFlagFull> {
  return apiRequest(`/api/v1/clients/${enc(clientId)}/risk-flags`, { method: 'POST', body });
}

export function screenFlag(id: string, body: { answers: Record<string, number>; sessionId?: string }): Promise<RiskFlagFull> {
  return apiRequest(`${flagPath(id)}/screen`, { method: 'POST', body });
}

export function recordAction(id: string, body: { kind: RiskActionKind; note?: string }): Promise<RiskFlagFull> {
  return apiRequest(`${flagPath(id)}/actions`, { method: 'POST', body });
}

export function acknowledgeFlag(id: string): Promise<RiskFlagFull> {
  return apiRequest(`${flagPath(id)}/acknowledge`, { method: 'POST' });
}

/** Close with a reason, based on the version read (412 when someone changed the flag meanwhile). */
export function closeFlag(id: string, version: number, reason: string): Promise<RiskFlagFull> {
  return apiRequest(`${flagPath(id)}/close`, { method: 'POST', body: { reason }, version });
}

/** The current safety plan, or a new one prefilled with the organization's crisis resources. */
export function useSafetyPlan(clientId: string) {
  return useQuery({ queryKey: riskKeys.plan(clientId), queryFn: ({ signal }) => apiRequest<SafetyPlan>(planPath(clientId), { signal }), staleTime: 0, retry: noRetryOn4xx });
}

export function useSafetyPlanHistory(clientId: string) {
  return useQuery({ queryKey: riskKeys.planHistory(clientId), queryFn: ({ signal }) => apiRequest<{ items: SafetyPlan[] }>(`${planPath(clientId)}/history`, { signal }) });
}

/** Save the draft (version 0 for the first plan; saving over a signed plan starts the next one). */
export function saveSafetyPlan(clientId: string, version: number, body: { plan: SafetyPlanContent; reviewDate: string | null; flagId?: string }): Promise<SafetyPlan> {
  return apiRequest(planPath(clientId), { method: 'PUT', body, version });
}

export function signSafetyPlan(clientId: string, version: number): Promise<SafetyPlan> {
  return apiRequest(`${planPath(clientId)}/sign`, { method: 'POST', version });
}

/** Open flags of the supervisees' clients, unacknowledged escalations first. */
export function useSupervisionRiskFlags() {
  return useQuery({ queryKey: riskKeys.supervision(), queryFn: ({ signal }) => apiRequest<{ items: RiskDashboardItem[] }>('/api/v1/supervision/risk-flags', { signal }), staleTime: 0 });
}

/** My in-app notices (escalated flags), polled every minute while signed in. */
export function useNotices(enabled: boolean) {
  return useQuery({
    queryKey: riskKeys.notices(),
    queryFn: ({ signal }) => apiRequest<{ items: Notice[] }>('/api/v1/notifications', { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}
