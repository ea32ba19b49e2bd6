import { describe, expect, it } from 'vitest';
import { QIDS_SR16 } from './qids-sr16';
import { scoreInstrument } from './scoring';

function answersOf(values: ReadonlyArray<number | undefined>): Record<string, number> {
  return Object.fromEntries(values.flatMap((value, index) => (value === undefined ? [] : [[String(index + 1), value]])));
}

describe('QIDS-SR16 domain scoring [S40]', () => {
  it('scores max(1–4) + 5 + max(6–9) + 10 + 11 + 12 + 13 + 14 + max(15,16) (hand-computed)', () => {
    //            sleep 1-4    5  appetite 6-9  10 11 12 13 14  15 16
    const values = [1, 3, 0, 2, 2, 0, 1, 2, 0, 1, 1, 0, 2, 1, 1, 3];
    const result = scoreInstrument(QIDS_SR16, answersOf(values));
    // 3 + 2 + 2 + 1 + 1 + 0 + 2 + 1 + 3 = 15
    expect(result.total).toBe(15);
    expect(result.domainScores).toEqual({
      sleep: 3,
      'sad-mood': 2,
      'appetite-weight': 2,
      concentration: 1,
      'self-outlook': 1,
      'suicidal-ideation': 0,
      interest: 2,
      energy: 1,
      psychomotor: 3,
    });
    expect(result.severity?.code).toBe('moderate');
  });

  it('uses the highest item in a domain, not the sum: all 3s give 27', () => {
    expect(scoreInstrument(QIDS_SR16, answersOf(Array.from({ length: 16 }, () => 3))).total).toBe(27);
  });

  const bandRows: Array<[number, string]> = [
    [0, 'none'],
    [5, 'none'],
    [6, 'mild'],
    [10, 'mild'],
    [11, 'moderate'],
    [15, 'moderate'],
    [16, 'severe'],
    [20, 'severe'],
    [21, 'very-severe'],
    [27, 'very-severe'],
  ];
  it.each(bandRows)('total %i → %s', (total, band) => {
    // Put the total into the nine single-value positions: 3 per domain through item order.
    const domainFirstItems = ['1', '5', '6', '10', '11', '12', '13', '14', '15'];
    const answers: Record<string, number> = Object.fromEntries(Array.from({ length: 16 }, (_, index) => [String(index + 1), 0]));
    let remaining = total;
    for (const itemId of domainFirstItems) {
      const value = Math.min(3, remaining);
      answers[itemId] = value;
      remaining -= value;
    }
    const result = scoreInstrument(QIDS_SR16, answers);
    expect(result.total).toBe(total);
    expect(result.severity?.code).toBe(band);
  });

  it('a missing item nulls its domain and the total, other domains still reported', () => {
    const values: Array<number | undefined> = Array.from({ length: 16 }, () => 1);
    values[2] = undefined; // item 3, sleep domain
    const result = scoreInstrument(QIDS_SR16, answersOf(values));
    expect(result.total).toBeNull();
    expect(result.missingItems).toEqual(['3']);
    expect(result.domainScores?.sleep).toBeNull();
    expect(result.domainScores?.['sad-mood']).toBe(1);
  });

  it('risk item 12 (death/suicide) > 0 fires even when the total is null', () => {
    const result = scoreInstrument(QIDS_SR16, { '12': 1 });
    expect(result.total).toBeNull();
    expect(result.riskItems.map((item) => [item.itemId, item.value])).toEqual([['12', 1]]);
    expect(scoreInstrument(QIDS_SR16, { '12': 0 }).riskItems).toEqual([]);
  });
});
