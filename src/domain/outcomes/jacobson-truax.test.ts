import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { assessReliableChange, standardErrorOfDifference } from './jacobson-truax';

// Made-up programme parameters for the test, not published values.
const PARAMETERS = { instrumentId: 'phq-9', sd: 5, reliability: 0.84, source: 'test fixture (not a published value)' };
const series = (pre: number, post: number) => [
  { date: '2025-01-06', total: pre },
  { date: '2025-03-31', total: post },
];

describe('Jacobson–Truax reliable change [S44]', () => {
  it('S_diff = SD × √2 × √(1 − r): 5 × 1.41421 × 0.4 = 2.82843', () => {
    expect(standardErrorOfDifference(PARAMETERS)).toBeCloseTo(2.82843, 5);
  });

  it.each([
    [18, 12, -2.12132, 'reliable-improvement'],
    [18, 13, -1.76777, 'no-reliable-change'],
    [10, 16, 2.12132, 'reliable-deterioration'],
    [10, 10, 0, 'no-reliable-change'],
  ] as const)('%i → %i: RC %f, %s', (pre, post, rc, classification) => {
    const result = assessReliableChange(series(pre, post), PARAMETERS);
    expect(result.reliableChangeIndex).toBeCloseTo(rc, 4);
    expect(result.classification).toBe(classification);
    expect(result.minimumReliableChange).toBeCloseTo(5.54372, 4);
    expect(result.ruleSet).toBe('jacobson-truax');
    expect(result.parameters).toBe(PARAMETERS);
  });

  it('requires the programme to supply valid, sourced parameters', () => {
    try {
      standardErrorOfDifference({ instrumentId: 'phq-9', sd: 0, reliability: 1, source: ' ' });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.errors.map((e) => e.field)).toEqual(['parameters.sd', 'parameters.reliability', 'parameters.source']);
    }
  });
});
