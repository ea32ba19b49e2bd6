/**
 * Requests a page load needs before it can draw anything, sent as soon as the app's script starts
 * rather than after the first render (see app/start-early-requests.ts). Each answer is taken once, by
 * the query that needs it; any later fetch (a retry, a refresh) asks the server again. Nothing is
 * stored beyond this module's memory.
 */
const pending = new Map<string, { answer: Promise<unknown>; sentAt: number }>();

/**
 * How long a page's early answer may wait to be taken: the cache's own freshness (app/query-client.ts),
 * so an answer is never shown older than a cached one would be.
 */
const pageDataMaxAgeMs = 30_000;

/** Send `request` now and keep its answer for the first {@link takeEarly} of the same name. */
export function startEarly(name: string, request: () => Promise<unknown>): void {
  const answer = request();
  // A failure surfaces when the query takes the answer; until then it is not "unhandled".
  answer.catch(() => undefined);
  pending.set(name, { answer, sentAt: Date.now() });
}

/** The early answer the first time, a new `request` every time after (or when none was sent). */
export function takeEarly<T>(name: string, request: () => Promise<T>): Promise<T> {
  const early = pending.get(name);
  if (!early) return request();
  pending.delete(name);
  return early.answer as Promise<T>;
}

/**
 * For a page's own data, asked before the session was known: the early answer when it was sent
 * within the last {@link pageDataMaxAgeMs} and succeeded; otherwise (signed out then, say) the page
 * asks again, as it would have without it.
 */
export function takeEarlyPageData<T>(name: string, request: () => Promise<T>): Promise<T> {
  const early = pending.get(name);
  if (!early) return request();
  pending.delete(name);
  if (Date.now() - early.sentAt > pageDataMaxAgeMs) return request();
  return (early.answer as Promise<T>).catch(() => request());
}

/** Forget every early answer not yet taken (on sign-in and sign-out: they belong to another session). */
export function dropEarly(): void {
  pending.clear();
}
