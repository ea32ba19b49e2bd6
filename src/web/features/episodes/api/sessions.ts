import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SessionCreateBody, SessionUpdateBody } from '../../../../contracts/sessions.contract';
import { apiRequest, isApiError } from '../../../lib/api';
import { episodeKeys } from './episode-keys';
import type { Day, MeasureResult, ProcessNote, Session } from './types';

const sessionPath = (id: string) => `/api/v1/sessions/${encodeURIComponent(id)}`;

/** Record a session on an episode; its agenda comes from the protocol. Idempotent with a key. */
export function createSession(episodeId: string, body: z.input<typeof SessionCreateBody>, idempotencyKey: string): Promise<Session> {
  return apiRequest(`/api/v1/episodes/${encodeURIComponent(episodeId)}/sessions`, { method: 'POST', body, idempotencyKey });
}

/** The session with agenda, note, measures and flags; re-read on every visit (it carries the version). */
export function useSessionRecord(id: string) {
  return useQuery({
    queryKey: episodeKeys.session(id),
    queryFn: ({ signal }) => apiRequest<Session>(sessionPath(id), { signal }),
    staleTime: 0,
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
}

/** Edit a draft (attendance, time, agenda ticks, note sections) at the version read; a signed note answers 423. */
export function updateSession(id: string, version: number, body: z.input<typeof SessionUpdateBody>): Promise<Session> {
  return apiRequest(sessionPath(id), { method: 'PATCH', body, version });
}

/** Sign and lock the note (400 with field `attendance` while the session is still "scheduled"). */
export function signSession(id: string, version: number): Promise<Session> {
  return apiRequest(`${sessionPath(id)}/sign`, { method: 'POST', version });
}

/** A signed, timed addendum to a signed note. */
export function addAddendum(id: string, text: string): Promise<Session> {
  return apiRequest(`${sessionPath(id)}/addenda`, { method: 'POST', body: { text } });
}

/** Administer a questionnaire in the session: stored, scored, risk-checked; idempotent with a key. */
export function submitMeasure(
  id: string,
  body: { instrumentId: string; answers: Record<string, number>; respondent: 'clinician-entered' | 'client-on-device' },
  idempotencyKey: string,
): Promise<MeasureResult> {
  return apiRequest(`${sessionPath(id)}/measures`, { method: 'POST', body, idempotencyKey });
}

/** My private process notes on this session (only their author ever sees them). */
export function useProcessNotes(sessionId: string, enabled: boolean) {
  return useQuery({
    queryKey: episodeKeys.processNotes(sessionId),
    queryFn: ({ signal }) => apiRequest<{ items: ProcessNote[] }>(`${sessionPath(sessionId)}/process-notes`, { signal }),
    enabled,
    retry: false,
  });
}

/** Add a private process note. */
export function addProcessNote(sessionId: string, text: string): Promise<ProcessNote> {
  return apiRequest(`${sessionPath(sessionId)}/process-notes`, { method: 'POST', body: { text } });
}

/** Edit a private process note at the version read. */
export function updateProcessNote(sessionId: string, noteId: string, version: number, text: string): Promise<ProcessNote> {
  return apiRequest(`${sessionPath(sessionId)}/process-notes/${encodeURIComponent(noteId)}`, { method: 'PATCH', body: { text }, version });
}

/** My day: sessions with what is due, unsigned notes, overdue measures. */
export function useDay(date: string) {
  return useQuery({
    queryKey: episodeKeys.day(date),
    queryFn: ({ signal }) => apiRequest<Day>('/api/v1/day', { query: { date }, signal }),
    staleTime: 0,
  });
}
