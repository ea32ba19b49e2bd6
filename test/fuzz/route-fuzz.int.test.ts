import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleMayEver, type Action } from '../../src/domain/access/policy';
import { storedRows, testDialects } from '../support/dialects';
import { ADMIN_PASSWORD, STAFF_PASSWORD, agentFrom, createTestApp, inviteAndAccept, type TestApp } from '../support/test-app';
import { RANDOM_ID, buildAccessFixture, paramKinds, targetFor, type AccessFixture, type SignedInRole } from '../server/access-fixture';
import { signInFrom } from '../server/helpers';
import { applyMutation, arbitraryFor, HOSTILE_STRINGS, jsonSchemaOf, mutationFor } from './schema-arbitrary';

/**
 * Schema fuzzing of every API route (security-reference §8 rows 6, 22–24): for each route of the
 * app's route table, bodies and query strings are generated from its own zod contract — valid ones,
 * mutated ones (wrong types, missing and extra keys, `__proto__`, `constructor.prototype`, 100 kB
 * strings, NUL, lone surrogates, direction overrides, emoji) and hostile ones (non-JSON, deep
 * nesting, hostile path segments) — and sent through inject() by a signed-in user the route is meant
 * for, with real ids. Every answer must be below 500; every 4xx a problem+json without internals;
 * a refused request must leave every stored row as it was. Runs per route: FUZZ_RUNS (default 12).
 * A successful answer must also have left an audit event with the request's id (row 27).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const FUZZ_TIMEOUT_MS = 900_000;
const isApi = (url: string) => url.startsWith('/api/v1/') || url.startsWith('/fhir/');
/** Tables that change on refused requests by design: the audit trail, sessions and the sign-in throttle. */
const VOLATILE = new Set(['audit_event', 'audit_chain_head', 'auth_session', 'login_throttle']);
/** Successful answers that touch no client or organization record and so carry no audit event. */
const UNAUDITED = new Set([
  'GET /api/v1/auth/session', 'GET /api/v1/setup/status', 'GET /api/v1/instruments', 'GET /api/v1/instruments/:id', 'POST /api/v1/instruments/:id/score',
  'GET /api/v1/protocols', 'GET /api/v1/notifications', 'GET /api/v1/instrument-packs', 'GET /fhir/R4/Questionnaire', 'GET /fhir/R4/Questionnaire/:id',
  // The organization's own settings (name, risk pathway, instruments): no client data; changes are audited.
  'GET /api/v1/organization',
]);
/** Routes run last: they can end the fuzzing user's session or change the organization's settings. */
const LAST = [/\/auth\//, /\/organization$/, /\/users\//];

/** A path segment as a client would send it; a lone surrogate goes as its raw (invalid) UTF-8 bytes. */
function encodedSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

interface Finding { route: string; request: string; status: number; problem: string }

describe.each(testDialects())('schema fuzzing of every route on %s', (dialect) => {
  let t: TestApp;
  let fx: AccessFixture;
  let fuzzUserId: string;
  let signIns = 0;
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    fx = await buildAccessFixture(t);
    // User routes aim at an account of their own, so a fuzzed role or status change locks nobody out.
    fuzzUserId = (await inviteAndAccept(t.app, fx.agents.admin, 'fuzz-target@test.example', 'clinician', 'Fuzz Target')).userId;
  }, 120_000);
  afterAll(async () => t.close());

  /** Every stored row outside the volatile tables, as text per table. */
  async function snapshot(): Promise<Record<string, string>> {
    return storedRows(t.db, VOLATILE);
  }

  /** The signed-in user a route is meant for (a clinician where the policy allows one). */
  function whoFor(permission: string | undefined): SignedInRole | 'anonymous' {
    if (permission === 'public') return 'anonymous';
    if (permission === 'authenticated') return 'clinician';
    for (const role of ['clinician', 'supervisor', 'admin'] as const) if (roleMayEver(role, permission as Action)) return role;
    return 'client';
  }

  async function signInAgain(who: SignedInRole) {
    signIns += 1;
    const response = await signInFrom(t.app, fx.emails[who], who === 'admin' ? ADMIN_PASSWORD : STAFF_PASSWORD, { ip: `10.9.${Math.floor(signIns / 200)}.${signIns % 200}` });
    fx.agents[who] = agentFrom(t.app, response);
  }

  it('answers every route\'s valid, mutated and hostile input below 500, refusals as problem+json, and a refusal changes nothing stored', async () => {
    const routes = t.routes.filter((r) => isApi(r.url) && r.method !== 'HEAD')
      .sort((a, b) => Number(LAST.some((p) => p.test(a.url))) - Number(LAST.some((p) => p.test(b.url))));
    const ids = [
      ...Object.values(fx.targets).flatMap((byVariant) => Object.values(byVariant ?? {}).map((target) => target.id)), fx.agents.clinician.userId, fx.agents.supervisor.userId,
    ];
    const findings: Finding[] = [];
    const unaudited = new Map<string, number>();
    const counts = { requests: 0, ok: 0, refused: 0, routes: 0, valid: 0, mutated: 0, hostilePath: 0 };
    let before = await snapshot();

    for (const route of routes) {
      counts.routes += 1;
      const key = `${route.method} ${route.url}`;
      const schema = route.schema as { body?: unknown; querystring?: unknown } | undefined;
      const bodySchema = jsonSchemaOf(schema?.body);
      const querySchema = jsonSchemaOf(schema?.querystring);
      const who = whoFor(route.permission);
      const kinds = paramKinds(route.url);
      let n = 0;
      const ownPath = route.url.replace(/:[A-Za-z]+/g, () => {
        const kind = kinds[n++];
        if (kind === 'user') return fuzzUserId;
        return targetFor(fx, kind, 'own', false)?.id ?? RANDOM_ID;
      });
      const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method) && bodySchema !== undefined;

      /** The current ETag of the record a write aims at: the route's own URL or its parent's. */
      const etagFor = async (url: string): Promise<string> => {
        if (who === 'anonymous') return '"1"';
        let candidate = url;
        for (let level = 0; level < 3 && candidate.split('/').length > 4; level += 1) {
          const read = await fx.agents[who].get(candidate);
          if (read.statusCode === 200 && read.headers.etag) return String(read.headers.etag);
          candidate = candidate.slice(0, candidate.lastIndexOf('/'));
        }
        return '"1"';
      };

      const valid = withBody ? arbitraryFor(bodySchema, { ids }) : fc.constant(undefined);
      const query = querySchema ? arbitraryFor(querySchema, { ids }) : fc.constant(undefined);
      const cases = fc.sample(fc.record({
        body: valid, query, mutation: withBody ? fc.option(mutationFor(bodySchema), { freq: 2 }) : fc.constant(null),
        hostilePath: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.constantFrom(...HOSTILE_STRINGS, '..', '%2e%2e', 'a'.repeat(5000)), weight: 1 }),
      }), { numRuns: RUNS, seed: 20261206 + counts.routes });

      for (const c of cases) {
        let body = c.body;
        if (key === 'PATCH /api/v1/organization' && body && typeof body === 'object' && 'requireMfa' in body) body = { ...(body as object), requireMfa: false };
        const payload = c.mutation ? applyMutation(body, c.mutation) : withBody ? JSON.stringify(body ?? {}) : undefined;
        if (c.mutation) counts.mutated += 1;
        else counts.valid += 1;
        let url = ownPath;
        if (c.hostilePath !== null && kinds.length > 0) {
          counts.hostilePath += 1;
          url = ownPath.replace(/[^/]+$/, encodedSegment(c.hostilePath));
        }
        if (c.query && typeof c.query === 'object') {
          const params = new URLSearchParams();
          for (const [name, value] of Object.entries(c.query as Record<string, unknown>)) {
            if (value !== undefined && value !== null && typeof value !== 'object') params.set(name, String(value));
          }
          if ([...params.keys()].length > 0) url += `?${params.toString()}`;
        }
        const headers: Record<string, string> = { 'if-match': ['PUT', 'PATCH', 'POST', 'DELETE'].includes(route.method) ? await etagFor(ownPath) : '"1"' };
        if (payload !== undefined) headers['content-type'] = 'application/json';
        const options = { method: route.method as 'GET', url, payload, headers };
        const response: LightMyRequestResponse = who === 'anonymous' ? await t.app.inject(options) : await fx.agents[who].request(options);
        counts.requests += 1;
        const request = `${route.method} ${url.slice(0, 200)} ${String(payload ?? '').slice(0, 200)}`;
        const status = response.statusCode;
        if (status >= 500) findings.push({ route: key, request, status, problem: `server error: ${response.body.slice(0, 300)}` });
        if (status >= 400) {
          counts.refused += 1;
          if (!String(response.headers['content-type'] ?? '').startsWith('application/problem+json')) findings.push({ route: key, request, status, problem: `not problem+json: ${String(response.headers['content-type'])}` });
          if (/\bat .+\.(ts|js|mjs):\d+|node_modules|SQLITE_|syntax error at|"stack"/i.test(response.body)) findings.push({ route: key, request, status, problem: `internals in the body: ${response.body.slice(0, 300)}` });
          if (status !== 404 || who !== 'anonymous') {
            const after = await snapshot();
            const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
            if (changed.length > 0) findings.push({ route: key, request, status, problem: `a refused request changed ${changed.join(', ')}` });
            before = after;
          }
        } else {
          counts.ok += 1;
          if (who !== 'anonymous' && !UNAUDITED.has(key)) {
            const events = await t.db.db.selectFrom('audit_event').select(['action']).where('request_id', '=', String(response.headers['x-request-id'])).execute();
            const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
            if (events.length === 0 || (writes && !events.some((e) => !['read', 'query'].includes(e.action)))) unaudited.set(key, (unaudited.get(key) ?? 0) + 1);
          }
          if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)) before = await snapshot();
        }
        if (who !== 'anonymous' && (await fx.agents[who].get('/api/v1/auth/session')).statusCode === 401) await signInAgain(who);
      }
    }

    console.log(`route fuzz on ${dialect}: ${counts.routes} routes, ${counts.requests} requests (${counts.valid} valid, ${counts.mutated} mutated, ${counts.hostilePath} hostile paths), ${counts.ok} accepted, ${counts.refused} refused, ${findings.length} findings`);
    expect(findings, JSON.stringify(findings.slice(0, 30), null, 1)).toEqual([]);
    expect(JSON.stringify([...unaudited.entries()]), 'successful answers without their audit event').toEqual('[]');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(counts.routes).toBeGreaterThan(50);
    expect(counts.ok).toBeGreaterThan(counts.routes / 2);
    expect(counts.refused).toBeGreaterThan(counts.routes);
  }, FUZZ_TIMEOUT_MS);
});
