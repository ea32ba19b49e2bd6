import { useCallback, useRef } from 'react';

/**
 * One Idempotency-Key per form submission attempt: the same key is reused when the user retries
 * after a network error or a server hiccup (so the server never creates a duplicate record), and a
 * fresh one is made once the create has succeeded.
 */
export function useIdempotencyKey(): { key: () => string; renew: () => void } {
  const ref = useRef<string | null>(null);
  const key = useCallback(() => {
    ref.current ??= crypto.randomUUID();
    return ref.current;
  }, []);
  const renew = useCallback(() => {
    ref.current = null;
  }, []);
  return { key, renew };
}
