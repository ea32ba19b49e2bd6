import { useQuery } from '@tanstack/react-query';
import type { InstrumentSummary } from '../../../../contracts/instruments.contract';
import { apiRequest } from '../../../lib/api';
import { instrumentKeys } from './instrument-keys';

/** The questionnaire library of this organization (what is shipped, and whether licensed wording was imported). */
export function listInstruments(signal?: AbortSignal): Promise<{ items: InstrumentSummary[] }> {
  return apiRequest('/api/v1/instruments', { signal });
}

/** The library; it changes only when an administrator imports wording, so it is kept for a while. */
export function useInstrumentLibrary() {
  return useQuery({ queryKey: instrumentKeys.list(), queryFn: ({ signal }) => listInstruments(signal), staleTime: 10 * 60_000 });
}
