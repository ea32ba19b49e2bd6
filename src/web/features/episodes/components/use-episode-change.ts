import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api';
import { episodeKeys } from '../api/episode-keys';
import type { Episode } from '../api/types';

/**
 * What every change to an episode does with the answer: the new EpisodeView (with its new version)
 * replaces the cached one, so the next change is based on it; the client's list and the day view are
 * refreshed. On 412 (someone changed the episode meanwhile) the episode is re-read and `onStale` tells
 * the page to say so; nothing was overwritten.
 */
export function useEpisodeChange(episodeId: string, onStale: () => void) {
  const queryClient = useQueryClient();
  const saved = useCallback(
    (episode: Episode) => {
      queryClient.setQueryData(episodeKeys.detail(episodeId), episode);
      void queryClient.invalidateQueries({ queryKey: episodeKeys.ofClient(episode.clientId) });
      void queryClient.invalidateQueries({ queryKey: episodeKeys.days });
    },
    [queryClient, episodeId],
  );
  const failed = useCallback(
    (error: unknown): boolean => {
      if (!(isApiError(error) && error.status === 412)) return false;
      void queryClient.invalidateQueries({ queryKey: episodeKeys.detail(episodeId) });
      onStale();
      return true;
    },
    [queryClient, episodeId, onStale],
  );
  return { saved, failed };
}
