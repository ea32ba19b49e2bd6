import type { Actor } from '../../domain/access/policy';
import type { Config } from '../config';
import type { RouteAccess } from '../modules/auth/live-session';
import type { Db } from '../db/database';
import type { Clock } from './clock';
import type { Mailer } from './mailer';
import type { EscalationNotifier } from './notifier';
import type { SerializedReadOutcome } from './read-audit';

/** Runs named audited reads off the main thread (src/server/db/read-pool.ts). */
export interface ReadRunner {
  run(task: string, ctx: RequestContext, args: unknown): Promise<SerializedReadOutcome>;
}

/** What every service needs, passed explicitly (no globals). */
export interface Deps {
  config: Config;
  db: Db;
  dialect: 'sqlite' | 'postgres';
  clock: Clock;
  /** Sends invitation and reset links when IPT_SMTP_URL is set; null otherwise. */
  mailer: Mailer | null;
  /** Channels outside the app for risk escalations (e-mail by default when SMTP is set; pluggable). */
  notifiers: readonly EscalationNotifier[];
  /** Read workers for audited reads (SQLite file databases in the server process); absent: reads run inline. */
  readPool?: ReadRunner | undefined;
}

/** The signed-in session behind a request. */
export interface SessionRef {
  id: string;
  csrfToken: string;
  absoluteExpiresAt: string;
  mfaEnabled: boolean;
  mfaEnrolmentRequired: boolean;
}

/**
 * A read whose session check runs on the read worker together with the read (plugins/session-auth.ts,
 * docs/decisions/0003-audit-cost.md §10): the token and what the route asks, and the way to check the
 * session on this thread instead when the worker leaves it here (a write is due) or no read runs.
 */
export interface DeferredSession {
  token: string;
  route: RouteAccess;
  /** Checks the session here as any other route's is checked (ends, touches, refusals written here); sets actor and session. */
  checkHere(): Promise<void>;
}

/** One request's identity and provenance, for access checks and the audit trail. */
export interface RequestContext extends Deps {
  actor: Actor | null;
  session: SessionRef | null;
  requestId: string;
  sourceIp: string | null;
  /** Set while a deferred session check has not run yet; actor and session are null until it has. */
  deferredSession?: DeferredSession | null;
}

/** The actor of an authenticated route; routes reach here only after the auth hook has run. */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new Error('requireActor called on an unauthenticated request');
  return ctx.actor;
}
