import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, buildUrl, onSessionEnded, setCsrfToken } from './api';

function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('apiRequest', () => {
  it('sends JSON with same-origin credentials, no caching, the CSRF token, If-Match and Idempotency-Key', async () => {
    const fetchMock = vi.fn().mockResolvedValue(answer(201, { id: 'c1' }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('csrf-123');
    const result = await apiRequest<{ id: string }>('/api/v1/clients/c1', { method: 'PATCH', body: { displayName: 'A' }, version: 4, idempotencyKey: 'key-1' });
    expect(result).toEqual({ id: 'c1' });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    const headers = init.headers as Headers;
    expect(url).toBe('/api/v1/clients/c1');
    expect(init).toMatchObject({ method: 'PATCH', credentials: 'same-origin', cache: 'no-store', body: '{"displayName":"A"}' });
    expect(headers.get('x-csrf-token')).toBe('csrf-123');
    expect(headers.get('if-match')).toBe('"4"');
    expect(headers.get('idempotency-key')).toBe('key-1');
  });

  it('does not send the CSRF token on reads', async () => {
    const fetchMock = vi.fn().mockResolvedValue(answer(200, { items: [] }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('csrf-123');
    await apiRequest('/api/v1/clients');
    expect(((fetchMock.mock.calls[0] as [string, RequestInit])[1].headers as Headers).has('x-csrf-token')).toBe(false);
  });

  it('turns problem+json into an ApiError with field errors, current version and Retry-After', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(answer(412, { type: 'https://x/problems/precondition-failed', title: 'Stale', status: 412, detail: 'Changed meanwhile', currentVersion: 7, errors: [{ field: 'body.displayName', message: 'must not be empty' }] }, { 'retry-after': '120' })));
    const error = await apiRequest('/api/v1/clients/c1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const problem = error as ApiError;
    expect(problem).toMatchObject({ status: 412, title: 'Stale', detail: 'Changed meanwhile', currentVersion: 7, retryAfterSeconds: 120 });
    expect(problem.errors).toEqual([{ field: 'displayName', message: 'must not be empty' }]);
    expect(problem.hasType('precondition-failed')).toBe(true);
  });

  it('reports a 401 as "session ended", except where a 401 is an expected answer', async () => {
    const ended = vi.fn();
    const stop = onSessionEnded(ended);
    vi.stubGlobal('fetch', vi.fn().mockImplementation(() => Promise.resolve(answer(401, { type: 'x/not-signed-in', title: 'Not signed in', status: 401 }))));
    await apiRequest('/api/v1/auth/login', { method: 'POST', body: {}, unauthenticatedIsExpected: true }).catch(() => undefined);
    expect(ended).not.toHaveBeenCalled();
    await apiRequest('/api/v1/clients').catch(() => undefined);
    expect(ended).toHaveBeenCalledTimes(1);
    stop();
  });

  it('returns undefined for 204 and a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(null, { status: 204 })));
    await expect(apiRequest('/api/v1/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(apiRequest('/api/v1/clients')).rejects.toMatchObject({ status: 0 });
  });
});

describe('buildUrl', () => {
  it('leaves out empty values', () => {
    expect(buildUrl('/api/v1/clients', { q: 'ann', cursor: undefined, status: 'active', clinicianId: '' })).toBe('/api/v1/clients?q=ann&status=active');
  });
});
