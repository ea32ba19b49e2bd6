import { sql } from 'kysely';
import { DomainError } from '../../../domain/errors';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';

/**
 * Sign-in throttling (security-reference §8 rows 12–13), kept in the database so every server
 * instance shares it. Failures are counted per account *and source address*, so an attacker
 * elsewhere cannot lock a person out; every attempt is also counted per address, against spraying.
 */
export const THROTTLE_RULES = {
  accountAddress: { limit: 5, windowSeconds: 15 * 60 },
  address: { limit: 30, windowSeconds: 60 },
  /** Documents (PDF exports and disclosures) per user: a person rarely makes more than a few at once (row 26). */
  documentExports: { limit: 60, windowSeconds: 10 * 60 },
} as const;

const accountKey = (email: string, ip: string) => `acct:${email}|${ip}`;
const addressKey = (ip: string) => `ip:${ip}`;

/**
 * Adds one attempt to a fixed-window counter in a single upsert and answers the new count and window
 * start. The upsert holds the row lock until commit, so concurrent attempts (even on other server
 * instances) are counted one after another and none slips past the limit.
 */
async function incrementCounter(db: Db, key: string, windowSeconds: number, nowMs: number): Promise<{ attempts: number; windowStart: number }> {
  const now = new Date(nowMs).toISOString();
  const expiredBefore = new Date(nowMs - windowSeconds * 1000).toISOString();
  const row = await db.insertInto('login_throttle').values({ key, window_start: now, attempts: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      attempts: sql<number>`case when login_throttle.window_start <= ${expiredBefore} then 1 else login_throttle.attempts + 1 end`,
      window_start: sql<string>`case when login_throttle.window_start <= ${expiredBefore} then ${now} else login_throttle.window_start end`,
    }))
    .returning(['attempts', 'window_start'])
    .executeTakeFirstOrThrow();
  return { attempts: Number(row.attempts), windowStart: Date.parse(row.window_start) };
}

function tooMany(retryAfterSeconds: number): DomainError {
  return new DomainError('too-many-requests', `Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
    extra: { retryAfterSeconds },
  });
}

/** Counts this attempt against the account-and-address and the address, refusing (429) at either limit. Commits on its own. */
export async function admitLoginAttempt(db: Db, clock: Clock, email: string, ip: string): Promise<void> {
  const nowMs = clock.now().getTime();
  // Counted before the password is checked, so guesses sent at once cannot slip past the limit; a
  // refused attempt rolls its increment back, and a successful sign-in clears the account counter.
  await db.transaction().execute(async (tx) => {
    for (const [key, rule] of [[accountKey(email, ip), THROTTLE_RULES.accountAddress], [addressKey(ip), THROTTLE_RULES.address]] as const) {
      const counter = await incrementCounter(tx, key, rule.windowSeconds, nowMs);
      if (counter.attempts > rule.limit) throw tooMany(Math.max(1, Math.ceil((counter.windowStart + rule.windowSeconds * 1000 - nowMs) / 1000)));
    }
  });
}

export async function clearLoginFailures(db: Db, email: string, ip: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', accountKey(email, ip)).execute();
}

/**
 * Counts one use of a throttled action (e.g. a document export) for one key in its own transaction and
 * answers the seconds to wait when the key is over its limit, or null when the use is admitted.
 */
export async function countThrottledUse(db: Db, clock: Clock, key: string, rule: { limit: number; windowSeconds: number }): Promise<number | null> {
  const nowMs = clock.now().getTime();
  return db.transaction().execute(async (tx) => {
    const counter = await incrementCounter(tx, key, rule.windowSeconds, nowMs);
    return counter.attempts > rule.limit ? Math.max(1, Math.ceil((counter.windowStart + rule.windowSeconds * 1000 - nowMs) / 1000)) : null;
  });
}
