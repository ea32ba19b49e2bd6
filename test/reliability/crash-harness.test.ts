import { describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects';
import { crashPassed, figuresTable, runCrashHarness } from './crash-harness';

/**
 * The short run of the crash harness (the nightly run is `npm run test:crash`, 200 cycles):
 * a few SIGKILL cycles per dialect, and a run where a stored row is changed behind the server's
 * back to show the harness notices.
 */
describe.each(testDialects())('crash harness, short run on %s', (dialect) => {
  const postgresUrl = process.env.IPT_TEST_DATABASE_URL;

  it('loses and alters no acknowledged write over 5 kill cycles', async () => {
    const figures = await runCrashHarness({ dialect, cycles: 5, seed: 20261206, postgresUrl, maxWriteMs: 1200, log: () => undefined });
    expect(figures.problems, figuresTable([figures])).toEqual([]);
    expect(crashPassed(figures)).toBe(true);
    expect(figures.cycles).toBe(5);
    expect(figures.byKind.measure ?? 0).toBeGreaterThan(0);
    expect(figures.byKind.note ?? 0).toBeGreaterThan(0);
    expect(figures.chainVerifications).toBeGreaterThan(0);
  }, 180_000);

  it('notices an acknowledged row that was changed', async () => {
    const figures = await runCrashHarness({ dialect, cycles: 1, seed: 7, postgresUrl, minWriteMs: 600, maxWriteMs: 900, sabotage: true, log: () => undefined });
    expect(figures.altered).toBe(1);
    expect(crashPassed(figures)).toBe(false);
  }, 120_000);
});
