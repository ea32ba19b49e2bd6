import type { Clock } from '../../src/server/lib/clock';

/** A clock tests can move forward (time-outs, link expiry, TOTP steps). */
export interface TestClock extends Clock {
  set(iso: string): void;
  advanceSeconds(seconds: number): void;
}

export function createTestClock(start = '2026-11-22T09:00:00.000Z'): TestClock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    set: (iso) => { current = Date.parse(iso); },
    advanceSeconds: (seconds) => { current += seconds * 1000; },
  };
}
