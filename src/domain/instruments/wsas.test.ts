import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { scoreInstrument } from './scoring';
import { WSAS } from './wsas';

function answersOf(values: ReadonlyArray<number | undefined>): Record<string, number> {
  return Object.fromEntries(values.flatMap((value, index) => (value === undefined ? [] : [[String(index + 1), value]])));
}

describe('WSAS impairment levels [S41]', () => {
  const rows: Array<[number[], number, string]> = [
    [[0, 0, 0, 0, 0], 0, 'subclinical'],
    [[2, 2, 2, 2, 1], 9, 'subclinical'],
    [[2, 2, 2, 2, 2], 10, 'significant'],
    [[4, 4, 4, 4, 4], 20, 'significant'],
    [[5, 4, 4, 4, 4], 21, 'moderately-severe-or-worse'],
    [[8, 8, 8, 8, 8], 40, 'moderately-severe-or-worse'],
  ];
  it.each(rows)('%j → %i, %s', (values, total, level) => {
    const result = scoreInstrument(WSAS, answersOf(values));
    expect(result.total).toBe(total);
    expect(result.impairmentLevel).toBe(level);
    expect(result.severity?.code).toBe(level);
  });

  it('a missing item (e.g. not working) leaves total and impairment level null', () => {
    const result = scoreInstrument(WSAS, answersOf([undefined, 4, 4, 4, 4]));
    expect(result.total).toBeNull();
    expect(result.impairmentLevel).toBeNull();
    expect(result.missingItems).toEqual(['1']);
  });

  it('rejects 9 (scale is 0–8)', () => {
    expect(() => scoreInstrument(WSAS, { '1': 9 })).toThrow(expect.objectContaining({ code: 'validation' }));
    try {
      scoreInstrument(WSAS, { '1': 9 });
    } catch (error) {
      expect(isDomainError(error) && error.errors[0]?.field).toBe('answers.1');
    }
  });
});
