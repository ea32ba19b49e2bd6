import Fastify, { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, isAction, roleMayEver, type Action, type Actor, type Resource } from '../../src/domain/access/policy';
import { enforceRoutePermissions } from '../../src/server/plugins/route-permissions';
import { storedRows, testDialects, type Dialect } from '../support/dialects';
import { createTestApp, type TestApp } from '../support/test-app';
import {
  CLIENT_KINDS, RANDOM_ID, SIGNED_IN_ROLES, buildAccessFixture, paramKinds, targetFor, variantsFor, type AccessFixture, type Kind, type SignedInRole, type Target,
} from './access-fixture';

/** The matrix sends a few thousand requests; on a loaded 2-core machine that takes well over the default 30 s. */
const MATRIX_TIMEOUT_MS = 300_000;

/**
 * The route table and the access matrix (security-reference §8 rows 1–4, 19, 20): every route
 * declares a permission, and every API route × role × target is checked against the policy itself
 * (`roleMayEver`, `can`), not against a hand-made list, so a new route is covered once registered.
 */
const LIBRARY_PATHS = [/^\/api\/docs(\/|$)/, /^\/assets\//];
const PUBLIC_ROUTES = [
  'GET /healthz', 'GET /readyz', 'GET /api/v1/openapi.json', 'GET /api/v1/setup/status', 'POST /api/v1/setup', 'POST /api/v1/auth/login',
  'POST /api/v1/invitations/lookup', 'POST /api/v1/invitations/accept', 'POST /api/v1/password-resets/complete',
];
type Who = SignedInRole | 'anonymous';
const EVERYONE: Who[] = [...SIGNED_IN_ROLES, 'anonymous'];
const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Methods that carry a body; the fixture holds a minimal valid one for each such route with an id. */
const WITH_BODY = ['POST', 'PUT', 'PATCH'];
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
/** The routes the matrix walks: the JSON API and the FHIR facade. */
const isApi = (url: string) => url.startsWith('/api/v1/') || url.startsWith('/fhir/');

/** What is wrong with an answer's security headers (row 20), or null. */
function securityHeaderProblem(response: LightMyRequestResponse): string | null {
  const csp = String(response.headers['content-security-policy'] ?? '');
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"]) {
    if (!csp.includes(directive)) return `CSP lacks ${directive}`;
  }
  if (csp.includes('unsafe-inline') || csp.includes('unsafe-eval')) return 'CSP allows inline or eval';
  if (response.headers['x-content-type-options'] !== 'nosniff') return 'no nosniff';
  if (!response.headers['referrer-policy']) return 'no Referrer-Policy';
  if (response.headers['cache-control'] !== 'no-store') return `Cache-Control is ${String(response.headers['cache-control'])}`;
  return null;
}

describe('the permission guard', () => {
  it('refuses to register an API route without a valid permission', async () => {
    const app = Fastify();
    enforceRoutePermissions(app, []);
    expect(() => app.get('/api/v1/unguarded', async () => 'x')).toThrow(/does not declare a valid config.permission/);
    expect(() => app.get('/api/v1/misspelt', { config: { permission: 'client.fly' as 'public' } }, async () => 'x')).toThrow(/config.permission/);
    expect(() => app.get('/api/v1/guarded', { config: { permission: 'client.read' } }, async () => 'x')).not.toThrow();
    await app.close();
  });
});

/** Each dialect twice: audited reads answered on the main thread, and by read worker threads as the server runs them. */
const VARIANTS: Array<[string, Dialect, number]> = testDialects().flatMap((d): Array<[string, Dialect, number]> => [[d, d, 0], [`${d} with read workers`, d, 1]]);

