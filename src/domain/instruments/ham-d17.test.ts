import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { HAM_D17 } from './ham-d17';
import { scoreInstrument } from './scoring';

const ITEM_MAX = [4, 4, 4, 2, 2, 2, 4, 4, 4, 4, 4, 2, 2, 2, 4, 2, 2];

/** Answers reaching `total` by filling items in order up to their maxima. */
function answersForTotal(total: number): Record<string, number> {
  let remaining = total;
  return Object.fromEntries(
    ITEM_MAX.map((max, index) => {
      const value = Math.min(max, remaining);
      remaining -= value;
      return [String(index + 1), value];
    }),
  );
}

describe('HAM-D17 item ranges', () => {
  it('items 4, 5, 6, 12, 13, 14, 16, 17 are 0–2 and the rest 0–4 (maximum 52)', () => {
    const maxima = HAM_D17.items.map((item) => (item.answerType === 'choice' ? Math.max(...item.options.map((option) => option.value)) : -1));
    expect(maxima).toEqual(ITEM_MAX);
    expect(scoreInstrument(HAM_D17, answersForTotal(52)).total).toBe(52);
  });

  it('rejects 3 on a 0–2 item and accepts 4 on a 0–4 item', () => {
    try {
      scoreInstrument(HAM_D17, { '4': 3, '9': 4 });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.errors).toEqual([{ field: 'answers.4', message: 'must be one of 0, 1, 2' }]);
    }
  });
});

describe('HAM-D17 band conventions [S39] [P]', () => {
  const zimmerman: Array<[number, string]> = [
    [0, 'no-depression'],
    [7, 'no-depression'],
    [8, 'mild'],
    [16, 'mild'],
    [17, 'moderate'],
    [23, 'moderate'],
    [24, 'severe'],
    [52, 'severe'],
  ];
  it.each(zimmerman)('zimmerman-2013 (default): %i → %s', (total, band) => {
    const result = scoreInstrument(HAM_D17, answersForTotal(total));
    expect(result.total).toBe(total);
    expect(result.bandConvention).toBe('zimmerman-2013');
    expect(result.severity?.code).toBe(band);
  });

  const fiveBand: Array<[number, string]> = [
    [7, 'normal'],
    [8, 'mild'],
    [13, 'mild'],
    [14, 'moderate'],
    [18, 'moderate'],
    [19, 'severe'],
    [22, 'severe'],
    [23, 'very-severe'],
    [52, 'very-severe'],
  ];
  it.each(fiveBand)('five-band: %i → %s', (total, band) => {
    const result = scoreInstrument(HAM_D17, answersForTotal(total), { bandConvention: 'five-band' });
    expect(result.bandConvention).toBe('five-band');
    expect(result.severity?.code).toBe(band);
  });

  it('an unknown convention is a validation error naming the options', () => {
    expect(() => scoreInstrument(HAM_D17, {}, { bandConvention: 'nice' })).toThrow(/unknown band convention/);
  });

  it('any unrated item leaves the total null', () => {
    const answers = answersForTotal(20);
    delete answers['17'];
    expect(scoreInstrument(HAM_D17, answers).total).toBeNull();
  });
});

describe('HAM-D17 risk item 3 (suicide) > 0', () => {
  it.each([1, 2, 3, 4])('fires at %i', (value) => {
    expect(scoreInstrument(HAM_D17, { '3': value }).riskItems.map((item) => item.value)).toEqual([value]);
  });
  it('does not fire at 0', () => {
    expect(scoreInstrument(HAM_D17, { '3': 0 }).riskItems).toEqual([]);
  });
});
