import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { isAction } from '../../domain/access/policy';
import type { IptRouteConfig } from './route-config';

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: string | undefined;
  /** The route's request and response schemas (zod), for the schema-fuzzing tests. */
  schema?: FastifySchema;
}

/** API documentation served by a library: public, no client data. */
const LIBRARY_PATHS = [/^\/api\/docs(\/|$)/];
/** Namespaces whose routes must each declare a permission; outside them only static web files are served. */
const GUARDED_NAMESPACES = [/^\/api\//, /^\/fhir\//, /^\/healthz$/, /^\/readyz$/];

/** Static files of the built web app (GET/HEAD outside the API namespaces) carry no client data. */
function isStaticWebFile(url: string, methods: unknown[]): boolean {
  return !GUARDED_NAMESPACES.some((p) => p.test(url)) && methods.every((m) => m === 'GET' || m === 'HEAD');
}

/**
 * Collects every route as it registers and refuses any API route without a valid permission, so a
 * forgotten access check fails at start-up and in tests, not in production.
 */
export function enforceRoutePermissions(app: FastifyInstance, registered: RegisteredRoute[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = route.config as Partial<IptRouteConfig> | undefined;
    const permission = config?.permission;
    // The read worker's session check admits reads only (decision 0003 §10): a route that changes anything keeps the full check here.
    if (config?.sessionOnReadWorker && methods.some((m) => m !== 'GET' && m !== 'HEAD')) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares sessionOnReadWorker, which only a GET may`);
    }
    for (const method of methods) registered.push({ method: String(method), url: route.url, permission, schema: route.schema });
    if (LIBRARY_PATHS.some((p) => p.test(route.url)) || isStaticWebFile(route.url, methods) || method(methods) === 'HEAD') return;
    if (permission === undefined || (permission !== 'public' && permission !== 'authenticated' && !isAction(permission))) {
      throw new Error(`Route ${methods.join(',')} ${route.url} does not declare a valid config.permission`);
    }
  });
}

function method(methods: unknown[]): string {
  return methods.length === 1 ? String(methods[0]) : '';
}
