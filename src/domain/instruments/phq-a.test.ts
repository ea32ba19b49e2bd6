import { describe, expect, it } from 'vitest';
import { PHQ_A } from './phq-a';
import { scoreInstrument } from './scoring';

function answersOf(values: ReadonlyArray<number | undefined>): Record<string, number> {
  return Object.fromEntries(values.flatMap((value, index) => (value === undefined ? [] : [[String(index + 1), value]])));
}

describe('PHQ-A (PHQ-9 bands [S37d][S37e])', () => {
  const rows: Array<[number[], number, string]> = [
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 'minimal'],
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'mild'],
    [[1, 1, 1, 1, 1, 1, 1, 1, 1], 9, 'mild'],
    [[2, 1, 1, 1, 1, 1, 1, 1, 1], 10, 'moderate'],
    [[2, 2, 2, 2, 2, 1, 1, 1, 1], 14, 'moderate'],
    [[2, 2, 2, 2, 2, 2, 1, 1, 1], 15, 'moderately-severe'],
    [[3, 3, 3, 2, 2, 2, 2, 1, 1], 19, 'moderately-severe'],
    [[3, 3, 3, 3, 2, 2, 2, 1, 1], 20, 'severe'],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3], 27, 'severe'],
  ];
  it.each(rows)('%j → %i, %s', (values, total, band) => {
    const result = scoreInstrument(PHQ_A, answersOf(values));
    expect(result.total).toBe(total);
    expect(result.severity?.code).toBe(band);
  });

  it('items 10–13 are not scored and not required', () => {
    const result = scoreInstrument(PHQ_A, answersOf([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 0, 0]));
    expect(result.total).toBe(9);
    expect(scoreInstrument(PHQ_A, answersOf([1, 1, 1, 1, 1, 1, 1, 1, 1])).missingItems).toEqual([]);
  });

  it('≥10 cut-off (GLAD-PC) [S37e]', () => {
    expect(scoreInstrument(PHQ_A, answersOf([2, 1, 1, 1, 1, 1, 1, 1, 1])).cutOffsMet).toEqual(['phq-a-ge-10']);
  });

  it('risk items: item 9 ≥ 1 and the two suicide questions answered yes [S37e]', () => {
    expect(scoreInstrument(PHQ_A, { '9': 1 }).riskItems.map((item) => item.itemId)).toEqual(['9']);
    expect(scoreInstrument(PHQ_A, { '12': 1 }).riskItems.map((item) => item.itemId)).toEqual(['12']);
    expect(scoreInstrument(PHQ_A, { '13': 1 }).riskItems.map((item) => item.itemId)).toEqual(['13']);
    expect(scoreInstrument(PHQ_A, { '9': 0, '12': 0, '13': 0 }).riskItems).toEqual([]);
  });

  it('diagnostic algorithm uses items 1 (depressed/irritable) and 2 (interest) as cardinal items', () => {
    expect(scoreInstrument(PHQ_A, answersOf([2, 0, 2, 2, 2, 2, 0, 0, 0])).diagnosticAlgorithm).toBe('major-depressive-syndrome');
    expect(scoreInstrument(PHQ_A, answersOf([0, 0, 2, 2, 2, 2, 2, 0, 0])).diagnosticAlgorithm).toBe('none');
    expect(scoreInstrument(PHQ_A, answersOf([0, 2, 0, 0, 0, 0, 0, 0, 1])).diagnosticAlgorithm).toBe('other-depressive-syndrome');
    expect(scoreInstrument(PHQ_A, answersOf([0, 2])).diagnosticAlgorithm).toBeNull();
  });
});
