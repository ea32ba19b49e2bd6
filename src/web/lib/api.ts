import type { Problem } from '../../contracts/common';

/** One per-field problem from an RFC 9457 body, with the field named as the form names it. */
export type FieldError = NonNullable<Problem['errors']>[number];

/**
 * The one way the web app talks to the server. It exists so that every call gets the same security
 * and error behaviour without each feature remembering it:
 * - JSON in and out, cookies only to our own origin (`credentials: 'same-origin'`), `cache: 'no-store'`
 *   so that no client data lands in the HTTP cache;
 * - the CSRF token lives in this module's memory only (never localStorage/sessionStorage), and is sent
 *   on every state-changing request;
 * - RFC 9457 problem+json answers become an {@link ApiError} with per-field errors;
 * - optimistic concurrency (`If-Match`) and idempotent creates (`Idempotency-Key`);
 * - a 401 on a call made with a session means the server ended it (idle timeout, disabled account):
 *   the registered handler clears the session and the router shows sign-in.
 */

/** Why the request failed, as the server described it (RFC 9457), in a shape forms can show. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** On 412: the version the server holds now, so the UI can offer to reload it. */
  readonly currentVersion: number | undefined;
  /** On 429: how long to wait, from `Retry-After` or the problem body. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    type?: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    currentVersion?: number;
    retryAfterSeconds?: number;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.currentVersion = init.currentVersion;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** True when the problem type's last path segment is `name` (e.g. `mfa-required`). */
  hasType(name: string): boolean {
    return this.type === name || this.type.endsWith(`/${name}`);
  }
}

/** Narrowing helper for `catch` blocks and TanStack Query errors. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** The record version this change is based on; sent as `If-Match: "<version>"`. */
  version?: number;
  /** Sent as `Idempotency-Key` so that a retried create never makes a duplicate. */
  idempotencyKey?: string;
  /** A 401 is an expected answer here (sign-in, session probe): do not treat it as "session ended". */
  unauthenticatedIsExpected?: boolean;
  signal?: AbortSignal;
}

const stateChanging = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let csrfToken: string | null = null;
let sessionEndedHandler: (() => void) | null = null;
const activityListeners = new Set<() => void>();

/** Keep the CSRF token from the session in memory (null on sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Register what happens when the server says the session is gone; returns an unregister function. */
export function onSessionEnded(handler: () => void): () => void {
  sessionEndedHandler = handler;
  return () => {
    if (sessionEndedHandler === handler) sessionEndedHandler = null;
  };
}

/** Be told of each answered request, so the idle timer can mirror the server's sliding timeout. */
export function onApiActivity(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

/** `/api/v1/clients` + `{ q: 'a', cursor: undefined }` → `/api/v1/clients?q=a` (empty values left out). */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The last segment of a field path (`body.displayName` → `displayName`), which is what forms name. */
function fieldName(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const problem = isRecord(body) ? body : {};
  const errors = Array.isArray(problem.errors)
    ? problem.errors
        .filter(isRecord)
        .map((entry) => ({ field: fieldName(String(entry.field ?? '')), message: String(entry.message ?? '') }))
    : [];
  const retryAfterSeconds =
    parseRetryAfter(response.headers.get('retry-after')) ??
    (typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : undefined);
  return new ApiError({
    status: response.status,
    type: typeof problem.type === 'string' ? problem.type : undefined,
    title: typeof problem.title === 'string' ? problem.title : response.statusText || `HTTP ${response.status}`,
    detail: typeof problem.detail === 'string' ? problem.detail : undefined,
    errors,
    currentVersion: typeof problem.currentVersion === 'number' ? problem.currentVersion : undefined,
    retryAfterSeconds,
  });
}

/** Call the API and return the parsed JSON body (undefined for 204), or throw an {@link ApiError}. */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ accept: 'application/json, application/problem+json' });
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (stateChanging.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  if (options.version !== undefined) headers.set('if-match', `"${options.version}"`);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, type: 'network', title: 'network' });
  }

  if (response.status === 401 && !options.unauthenticatedIsExpected) sessionEndedHandler?.();
  else for (const listener of activityListeners) listener();

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file the server made (a PDF), with the name it suggested in Content-Disposition. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/**
 * POST for a file instead of JSON (e.g. a PDF made on the server): the same CSRF, session and
 * problem+json handling as {@link apiRequest}; answers the bytes and the suggested file name.
 */
export async function apiRequestFile(path: string, options: Omit<ApiRequestOptions, 'method' | 'version' | 'query'> & { fallbackName: string }): Promise<DownloadedFile> {
  const headers = new Headers({ accept: 'application/pdf, application/problem+json' });
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (csrfToken) headers.set('x-csrf-token', csrfToken);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin', cache: 'no-store', signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, type: 'network', title: 'network' });
  }
  if (response.status === 401) sessionEndedHandler?.();
  else for (const listener of activityListeners) listener();
  if (!response.ok) throw await toApiError(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? options.fallbackName;
  return { blob: await response.blob(), fileName };
}

/**
 * Saves a downloaded file through a temporary `a[download]` with an object URL (allowed by the
 * strict CSP: it is a download, not an image or a script), then lets the URL go.
 */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
