import { useQuery } from '@tanstack/react-query';
import type { InstrumentDefinition } from '../../../../domain/instruments/instrument-definition';
import { apiRequest, isApiError } from '../../../lib/api';
import { instrumentKeys } from './instrument-keys';

/**
 * One instrument definition as the server sends it: the domain's definition as data (with this
 * organization's licensed wording when it imported a pack). Only the type is shared with the domain;
 * the form reads items, options, instructions and the wording kind from it.
 */
export function getInstrument(id: string, signal?: AbortSignal): Promise<InstrumentDefinition> {
  return apiRequest(`/api/v1/instruments/${encodeURIComponent(id)}`, { signal });
}

/** The definition a questionnaire form is drawn from; a 404 (unknown id) is not retried. */
export function useInstrumentDefinition(id: string) {
  return useQuery({
    queryKey: instrumentKeys.definition(id),
    queryFn: ({ signal }) => getInstrument(id, signal),
    staleTime: 10 * 60_000,
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
}
