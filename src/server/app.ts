import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { SerializedAnswer } from './lib/read-audit';
import { sql } from 'kysely';
import type { Config } from './config';
import type { Db } from './db/database';
import { migrationsAreCurrent } from './db/migrator';
import { systemClock, newId, type Clock } from './lib/clock';
import type { Deps, ReadRunner } from './lib/context';
import { createMailer, type Mailer } from './lib/mailer';
import { defaultNotifiers, type EscalationNotifier } from './lib/notifier';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { clientsRoutes } from './modules/clients/clients.routes';
import { instrumentsRoutes } from './modules/instruments/instruments.routes';
import { episodesRoutes } from './modules/episodes/episodes.routes';
import { sessionsRoutes } from './modules/sessions/sessions.routes';
import { riskRoutes } from './modules/risk/risk.routes';
import { initialPhaseRoutes } from './modules/initial-phase/initial-phase.routes';
import { middlePhaseRoutes } from './modules/middle-phase/middle-phase.routes';
import { documentsRoutes } from './modules/documents/documents.routes';
import { terminationRoutes } from './modules/termination/termination.routes';
import { organizationsRoutes } from './modules/organizations/organizations.routes';
import { usersRoutes } from './modules/users/users.routes';
import { registerApiDocs } from './plugins/api-docs';
import { registerErrorHandler, sendProblem } from './plugins/error-handler';
import { enforceRoutePermissions, type RegisteredRoute } from './plugins/route-permissions';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerSessionAuth } from './plugins/session-auth';
import { registerWebApp } from './plugins/web-app';
import './plugins/route-config';

export interface BuildAppOptions {
  config: Config;
  db: Db;
  dialect: 'sqlite' | 'postgres';
  clock?: Clock;
  /** Where the built web app lives; defaults to dist/web at the repository root. */
  webRoot?: string;
  logger?: boolean;
  /** Overrides the mailer built from IPT_SMTP_URL (tests). */
  mailer?: Mailer | null;
  /** Channels for risk escalations outside the app; defaults to e-mail when a mailer is configured. */
  notifiers?: EscalationNotifier[];
  /** Read workers for audited reads (the server process on SQLite); without it reads run inline. */
  readPool?: ReadRunner;
}

export interface App {
  app: FastifyInstance;
  /** Every route with its declared permission, for the route-table tests. */
  routes: RegisteredRoute[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the Fastify instance without listening, so tests drive it with inject(). */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, db, dialect } = options;
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: config.logLevel,
      // Request logs carry method, route and status only: never bodies, query strings or cookies.
      serializers: {
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0], id: req.id }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => newId(),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
    // A malformed or over-long URL is refused before routing; it still gets a problem+json answer.
    frameworkErrors: (error, _request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      return sendProblem(reply, status, { type: 'malformed-request', detail: status === 414 ? 'The address is too long.' : 'The address is not valid.' });
    },
  });
  const mailer = options.mailer !== undefined ? options.mailer : createMailer({ smtpUrl: config.smtpUrl, from: config.smtpFrom }, undefined, (m) => app.log.warn(m));
  const deps: Deps = { config, db, dialect, clock: options.clock ?? systemClock, mailer, notifiers: options.notifiers ?? defaultNotifiers(mailer, { url: config.escalationWebhookUrl, secret: config.escalationWebhookSecret, log: (m) => app.log.warn(m) }), readPool: options.readPool };
  app.setValidatorCompiler(validatorCompiler);
  // Answers a read worker already encoded with the same response schema go out as they are.
  app.setSerializerCompiler((route) => {
    const serialize = serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
    return (data) => (data instanceof SerializedAnswer ? data.json : serialize(data));
  });

  const routes: RegisteredRoute[] = [];
  enforceRoutePermissions(app, routes);
  registerErrorHandler(app);
  await registerSecurityHeaders(app, config);
  await registerApiDocs(app, { ui: config.apiDocs });
  await registerSessionAuth(app, deps);

  app.get('/healthz', { config: { permission: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      if (!(await migrationsAreCurrent(db))) return reply.status(503).send({ status: 'migrations pending' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
  app.get('/api/v1/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    await authRoutes(api, deps);
    await usersRoutes(api);
    await organizationsRoutes(api);
    await clientsRoutes(api);
    await auditRoutes(api);
    await instrumentsRoutes(api);
    await episodesRoutes(api);
    await sessionsRoutes(api);
    await riskRoutes(api);
    await initialPhaseRoutes(api);
    await middlePhaseRoutes(api);
    await documentsRoutes(api);
    await terminationRoutes(api);
  });
  await registerWebApp(app, options.webRoot ?? path.join(repoRoot, 'dist/web'));
  await app.ready();
  return { app, routes };
}
