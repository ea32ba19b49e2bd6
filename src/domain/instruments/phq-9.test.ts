import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { PHQ_9 } from './phq-9';
import { scoreInstrument } from './scoring';

/** Answers "1".."n" from a list of values; undefined leaves the item unanswered. */
function answersOf(values: ReadonlyArray<number | undefined>): Record<string, number> {
  const answers: Record<string, number> = {};
  values.forEach((value, index) => {
    if (value !== undefined) answers[String(index + 1)] = value;
  });
  return answers;
}

function validationErrors(run: () => unknown): Array<{ field: string; message: string }> {
  try {
    run();
  } catch (error) {
    if (isDomainError(error) && error.code === 'validation') return error.errors;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('PHQ-9 golden rows (bands [S33][S34])', () => {
  const rows: Array<[number[], number, string]> = [
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'minimal'],
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
  it.each(rows)('%j → total %i, %s', (values, total, band) => {
    const result = scoreInstrument(PHQ_9, answersOf(values));
    expect(result.total).toBe(total);
    expect(result.severity?.code).toBe(band);
    expect(result.maximum).toBe(27);
    expect(result.missingItems).toEqual([]);
    expect(result.bandConvention).toBe('standard');
  });

  it('reports the ≥10 cut-off [S33] at 10 but not at 9', () => {
    expect(scoreInstrument(PHQ_9, answersOf([2, 1, 1, 1, 1, 1, 1, 1, 1])).cutOffsMet).toEqual(['phq-9-ge-10']);
    expect(scoreInstrument(PHQ_9, answersOf([1, 1, 1, 1, 1, 1, 1, 1, 1])).cutOffsMet).toEqual([]);
  });

  it('item 10 (difficulty) is recorded but never scored or required', () => {
    const without = scoreInstrument(PHQ_9, answersOf([1, 1, 1, 1, 1, 1, 1, 1, 1]));
    const withDifficulty = scoreInstrument(PHQ_9, { ...answersOf([1, 1, 1, 1, 1, 1, 1, 1, 1]), '10': 3 });
    expect(without.total).toBe(9);
    expect(withDifficulty.total).toBe(9);
    expect(without.missingItems).toEqual([]);
  });
});

describe('PHQ-9 missing-item rule (no published prorating: all 9 required)', () => {
  it('one missing scored item leaves the total, band and cut-offs empty', () => {
    const result = scoreInstrument(PHQ_9, answersOf([3, 3, 3, 3, 3, 3, 3, 3, undefined]));
    expect(result.total).toBeNull();
    expect(result.severity).toBeNull();
    expect(result.cutOffsMet).toEqual([]);
    expect(result.missingItems).toEqual(['9']);
  });

  it('null answers count as missing', () => {
    const result = scoreInstrument(PHQ_9, { ...answersOf([0, 0, 0, 0, 0, 0, 0, 0]), '9': null });
    expect(result.total).toBeNull();
    expect(result.missingItems).toEqual(['9']);
  });

  it('an empty answer set lists every scored item as missing', () => {
    expect(scoreInstrument(PHQ_9, {}).missingItems).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });
});

describe('PHQ-9 risk item 9 > 0 ([S37e][S38a])', () => {
  it.each([1, 2, 3])('fires for item 9 = %i', (value) => {
    const result = scoreInstrument(PHQ_9, answersOf([0, 0, 0, 0, 0, 0, 0, 0, value]));
    expect(result.riskItems).toEqual([{ itemId: '9', value, rule: 'value > 0', source: expect.stringContaining('S37e') }]);
  });

  it('does not fire for item 9 = 0', () => {
    expect(scoreInstrument(PHQ_9, answersOf([3, 3, 3, 3, 3, 3, 3, 3, 0])).riskItems).toEqual([]);
  });

  it('fires on a partial answer set where the total is null', () => {
    const result = scoreInstrument(PHQ_9, { '9': 1 });
    expect(result.total).toBeNull();
    expect(result.riskItems.map((item) => [item.itemId, item.value])).toEqual([['9', 1]]);
  });
});

describe('PHQ-9 diagnostic algorithm [S34] [P]', () => {
  const rows: Array<[string, Array<number | undefined>, string | null]> = [
    ['5 items at ≥2 including item 1', [2, 0, 2, 2, 2, 2, 0, 0, 0], 'major-depressive-syndrome'],
    ['5 items at ≥2 including item 2 only', [0, 3, 2, 2, 2, 2, 0, 0, 0], 'major-depressive-syndrome'],
    ['4 items at ≥2 including item 1', [2, 0, 2, 2, 2, 0, 0, 0, 0], 'other-depressive-syndrome'],
    ['2 items at ≥2 including item 2', [0, 2, 2, 0, 0, 0, 0, 0, 0], 'other-depressive-syndrome'],
    ['5 items at ≥2 without item 1 or 2', [0, 0, 2, 2, 2, 2, 2, 0, 0], 'none'],
    ['item 1 at 1 does not count as cardinal', [1, 1, 2, 2, 2, 2, 2, 0, 0], 'none'],
    ['only item 1 at ≥2', [3, 0, 0, 0, 0, 0, 0, 0, 0], 'none'],
    ['4 items at ≥2 plus item 9 at 1 → 5 (item 9 counts if present)', [2, 0, 2, 2, 2, 0, 0, 0, 1], 'major-depressive-syndrome'],
    ['item 1 at 2 plus item 9 at 1 → 2', [2, 0, 0, 0, 0, 0, 0, 0, 1], 'other-depressive-syndrome'],
    ['item 9 at 1 alone has no cardinal item', [0, 0, 0, 0, 0, 0, 0, 0, 1], 'none'],
    ['an item other than 9 at 1 does not count', [2, 2, 2, 2, 1, 1, 1, 1, 0], 'other-depressive-syndrome'],
    ['a missing symptom item gives null', [2, 2, 2, 2, 2, 2, 2, 2, undefined], null],
  ];
  it.each(rows)('%s', (_name, values, expected) => {
    expect(scoreInstrument(PHQ_9, answersOf(values)).diagnosticAlgorithm).toBe(expected);
  });
});

describe('PHQ-9 answer validation', () => {
  it('lists every bad item in one validation error, in item order', () => {
    const errors = validationErrors(() => scoreInstrument(PHQ_9, { '12': 1, '3': 4, '1': '2', '2': 1.5, '4': -1, '5': Number.NaN }));
    expect(errors.map((error) => error.field)).toEqual(['answers.1', 'answers.2', 'answers.3', 'answers.4', 'answers.5', 'answers.12']);
    expect(errors[0]?.message).toMatch(/number/);
    expect(errors[1]?.message).toMatch(/integer/);
    expect(errors[2]?.message).toBe('must be one of 0, 1, 2, 3');
    expect(errors[5]?.message).toMatch(/unknown item/);
  });

  it.each([null, [], 'phq', 3])('rejects answers that are not an object: %j', (answers) => {
    expect(validationErrors(() => scoreInstrument(PHQ_9, answers)).map((error) => error.field)).toEqual(['answers']);
  });

  it('rejects a band convention the definition does not have', () => {
    expect(validationErrors(() => scoreInstrument(PHQ_9, {}, { bandConvention: 'zimmerman-2013' }))).toEqual([
      { field: 'options.bandConvention', message: 'must be one of standard' },
    ]);
  });
});