describe.each(VARIANTS)('route table and access matrix on %s', (_label, dialect, readWorkers) => {
  let t: TestApp;
  let fx: AccessFixture;
  const api = () => t.routes.filter((r) => isApi(r.url));

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { readWorkers });
    if (readWorkers > 0) expect(t.readPool?.size).toBe(readWorkers);
    fx = await buildAccessFixture(t);
  });
  afterAll(async () => t.close());

  it('lists API routes, and every route but the library paths declares a valid permission', () => {
    expect(api().length).toBeGreaterThan(20);
    const unguarded = t.routes.filter((r) => !LIBRARY_PATHS.some((p) => p.test(r.url)))
      .filter((r) => r.permission === undefined || !(r.permission === 'public' || r.permission === 'authenticated' || isAction(r.permission)));
    expect(unguarded).toEqual([]);
    const publicRoutes = [...new Set(t.routes.filter((r) => r.permission === 'public' && r.method !== 'HEAD').map(key))].sort();
    expect(publicRoutes).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('knows every kind of id the routes take and has a minimal body for every state-changing route with one', () => {
    const unknownIds = api().filter((r) => paramKinds(r.url).some((k) => k === undefined)).map(key);
    expect(unknownIds, 'add these ids to paramKinds and give the fixture records of that kind').toEqual([]);
    const noBody = api().filter((r) => WITH_BODY.includes(r.method) && r.url.includes(':') && !(key(r) in fx.bodies)).map(key);
    expect(noBody, 'add a minimal valid body for these routes to the fixture').toEqual([]);
  });

  it('answers every API route, for every role and target, as the policy says: 401, 403, 404 or allowed, never 5xx', async () => {
    const db = t.db.db;
    const actorOf = async (who: SignedInRole): Promise<Actor> => {
      const agent = fx.agents[who];
      const supervised = await db.selectFrom('supervision_assignment').select('clinician_id').where('supervisor_id', '=', agent.userId).execute();
      return { userId: agent.userId, organizationId: agent.organizationId, role: who, supervisedClinicianIds: supervised.map((s) => s.clinician_id) };
    };
    /** The record as the policy sees it, read from the database at the moment of the request. */
    const resourceOf = async (kind: Kind, target: Target, actor: Actor): Promise<Resource | null> => {
      if (!(CLIENT_KINDS as readonly string[]).includes(kind)) return { kind: 'organization', organizationId: kind === 'instrument' ? actor.organizationId : target.organizationId };
      const row = await db.selectFrom('client').select(['organization_id', 'clinician_id']).where('id', '=', target.clientId!).executeTakeFirst();
      if (!row) return null;
      const grant = await db.selectFrom('break_glass_grant').select('id').where('client_id', '=', target.clientId!).where('user_id', '=', actor.userId)
        .where('expires_at', '>', t.clock.now().toISOString()).executeTakeFirst();
      return { kind: 'client', organizationId: row.organization_id, clinicianId: row.clinician_id, breakGlass: grant !== undefined };
    };

    let cells = 0;
    const seen: Record<string, number> = { 401: 0, 403: 0, 404: 0, allowed: 0, public: 0, reachable: 0 };
    const mismatches: string[] = [];
    const headerProblems: string[] = [];
    for (const route of api()) {
      const kinds = paramKinds(route.url);
      const variants = kinds.length > 0 ? variantsFor(kinds) : [undefined];
      const bodyKnown = !WITH_BODY.includes(route.method) || kinds.length === 0 || key(route) in fx.bodies;
      /** The route's path with these targets (a missing target is a made-up id). */
      const pathWith = (chosen: Array<Target | undefined>) => {
        let n = 0;
        return route.url.replace(/:[A-Za-z]+/g, () => {
          const kind = kinds[n];
          const target = chosen[n++];
          return target?.id ?? (kind === 'instrument' ? 'no-such-instrument' : RANDOM_ID);
        });
      };
      for (const who of EVERYONE) {
        const send = (url: string) => {
          const options = { method: route.method as 'GET', url, payload: fx.bodies[key(route)] as object | undefined, headers: { 'if-match': '"999999"' } };
          return who === 'anonymous' ? t.app.inject(options) : fx.agents[who].request(options);
        };
        for (const variant of variants) {
          const chosen = variant ? kinds.map((k, i) => targetFor(fx, k, variant, i === kinds.length - 1)) : [];
          const url = pathWith(chosen);
          let expectation: 401 | 403 | 404 | 'allowed' | 'public' | 'reachable';
          if (route.permission === 'public') expectation = 'public';
          else if (who === 'anonymous') expectation = 401;
          else if (route.permission !== 'authenticated' && !roleMayEver(who, route.permission as Action)) expectation = 403;
          else if (!bodyKnown) expectation = 'reachable';
          else if (!variant) expectation = 'allowed';
          else if (variant === 'random' || variant === 'mixed') expectation = 404;
          else {
            const kind = kinds[kinds.length - 1]!;
            const target = chosen[chosen.length - 1]!;
            const actor = await actorOf(who);
            const resource = await resourceOf(kind, target, actor);
            const authorOk = target.authorId === undefined || target.authorId === actor.userId;
            expectation = resource && authorOk && can(actor, route.permission as Action, resource) ? 'allowed' : 404;
          }
          const response: LightMyRequestResponse = await send(url);
          cells += 1;
          seen[String(expectation)]! += 1;
          const status = response.statusCode;
          const cell = `${who} ${route.method} ${route.url} [${variant ?? '-'}] → ${status} (expected ${expectation}) ${response.body.slice(0, 160)}`;
          const ok = status < 500 && (typeof expectation === 'number' ? status === expectation
            : expectation === 'allowed' ? ![401, 403, 404].includes(status) : expectation === 'public' ? status !== 403 : status !== 401 && status !== 403);
          if (!ok) mismatches.push(cell);
          const headerProblem = securityHeaderProblem(response);
          if (headerProblem) headerProblems.push(`${cell}: ${headerProblem}`);
          if (expectation === 404 && variant !== 'random' && route.method !== 'HEAD') {
            // Refused must look exactly like missing: the same route with the last id made up.
            const missing = await send(pathWith(chosen.map((c, i) => (i === chosen.length - 1 ? undefined : c))));
            if (missing.statusCode !== 404 || response.body !== missing.body) mismatches.push(`${cell} — differs from the answer for a made-up id: ${missing.body}`);
          }
          if (who !== 'anonymous' && STATE_CHANGING.includes(route.method) && status < 300
            && (await fx.agents[who].get('/api/v1/auth/session')).statusCode === 401) await fx.signInAgain(who);
        }
      }
    }

    expect(mismatches, JSON.stringify(mismatches, null, 1)).toEqual([]);
    expect(headerProblems).toEqual([]);
    const expectedCells = api().reduce((n, r) => n + EVERYONE.length * Math.max(1, variantsFor(paramKinds(r.url)).length), 0);
    expect(cells).toBe(expectedCells);
    // Every kind of answer occurs, so the matrix exercises refusals at every level as well as access.
    for (const outcome of ['401', '403', '404', 'allowed', 'public']) expect(seen[outcome], outcome).toBeGreaterThan(0);
    expect(cells).toBeGreaterThanOrEqual(500);
  }, MATRIX_TIMEOUT_MS);

  it('shows a private process note to its author only, and audits every touch of one as psychotherapy', async () => {
    const session = fx.targets.session!.own!;
    const note = fx.targets['process-note']!.own!;
    for (const who of SIGNED_IN_ROLES) {
      const response = await fx.agents[who].get(`/api/v1/sessions/${session.id}/process-notes`);
      const ids = response.statusCode === 200 ? (response.json().items as Array<{ id: string }>).map((i) => i.id) : [];
      expect(ids.includes(note.id), `${who} sees the note: ${response.statusCode}`).toBe(who === 'clinician');
    }
    const touches = await t.db.db.selectFrom('audit_event').select(['sensitivity', 'action']).where('entity_type', '=', 'process-note').execute();
    expect(touches.length).toBeGreaterThan(0);
    expect(touches.filter((r) => r.sensitivity !== 'psychotherapy')).toEqual([]);
  });

  it('refuses every state-changing route without the CSRF token, and every public one from a foreign origin', async () => {
    const writes = api().filter((r) => STATE_CHANGING.includes(r.method));
    const accepted: string[] = [];
    for (const route of writes) {
      const kinds = paramKinds(route.url);
      let n = 0;
      const url = route.url.replace(/:[A-Za-z]+/g, () => targetFor(fx, kinds[n++], 'own', false)?.id ?? RANDOM_ID);
      const payload = fx.bodies[key(route)] as object | undefined;
      if (route.permission === 'public') {
        const forged = await t.app.inject({ method: route.method as 'POST', url, payload, headers: { origin: 'https://attacker.example' } });
        if (forged.statusCode !== 403 || !String(forged.json().type).endsWith('/cross-origin')) accepted.push(`${key(route)} from a foreign origin → ${forged.statusCode}`);
        continue;
      }
      for (const who of SIGNED_IN_ROLES) {
        const forged = await t.app.inject({ method: route.method as 'POST', url, payload, headers: { cookie: fx.agents[who].cookie, 'if-match': '"999999"' } });
        if (forged.statusCode !== 403 || !String(forged.json().type).endsWith('/csrf')) accepted.push(`${who} ${key(route)} without CSRF → ${forged.statusCode}`);
      }
    }
    expect(writes.length).toBeGreaterThan(15);
    expect(accepted).toEqual([]);
  });

  it('changes no stored data through any GET or HEAD route (reads only add audit events)', async () => {
    const snapshot = () => storedRows(t.db, new Set(['audit_event', 'audit_chain_head', 'auth_session', 'login_throttle']));
    const before = await snapshot();
    expect(Object.keys(before)).toContain('client');
    for (const route of api().filter((r) => r.method === 'GET' || r.method === 'HEAD')) {
      const kinds = paramKinds(route.url);
      let n = 0;
      const url = route.url.replace(/:[A-Za-z]+/g, () => targetFor(fx, kinds[n++], 'own', false)?.id ?? RANDOM_ID);
      for (const who of SIGNED_IN_ROLES) expect((await fx.agents[who].request({ method: route.method as 'GET', url })).statusCode, `${who} ${url}`).toBeLessThan(500);
    }
    expect(await snapshot()).toEqual(before);
  }, MATRIX_TIMEOUT_MS);
});
