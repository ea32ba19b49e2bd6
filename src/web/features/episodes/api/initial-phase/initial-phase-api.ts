import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ClosenessListView,
  ClosenessSnapshotBody,
  ContractBody,
  ContractView,
  DiagnosisBody,
  DiagnosisView,
  FormulationBody,
  FormulationView,
  InventoryPersonCreateBody,
  InventoryPersonUpdateBody,
  InventoryPersonView,
  OnsetView,
  PsychoeducationBody,
  PsychoeducationView,
  SuggestionsView,
  TimelineEventCreateBody,
  TimelineEventUpdateBody,
  TimelineEventView,
  TimelineView,
} from '../../../../../contracts/initial-phase.contract';
import { apiRequest } from '../../../../lib/api';

/**
 * The initial-phase tools of one episode (docs/initial-phase.md): inventory, closeness circle,
 * timeline and onset, diagnosis checklist, psychoeducation, suggestions, formulation, contract.
 * Single records answer version 0 until first saved, so the first PUT sends If-Match "0".
 */
export type Person = InventoryPersonView;
export type TimelineEvent = TimelineEventView;
export type Closeness = z.infer<typeof ClosenessListView>;
export type Timeline = z.infer<typeof TimelineView>;
export type Onset = z.infer<typeof OnsetView>;
export type Diagnosis = z.infer<typeof DiagnosisView>;
export type Psychoeducation = z.infer<typeof PsychoeducationView>;
export type Suggestions = z.infer<typeof SuggestionsView>;
export type Formulation = z.infer<typeof FormulationView>;
export type Contract = z.infer<typeof ContractView>;
export interface HistoryItem<T> {
  version: number;
  changedAt: string;
  changedBy: string;
  changedByName: string | null;
  current: boolean;
  snapshot: T;
}

const base = (id: string) => `/api/v1/episodes/${encodeURIComponent(id)}`;

export const initialPhaseKeys = {
  all: (id: string) => ['initial-phase', id] as const,
  part: (id: string, part: string, ...rest: string[]) => ['initial-phase', id, part, ...rest] as const,
};

function useRecord<T>(id: string, part: string, path: string) {
  return useQuery({
    queryKey: initialPhaseKeys.part(id, part),
    queryFn: ({ signal }) => apiRequest<T>(`${base(id)}${path}`, { signal }),
    staleTime: 0,
  });
}

export const useInventory = (id: string) => useRecord<{ items: Person[] }>(id, 'inventory', '/inventory');
export const useCloseness = (id: string) => useRecord<Closeness>(id, 'closeness', '/closeness-circles');
export const useTimeline = (id: string) => useRecord<Timeline>(id, 'timeline', '/timeline');
export const useDiagnosis = (id: string) => useRecord<Diagnosis>(id, 'diagnosis', '/diagnosis');
export const usePsychoeducation = (id: string) => useRecord<Psychoeducation>(id, 'psychoeducation', '/psychoeducation');
export const useSuggestions = (id: string) => useRecord<Suggestions>(id, 'suggestions', '/formulation/suggestions');
export const useFormulation = (id: string) => useRecord<Formulation>(id, 'formulation', '/formulation');
export const useContract = (id: string) => useRecord<Contract>(id, 'contract', '/contract');

export function usePersonHistory(id: string, personId: string | null) {
  return useQuery({
    queryKey: initialPhaseKeys.part(id, 'person-history', personId ?? ''),
    queryFn: ({ signal }) => apiRequest<{ items: HistoryItem<Person>[] }>(`${base(id)}/inventory/${encodeURIComponent(personId ?? '')}/history`, { signal }),
    enabled: personId !== null,
    staleTime: 0,
  });
}

/** After any change, every tool of the episode is re-read (suggestions depend on all of them). */
export function useInvalidateInitialPhase(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: initialPhaseKeys.all(id) });
}

export const addPerson = (id: string, body: z.input<typeof InventoryPersonCreateBody>, idempotencyKey: string) =>
  apiRequest<Person>(`${base(id)}/inventory`, { method: 'POST', body, idempotencyKey });
export const updatePerson = (id: string, personId: string, version: number, body: InventoryPersonUpdateBody) =>
  apiRequest<Person>(`${base(id)}/inventory/${encodeURIComponent(personId)}`, { method: 'PATCH', body, version });
export const archivePerson = (id: string, personId: string, version: number, reason: string) =>
  apiRequest<Person>(`${base(id)}/inventory/${encodeURIComponent(personId)}/archive`, { method: 'POST', body: { reason }, version });
export const saveCloseness = (id: string, body: z.input<typeof ClosenessSnapshotBody>, idempotencyKey: string) =>
  apiRequest(`${base(id)}/closeness-circles`, { method: 'POST', body, idempotencyKey });
export const addEvent = (id: string, body: z.input<typeof TimelineEventCreateBody>, idempotencyKey: string) =>
  apiRequest<TimelineEvent>(`${base(id)}/timeline/events`, { method: 'POST', body, idempotencyKey });
export const updateEvent = (id: string, eventId: string, version: number, body: TimelineEventUpdateBody) =>
  apiRequest<TimelineEvent>(`${base(id)}/timeline/events/${encodeURIComponent(eventId)}`, { method: 'PATCH', body, version });
export const saveOnset = (id: string, version: number, body: { onsetDate: string | null; note?: string | null }) =>
  apiRequest<Onset>(`${base(id)}/onset`, { method: 'PUT', body, version });
export const saveDiagnosis = (id: string, version: number, body: z.input<typeof DiagnosisBody>) =>
  apiRequest<Diagnosis>(`${base(id)}/diagnosis`, { method: 'PUT', body, version });
export const savePsychoeducation = (id: string, version: number, body: z.input<typeof PsychoeducationBody>) =>
  apiRequest<Psychoeducation>(`${base(id)}/psychoeducation`, { method: 'PUT', body, version });
export const saveFormulation = (id: string, version: number, body: z.input<typeof FormulationBody>) =>
  apiRequest<Formulation>(`${base(id)}/formulation`, { method: 'PUT', body, version });
export const agreeFormulation = (id: string, version: number) => apiRequest<Formulation>(`${base(id)}/formulation/agree`, { method: 'POST', body: {}, version });
export const saveContract = (id: string, version: number, body: z.input<typeof ContractBody>) =>
  apiRequest<Contract>(`${base(id)}/contract`, { method: 'PUT', body, version });
