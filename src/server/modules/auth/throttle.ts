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
} as const;

const accountKey = (email: string, ip: string) => `acct:${email}|${ip}`;
const addressKey = (ip: string) => `ip:${ip}`;

interface Counter { attempts: number; windowStart: number }

async function readCounter(db: Db, key: string, windowSeconds: number, nowMs: number): Promise<Counter> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return { attempts: 0, windowStart: nowMs };
  const start = Date.parse(row.window_start);
  if (nowMs - start >= windowSeconds * 1000) return { attempts: 0, windowStart: nowMs };
  return { attempts: Number(row.attempts), windowStart: start };
}

async function writeCounter(db: Db, key: string, counter: Counter): Promise<void> {
  const values = { key, window_start: new Date(counter.windowStart).toISOString(), attempts: counter.attempts };
  await db.insertInto('login_throttle').values(values)
    .onConflict((oc) => oc.column('key').doUpdateSet({ window_start: values.window_start, attempts: values.attempts }))
    .execute();
}

function tooMany(retryAfterSeconds: number): DomainError {
  return new DomainError('too-many-requests', `Too many sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
    extra: { retryAfterSeconds },
  });
}

/** Counts this attempt against the address and refuses (429) when either limit is reached. Commits on its own. */
export async function admitLoginAttempt(db: Db, clock: Clock, email: string, ip: string): Promise<void> {
  const nowMs = clock.now().getTime();
  await db.transaction().execute(async (tx) => {
    const a = THROTTLE_RULES.accountAddress;
    const account = await readCounter(tx, accountKey(email, ip), a.windowSeconds, nowMs);
    if (account.attempts >= a.limit) throw tooMany(Math.max(1, Math.ceil((account.windowStart + a.windowSeconds * 1000 - nowMs) / 1000)));
    const r = THROTTLE_RULES.address;
    const address = await readCounter(tx, addressKey(ip), r.windowSeconds, nowMs);
    if (address.attempts >= r.limit) throw tooMany(Math.max(1, Math.ceil((address.windowStart + r.windowSeconds * 1000 - nowMs) / 1000)));
    await writeCounter(tx, addressKey(ip), { ...address, attempts: address.attempts + 1 });
  });
}

/** Records a failed password or code for this account from this address. */
export async function recordLoginFailure(db: Db, clock: Clock, email: string, ip: string): Promise<void> {
  const nowMs = clock.now().getTime();
  await db.transaction().execute(async (tx) => {
    const a = THROTTLE_RULES.accountAddress;
    const account = await readCounter(tx, accountKey(email, ip), a.windowSeconds, nowMs);
    await writeCounter(tx, accountKey(email, ip), { ...account, attempts: account.attempts + 1 });
  });
}

export async function clearLoginFailures(db: Db, email: string, ip: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', accountKey(email, ip)).execute();
}
