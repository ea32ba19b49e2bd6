/**
 * Query keys of client data, in one place so that a change (create, edit, archive) can invalidate
 * exactly what it made stale.
 */
export const clientKeys = {
  all: ['clients'] as const,
  lists: () => [...clientKeys.all, 'list'] as const,
  list: (filters: Record<string, string | undefined>) => [...clientKeys.lists(), filters] as const,
  detail: (id: string) => [...clientKeys.all, 'detail', id] as const,
};
