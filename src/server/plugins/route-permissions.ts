import type { FastifyInstance, RouteOptions } from 'fastify';
import { isAction } from '../../domain/access/policy';

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: string | undefined;
}

/** Paths served by libraries (static files, API docs) that carry no client data. */
const LIBRARY_PATHS = [/^\/api\/docs(\/|$)/, /^\/assets\//, /^\/\*$/, /^\/$/, /^\/index\.html$/];

/**
 * Collects every route as it registers and refuses any API route without a valid permission, so a
 * forgotten access check fails at start-up and in tests, not in production.
 */
export function enforceRoutePermissions(app: FastifyInstance, registered: RegisteredRoute[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const permission = (route.config as { permission?: string } | undefined)?.permission;
    for (const method of methods) registered.push({ method: String(method), url: route.url, permission });
    if (LIBRARY_PATHS.some((p) => p.test(route.url)) || method(methods) === 'HEAD') return;
    if (permission === undefined || (permission !== 'public' && permission !== 'authenticated' && !isAction(permission))) {
      throw new Error(`Route ${methods.join(',')} ${route.url} does not declare a valid config.permission`);
    }
  });
}

function method(methods: unknown[]): string {
  return methods.length === 1 ? String(methods[0]) : '';
}
