import { useQuery } from '@tanstack/react-query';
import type { InstrumentDefinition } from '../../../../domain/instruments/instrument-definition';
import { apiRequest, isApiError } from '../../../lib/api';
import { takeEarlyPageData } from '../../../lib/early-requests';
import { instrumentKeys } from './instrument-keys';

/**
 * One instrument definition as the server sends it: the domain's definition as data (with this
 * organization's licensed wording when it imported a pack). Only the type is shared with the domain;
 * the form reads items, options, instructions and the wording kind from it.
 */
export function getInstrument(id: string, signal?: AbortSignal, early = false): Promise<InstrumentDefinition> {
  // Asked early, before the session is known, a 401 is an answer rather than "the session ended".
  return apiRequest(`/api/v1/instruments/${encodeURIComponent(id)}`, { signal, unauthenticatedIsExpected: early });
}

/** The name an early request of a definition goes by (app/start-early-requests.ts): its query key. */
export function instrumentEarlyName(id: string): string {
  return JSON.stringify(instrumentKeys.definition(id));
}

/**
 * The definition a questionnaire form is drawn from; a 404 (unknown id) is not retried. On a page
 * load of the form it may already have been asked for while the app's script was starting.
 */
export function useInstrumentDefinition(id: string) {
  return useQuery({
    queryKey: instrumentKeys.definition(id),
    queryFn: ({ signal }) => takeEarlyPageData(instrumentEarlyName(id), () => getInstrument(id, signal)),
    staleTime: 10 * 60_000,
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
}
