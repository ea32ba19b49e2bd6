import { v7 as uuidv7 } from 'uuid';

/** Time comes from a clock passed in, so tests can move it (idle time-outs, link expiry). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** ISO-8601 UTC with milliseconds: sorts as text on both databases. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

/** Time-ordered UUIDv7 ids, made by the app (no database defaults). */
export function newId(): string {
  return uuidv7();
}
