import { describe, expect, it } from 'vitest';
import { GAD_7 } from './gad-7';
import { scoreInstrument } from './scoring';

function answersOf(values: ReadonlyArray<number | undefined>): Record<string, number> {
  return Object.fromEntries(values.flatMap((value, index) => (value === undefined ? [] : [[String(index + 1), value]])));
}

describe('GAD-7 golden rows (bands [S36a])', () => {
  const rows: Array<[number[], number, string]> = [
    [[0, 0, 0, 0, 0, 0, 0], 0, 'minimal'],
    [[1, 1, 1, 1, 0, 0, 0], 4, 'minimal'],
    [[1, 1, 1, 1, 1, 0, 0], 5, 'mild'],
    [[2, 2, 1, 1, 1, 1, 1], 9, 'mild'],
    [[2, 2, 2, 1, 1, 1, 1], 10, 'moderate'],
    [[2, 2, 2, 2, 2, 2, 2], 14, 'moderate'],
    [[3, 2, 2, 2, 2, 2, 2], 15, 'severe'],
    [[3, 3, 3, 3, 3, 3, 3], 21, 'severe'],
  ];
  it.each(rows)('%j → %i, %s', (values, total, band) => {
    const result = scoreInstrument(GAD_7, answersOf(values));
    expect(result.total).toBe(total);
    expect(result.severity?.code).toBe(band);
    expect(result.maximum).toBe(21);
    expect(result.riskItems).toEqual([]);
  });

  it('≥10 cut-off for further evaluation [S36a]', () => {
    expect(scoreInstrument(GAD_7, answersOf([2, 2, 2, 1, 1, 1, 1])).cutOffsMet).toEqual(['gad-7-ge-10']);
    expect(scoreInstrument(GAD_7, answersOf([2, 2, 1, 1, 1, 1, 1])).cutOffsMet).toEqual([]);
  });

  it('any missing item 1–7 leaves the total null; item 8 (difficulty) is optional', () => {
    expect(scoreInstrument(GAD_7, answersOf([3, 3, 3, 3, 3, 3, undefined])).total).toBeNull();
    expect(scoreInstrument(GAD_7, answersOf([3, 3, 3, 3, 3, 3, undefined])).missingItems).toEqual(['7']);
    expect(scoreInstrument(GAD_7, answersOf([0, 0, 0, 0, 0, 0, 0, 3])).total).toBe(0);
  });
});
