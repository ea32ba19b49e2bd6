import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Role } from '../../src/domain/access/policy';
import type { Db, Tx } from '../../src/server/db/database';
import { isoNow, newId, type Clock } from '../../src/server/lib/clock';
import { hashPassword } from '../../src/server/modules/auth/passwords';
import { insertOrganization } from '../../src/server/modules/organizations/organizations.repository';
import { insertUser } from '../../src/server/modules/users/users.repository';

/**
 * Shared checks for the server tests: the RFC 9457 error shape, sign-in from a chosen address, and
 * rows inserted directly (a second organization cannot be made through the API once set up).
 */

/** Asserts an RFC 9457 problem answer with this status, and that nothing internal leaks. Answers the body. */
export function expectProblem(response: LightMyRequestResponse, status: number): { type: string; title: string; status: number; detail?: string; errors?: Array<{ field: string; message: string }>; [key: string]: unknown } {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body.status).toBe(status);
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  expect(body).not.toHaveProperty('stack');
  expect(response.body).not.toMatch(/\bat .+\.(ts|js|mjs):\d+|node_modules|sqlite_|SQLITE_|syntax error at/i);
  return body;
}

/** The fields named by a problem's `errors`. */
export function fieldsOf(response: LightMyRequestResponse): string[] {
  return ((response.json().errors ?? []) as Array<{ field: string }>).map((e) => e.field);
}

/** Signs in from a given source address (throttling is per address). */
export function signInFrom(app: FastifyInstance, email: string, password: string, options: { ip?: string; totp?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST', url: '/api/v1/auth/login', remoteAddress: options.ip ?? '127.0.0.1', headers: options.headers ?? {},
    payload: { email, password, ...(options.totp ? { totp: options.totp } : {}) },
  });
}

/** The raw Set-Cookie header of the session cookie. */
export function sessionSetCookie(response: LightMyRequestResponse): string {
  const raw = response.headers['set-cookie'];
  const found = (Array.isArray(raw) ? raw : [raw]).find((c): c is string => typeof c === 'string' && c.includes('ipt_session='));
  if (!found) throw new Error(`no session cookie in ${response.statusCode}: ${response.body}`);
  return found;
}

/** The token out of a link such as https://…/invite#token=abc. */
export function tokenOf(link: string): string {
  const token = link.split('#token=')[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** Inserts an organization directly (setup refuses once any user exists). */
export async function insertTestOrganization(db: Db, clock: Clock, name: string): Promise<string> {
  const now = isoNow(clock);
  const id = newId();
  await insertOrganization(db, { id, name, require_mfa: 0, settings_json: '{}', created_at: now, updated_at: now, version: 1 });
  return id;
}

/** Inserts an active user with a real argon2id hash, so they can sign in through the API. */
export async function insertTestUser(db: Db, clock: Clock, organizationId: string, input: { email: string; name: string; role: Role; password: string }): Promise<string> {
  const now = isoNow(clock);
  const id = newId();
  await insertUser(db, {
    id, organization_id: organizationId, email: input.email, name: input.name, role: input.role, status: 'active', password_hash: await hashPassword(input.password),
    totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, created_at: now, updated_at: now, version: 1,
  });
  return id;
}

/** Audit rows (optionally of one request or organization), in chain order. */
export async function auditRows(db: Db, filter: { requestId?: string; organizationId?: string } = {}) {
  let q = db.selectFrom('audit_event').selectAll();
  if (filter.requestId) q = q.where('request_id', '=', filter.requestId);
  if (filter.organizationId) q = q.where('organization_id', '=', filter.organizationId);
  return (await q.orderBy('organization_id').orderBy('seq').execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * PostgreSQL only: takes a lock in a transaction of its own, starts `work` (concurrent requests),
 * and releases the lock once two other backends wait behind it (directly or through each other),
 * or after a few seconds. Requests blocked at the same late step have run their earlier reads and
 * checks side by side, so a check-then-write race shows every time instead of by luck.
 */
export async function withPostgresLockHeld<T>(db: Db, acquire: (tx: Tx) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  let started: Promise<T> | undefined;
  await db.transaction().execute(async (tx) => {
    await acquire(tx);
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
    const holder = rows[0]!.pid;
    started = work();
    started.catch(() => undefined);
    for (let i = 0; i < 150; i += 1) {
      const waiting = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity a
        where a.wait_event_type = 'Lock' and a.datname = current_database()
          and (${holder} = any(pg_blocking_pids(a.pid))
            or exists (select 1 from pg_stat_activity b where b.pid = any(pg_blocking_pids(a.pid)) and ${holder} = any(pg_blocking_pids(b.pid))))`.execute(db);
      if (Number(waiting.rows[0]?.n ?? 0) >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return started!;
}

/** Holds the organization's audit chain head: every audited write takes that lock last. */
export function withAuditChainHeld<T>(db: Db, organizationId: string, work: () => Promise<T>): Promise<T> {
  return withPostgresLockHeld(db, (tx) => tx.selectFrom('audit_chain_head').select('seq').where('organization_id', '=', organizationId).forUpdate().execute(), work);
}
