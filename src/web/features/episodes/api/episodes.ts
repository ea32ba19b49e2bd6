import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { EpisodeCreateBody, EpisodeEndBody, EpisodeUpdateBody, MedicationBody, MedicationUpdateBody } from '../../../../contracts/episodes.contract';
import { apiRequest, isApiError } from '../../../lib/api';
import { episodeKeys } from './episode-keys';
import type { Episode, EpisodeSummary } from './types';

const episodePath = (id: string) => `/api/v1/episodes/${encodeURIComponent(id)}`;

/** A client's episodes of care, newest first. */
export function useClientEpisodes(clientId: string) {
  return useQuery({
    queryKey: episodeKeys.ofClient(clientId),
    queryFn: ({ signal }) => apiRequest<{ items: EpisodeSummary[] }>(`/api/v1/clients/${encodeURIComponent(clientId)}/episodes`, { signal }),
  });
}

/** Start a course of treatment (one open episode per protocol: 409 otherwise). */
export function createEpisode(clientId: string, body: z.input<typeof EpisodeCreateBody>): Promise<Episode> {
  return apiRequest(`/api/v1/clients/${encodeURIComponent(clientId)}/episodes`, { method: 'POST', body });
}

/**
 * The episode with its plan, sessions, chart, flags and medications. Always re-read when the page
 * opens (staleTime 0): it carries the version every change is based on, and the plan moves with
 * each session.
 */
export function useEpisode(id: string) {
  return useQuery({
    queryKey: episodeKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Episode>(episodePath(id), { signal }),
    staleTime: 0,
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
}

/** Change the contract, schedule or medication referral (If-Match of the episode version). */
export function updateEpisode(id: string, version: number, body: z.input<typeof EpisodeUpdateBody>): Promise<Episode> {
  return apiRequest(episodePath(id), { method: 'PATCH', body, version });
}

/** Move to another phase; guarded changes need a reason (400 with field `reason` otherwise). */
export function changePhase(id: string, version: number, body: { targetPhase: string; reason?: string }): Promise<Episode> {
  return apiRequest(`${episodePath(id)}/phase-changes`, { method: 'POST', body, version });
}

/** End the episode (completed or dropped out) with a reason. */
export function endEpisode(id: string, version: number, body: z.input<typeof EpisodeEndBody>): Promise<Episode> {
  return apiRequest(`${episodePath(id)}/end`, { method: 'POST', body, version });
}

/** Record a concurrent medication. */
export function addMedication(id: string, body: z.input<typeof MedicationBody>): Promise<Episode> {
  return apiRequest(`${episodePath(id)}/medications`, { method: 'POST', body });
}

/** Change a medication (e.g. its stop date), If-Match of the medication's own version. */
export function updateMedication(id: string, medicationId: string, version: number, body: z.input<typeof MedicationUpdateBody>): Promise<Episode> {
  return apiRequest(`${episodePath(id)}/medications/${encodeURIComponent(medicationId)}`, { method: 'PATCH', body, version });
}
