/**
 * Requests a page load needs before it can draw anything, sent as soon as the app's script starts
 * rather than after the first render (see app/start-early-requests.ts). Each answer is taken once, by
 * the query that needs it; any later fetch (a retry, a refresh) asks the server again. Nothing is
 * stored beyond this module's memory.
 */
const pending = new Map<string, Promise<unknown>>();

/** Send `request` now and keep its answer for the first {@link takeEarly} of the same name. */
export function startEarly(name: string, request: () => Promise<unknown>): void {
  const answer = request();
  // A failure surfaces when the query takes the answer; until then it is not "unhandled".
  answer.catch(() => undefined);
  pending.set(name, answer);
}

/** The early answer the first time, a new `request` every time after (or when none was sent). */
export function takeEarly<T>(name: string, request: () => Promise<T>): Promise<T> {
  const early = pending.get(name) as Promise<T> | undefined;
  if (!early) return request();
  pending.delete(name);
  return early;
}
