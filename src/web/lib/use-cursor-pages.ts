import { useCallback, useState } from 'react';

/**
 * Remembers the cursors of the pages already visited, so "previous" works with an API that only
 * hands out a cursor for the next page. `resetKey` stands for the filters and sort: when it changes,
 * the list starts again at page 1 (in the same render, so no request goes out with a stale cursor).
 */
export function useCursorPages(resetKey: string): {
  cursor: string | undefined;
  pageNumber: number;
  hasPrevious: boolean;
  next: (nextCursor: string) => void;
  previous: () => void;
} {
  const [state, setState] = useState<{ key: string; stack: string[] }>({ key: resetKey, stack: [] });
  const stack = state.key === resetKey ? state.stack : [];
  const next = useCallback(
    (nextCursor: string) => setState((current) => ({ key: resetKey, stack: [...(current.key === resetKey ? current.stack : []), nextCursor] })),
    [resetKey],
  );
  const previous = useCallback(
    () => setState((current) => ({ key: resetKey, stack: current.key === resetKey ? current.stack.slice(0, -1) : [] })),
    [resetKey],
  );
  return { cursor: stack[stack.length - 1], pageNumber: stack.length + 1, hasPrevious: stack.length > 0, next, previous };
}
