import { useCallback, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api';
import { episodeKeys } from '../api/episode-keys';
import type { Session } from '../api/types';

/** Runs one change of the session at the version it is to be based on, and returns the saved session. */
export type SessionUpdater = (run: (version: number) => Promise<Session>) => Promise<Session>;

/**
 * Every change to a session (an agenda tick, the details, the note, signing) goes through here:
 * - changes run one after another, each with the version the previous one returned (If-Match), so
 *   ticking two agenda items quickly never makes the page conflict with itself;
 * - the answer (with its new version) replaces the cached session, and the episode and day view,
 *   which list this session, are refreshed;
 * - on 412 (changed in another tab or by a colleague) the session is re-read and `onStale` lets the
 *   page say so; on 423 (signed meanwhile) it is re-read too, which shows the locked note.
 */
export function useSessionUpdater(sessionId: string, onStale: () => void): SessionUpdater {
  const queryClient = useQueryClient();
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  return useCallback(
    (run: (version: number) => Promise<Session>) => {
      const task = queue.current
        .catch(() => undefined)
        .then(async () => {
          const current = queryClient.getQueryData<Session>(episodeKeys.session(sessionId));
          if (!current) throw new Error('The session is not loaded yet.');
          try {
            const saved = await run(current.version);
            queryClient.setQueryData(episodeKeys.session(sessionId), saved);
            void queryClient.invalidateQueries({ queryKey: episodeKeys.all });
            void queryClient.invalidateQueries({ queryKey: episodeKeys.days });
            return saved;
          } catch (error) {
            if (isApiError(error) && (error.status === 412 || error.status === 423)) {
              await queryClient.invalidateQueries({ queryKey: episodeKeys.session(sessionId) });
              if (error.status === 412) onStale();
            }
            throw error;
          }
        });
      queue.current = task;
      return task;
    },
    [queryClient, sessionId, onStale],
  );
}
