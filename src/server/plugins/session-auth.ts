import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isDomainError } from '../../domain/errors';
import type { Config } from '../config';
import { audit } from '../lib/audit';
import type { Deps, RequestContext } from '../lib/context';
import { safeEqual } from '../lib/crypto';
import { resolveSession } from '../modules/auth/auth.service';
import { routeRefusal, type RouteAccess } from '../modules/auth/live-session';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export function sessionCookieName(config: Config): string {
  return config.secureCookies ? '__Host-ipt_session' : 'ipt_session';
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Path=/, and Secure + `__Host-` behind TLS. */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config), token, { httpOnly: true, sameSite: 'strict', path: '/', secure: config.secureCookies });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies });
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Builds the request context, then for each route enforces what it declared: a live session for
 * anything but `public`, the CSRF token on state-changing requests, MFA enrolment where the
 * organization requires it, and the role-level permission (refusals are audited). A GET declared
 * `sessionOnReadWorker` leaves the check to the read worker that runs its read (decision 0003 §10):
 * the worker admits only a session that needs nothing written, and hands anything else back to
 * `checkHere`, which is this same check.
 */
export async function registerSessionAuth(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.ctx = { ...deps, actor: null, session: null, requestId: String(request.id), sourceIp: request.ip ?? null };
    const config = request.routeOptions.config;
    const permission = config?.permission;
    if (permission === undefined || permission === 'public') {
      if (STATE_CHANGING.has(request.method)) checkSameOrigin(request, deps.config);
      return;
    }
    const token = request.cookies[sessionCookieName(deps.config)];
    if (!token) throw new DomainError('unauthenticated', 'Sign in to continue.', { extra: { problemType: 'not-signed-in' } });
    const route: RouteAccess = { permission, allowDuringMfaEnrolment: config?.allowDuringMfaEnrolment === true };
    if (request.method === 'GET' && config?.sessionOnReadWorker && deps.readPool) {
      request.ctx.deferredSession = { token, route, checkHere: () => checkSession(request, token, route) };
      return;
    }
    await checkSession(request, token, route);
  });
}

/** The session check on this thread: resolves the session (writing ends and touches), then the route's own demands. */
async function checkSession(request: FastifyRequest, token: string, route: RouteAccess): Promise<void> {
  const ctx = request.ctx;
  ctx.deferredSession = null;
  const resolved = await resolveSession(ctx, token);
  ctx.actor = resolved.actor;
  ctx.session = resolved.session;
  if (STATE_CHANGING.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, resolved.session.csrfToken)) {
      throw new DomainError('forbidden', 'The request is missing its CSRF token (x-csrf-token). Reload the page and try again.', { extra: { problemType: 'csrf' } });
    }
  }
  const refusal = routeRefusal(route, resolved.actor.role, resolved.session);
  if (refusal === 'mfa-enrolment-required') {
    throw new DomainError('forbidden', 'Your organization requires two-step sign-in. Set it up on your account page first.', { extra: { problemType: 'mfa-enrolment-required' } });
  }
  if (refusal === 'role') {
    try {
      await ctx.db.transaction().execute((tx) => audit(tx, ctx, { action: 'denied', entityType: 'route', entityId: null, outcome: 'denied', reason: `${route.permission} (${request.method} ${request.routeOptions.url})` }));
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
    throw new DomainError('forbidden', 'Your role does not allow this.');
  }
}

/** Public state-changing routes (sign-in, setup, invitations) must come from our own pages. */
function checkSameOrigin(request: FastifyRequest, config: Config): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const host = request.headers.host;
  const allowed = new Set([config.publicUrl, host ? `http://${host}` : '', host ? `https://${host}` : ''].filter(Boolean));
  if (!allowed.has(origin)) throw new DomainError('forbidden', 'Cross-site requests are not accepted.', { extra: { problemType: 'cross-origin' } });
}
