import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/server/app';
import { ReadPool } from '../../src/server/db/read-pool';
import { createTestClock, type TestClock } from './test-clock';
import { createTestDatabase, type Dialect, type TestDatabase } from './dialects';

export interface TestApp {
  app: FastifyInstance;
  routes: App['routes'];
  db: TestDatabase;
  clock: TestClock;
  readPool: ReadPool | undefined;
  close(): Promise<void>;
}

/**
 * A full app on a fresh database with a movable clock, driven through inject() (no socket). Audited
 * reads run inline unless `readWorkers` asks for read worker threads, as the server runs them.
 */
export async function createTestApp(dialect: Dialect, env: Record<string, string> = {}, options: { readWorkers?: number } = {}): Promise<TestApp> {
  const db = await createTestDatabase(dialect, env);
  const clock = createTestClock();
  const readPool = options.readWorkers ? await ReadPool.start(db.config, { size: options.readWorkers, onError: () => undefined, pgSchema: db.schema }) : undefined;
  const { app, routes } = await buildApp({ config: db.config, db: db.db, dialect: db.dialect, clock, logger: false, webRoot: '/nonexistent', ...(readPool ? { readPool } : {}) });
  return { app, routes, db, clock, readPool, close: async () => { await app.close(); await readPool?.close(); await db.dispose(); } };
}

/** A signed-in user agent: remembers the session cookie and sends the CSRF token on changes. */
export interface Agent {
  cookie: string;
  csrfToken: string;
  userId: string;
  organizationId: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, payload: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function sessionCookieFrom(response: LightMyRequestResponse): string {
  const raw = response.headers['set-cookie'];
  const first = (Array.isArray(raw) ? raw : [raw]).find((c) => typeof c === 'string' && c.includes('ipt_session='));
  if (!first) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return first.split(';')[0]!;
}

export function agentFrom(app: FastifyInstance, signIn: LightMyRequestResponse): Agent {
  if (signIn.statusCode >= 300) throw new Error(`sign-in failed ${signIn.statusCode}: ${signIn.body}`);
  const body = signIn.json() as { csrfToken: string; user: { id: string; organizationId: string } };
  const cookie = sessionCookieFrom(signIn);
  const agent: Agent = {
    cookie, csrfToken: body.csrfToken, userId: body.user.id, organizationId: body.user.organizationId,
    request: (options) => app.inject({ ...options, headers: { cookie, 'x-csrf-token': body.csrfToken, ...(options.headers ?? {}) } }),
    get: (url, headers = {}) => agent.request({ method: 'GET', url, headers }),
    post: (url, payload, headers = {}) => agent.request({ method: 'POST', url, payload: payload as InjectOptions['payload'], headers }),
    patch: (url, payload, headers = {}) => agent.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'], headers }),
    delete: (url, headers = {}) => agent.request({ method: 'DELETE', url, headers }),
  };
  return agent;
}

export const ADMIN_PASSWORD = 'admin password for tests 1';
export const STAFF_PASSWORD = 'staff password for tests 1';

/** First-run set-up through the API; answers the administrator's agent. */
export async function setupOrganization(app: FastifyInstance, name = 'Test Clinic', email = 'admin@test.example'): Promise<Agent> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { organizationName: name, adminName: 'Test Admin', adminEmail: email, adminPassword: ADMIN_PASSWORD } });
  return agentFrom(app, response);
}

export async function signIn(app: FastifyInstance, email: string, password = STAFF_PASSWORD, totp?: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, ...(totp ? { totp } : {}) } });
}

/** Invites a user as the admin, accepts the invitation, and answers the new user's signed-in agent. */
export async function inviteAndAccept(app: FastifyInstance, admin: Agent, email: string, role: 'clinician' | 'supervisor' | 'admin', name = email.split('@')[0]!): Promise<Agent> {
  const invite = await admin.post('/api/v1/invitations', { email, role });
  if (invite.statusCode !== 201) throw new Error(`invite failed ${invite.statusCode}: ${invite.body}`);
  const token = (invite.json() as { link: string }).link.split('#token=')[1]!;
  const accepted = await app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, name, password: STAFF_PASSWORD } });
  return agentFrom(app, accepted);
}

/** Creates a client through the API as the given agent; answers the created record. */
export async function createClient(agent: Agent, body: Record<string, unknown> = {}): Promise<{ id: string; version: number } & Record<string, unknown>> {
  const response = await agent.post('/api/v1/clients', { displayName: 'Alex Example', dateOfBirth: '1990-04-12', ...body });
  if (response.statusCode !== 201) throw new Error(`create client failed ${response.statusCode}: ${response.body}`);
  return response.json();
}
