import type { Action } from '../../domain/access/policy';

/**
 * Every route declares what it needs in `config.permission`: `public` (no session), `authenticated`
 * (any signed-in user), or an action from the access table that the user's role must be able to take
 * somewhere. A route without one refuses to register (see route-permissions.ts), so a route cannot
 * be published without an access decision.
 */
export type RoutePermission = 'public' | 'authenticated' | Action;

export interface IptRouteConfig {
  permission: RoutePermission;
  /** Reachable while the organization requires MFA and the user has not enrolled yet. */
  allowDuringMfaEnrolment?: boolean;
  /**
   * A GET answered by an audited read task on a read worker: the worker checks the session with the
   * read (decision 0003 §10), so the event loop does not. Only for handlers whose first step is that
   * read (read-audit.ts answerAuditedRead).
   */
  sessionOnReadWorker?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    allowDuringMfaEnrolment?: boolean;
    sessionOnReadWorker?: boolean;
  }
}
