import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { C_SSRS_SCREENER } from './c-ssrs-screener';
import { triageCssrs } from './c-ssrs-triage';
import { scoreInstrument } from './scoring';

function answersOf(values: ReadonlyArray<number | undefined>): Record<string, number> {
  return Object.fromEntries(values.flatMap((value, index) => (value === undefined ? [] : [[String(index + 1), value]])));
}

describe('C-SSRS screener triage ([S48a]; moderate/low split [P])', () => {
  const rows: Array<[string, Array<number | undefined>, string]> = [
    ['all no (item 2 no skips 3–5)', [0, 0, undefined, undefined, undefined, 0], 'none'],
    ['item 1 yes only', [1, 0, undefined, undefined, undefined, 0], 'low'],
    ['item 2 yes, 3–5 no', [1, 1, 0, 0, 0, 0], 'low'],
    ['item 3 yes (method, no intent)', [1, 1, 1, 0, 0, 0], 'moderate'],
    ['behaviour more than 3 months ago', [0, 0, undefined, undefined, undefined, 1], 'moderate'],
    ['item 4 yes (some intent)', [1, 1, 1, 1, 0, 0], 'high'],
    ['item 5 yes (plan and intent)', [1, 1, 0, 0, 1, 0], 'high'],
    ['behaviour within the past 3 months', [0, 0, undefined, undefined, undefined, 2], 'high'],
  ];
  it.each(rows)('%s → %s', (_name, values, level) => {
    const result = scoreInstrument(C_SSRS_SCREENER, answersOf(values));
    expect(result.triageLevel).toBe(level);
    expect(result.total).toBeNull();
    expect(result.maximum).toBeNull();
    expect(result.severity).toBeNull();
  });

  it('records items 3–5 as skipped, not missing, when item 2 is no', () => {
    const result = scoreInstrument(C_SSRS_SCREENER, answersOf([0, 0, undefined, undefined, undefined, 0]));
    expect(result.skippedItems).toEqual(['3', '4', '5']);
    expect(result.missingItems).toEqual([]);
  });

  it('refuses answers to skipped items rather than dropping them', () => {
    try {
      scoreInstrument(C_SSRS_SCREENER, answersOf([0, 0, 0, 1, undefined, 0]));
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.errors.map((e) => e.field)).toEqual(['answers.3', 'answers.4']);
    }
  });

  it('an incomplete screen has no level unless an answer already shows high', () => {
    expect(scoreInstrument(C_SSRS_SCREENER, answersOf([1, 1, 1])).triageLevel).toBeNull();
    expect(scoreInstrument(C_SSRS_SCREENER, answersOf([1, 1, 1])).missingItems).toEqual(['4', '5', '6']);
    expect(scoreInstrument(C_SSRS_SCREENER, { '4': 1 }).triageLevel).toBe('high');
    expect(scoreInstrument(C_SSRS_SCREENER, {}).triageLevel).toBeNull();
  });

  it('helper reports the evidenced level of an incomplete screen', () => {
    expect(triageCssrs(new Map([['1', 1]]))).toEqual({ level: null, evidencedLevel: 'low', complete: false });
  });

  it('risk items: item 4 or 5 yes, behaviour within 3 months (the most worrying answers)', () => {
    expect(scoreInstrument(C_SSRS_SCREENER, answersOf([1, 1, 1, 1, 1, 2])).riskItems.map((item) => item.itemId)).toEqual(['4', '5', '6']);
    expect(scoreInstrument(C_SSRS_SCREENER, answersOf([1, 1, 1, 0, 0, 1])).riskItems).toEqual([]);
  });

  it('item 6 accepts only 0, 1, 2', () => {
    expect(() => scoreInstrument(C_SSRS_SCREENER, { '6': 3 })).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});
