/**
 * Query keys of treatment data (episodes, sessions, process notes, the day view), in one place so a
 * change invalidates exactly what it made stale.
 */
export const episodeKeys = {
  all: ['episodes'] as const,
  ofClient: (clientId: string) => [...episodeKeys.all, 'client', clientId] as const,
  detail: (id: string) => [...episodeKeys.all, 'detail', id] as const,
  sessions: ['sessions'] as const,
  session: (id: string) => [...episodeKeys.sessions, 'detail', id] as const,
  processNotes: (sessionId: string) => [...episodeKeys.sessions, 'process-notes', sessionId] as const,
  days: ['day'] as const,
  day: (date: string) => [...episodeKeys.days, date] as const,
};
