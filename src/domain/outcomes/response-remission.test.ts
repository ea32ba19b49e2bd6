import { describe, expect, it } from 'vitest';
import { RESPONSE_REMISSION_RULES, assessResponseRemission } from './response-remission';

const series = (first: number, last: number) => [
  { date: '2025-01-06', total: first },
  { date: '2025-03-31', total: last },
];

describe('PHQ-9 response (≥50% reduction) and remission (< 5) [S43a]', () => {
  const rule = RESPONSE_REMISSION_RULES['phq-9'];
  const rows: Array<[number, number, boolean, boolean]> = [
    [18, 9, true, false], // exactly 50%
    [18, 10, false, false], // 44%
    [18, 5, true, false], // 5 is not < 5
    [18, 4, true, true],
    [10, 5, true, false],
    [10, 6, false, false],
  ];
  it.each(rows)('%i → %i: response %s, remission %s', (first, last, response, remission) => {
    const result = assessResponseRemission(series(first, last), rule);
    expect(result.ruleSet).toBe('response-remission');
    expect(result.response).toBe(response);
    expect(result.remission).toBe(remission);
    expect(result.baselineEligible).toBe(true);
  });

  it('reports the HEDIS baseline entry level (> 9) [S43b] [P]', () => {
    expect(assessResponseRemission(series(9, 2), rule)).toMatchObject({ baselineEligible: false, remission: true, response: true });
  });

  it('has no response from a single score or a baseline of 0', () => {
    expect(assessResponseRemission([{ date: '2025-01-06', total: 12 }], rule).response).toBeNull();
    expect(assessResponseRemission(series(0, 0), rule).response).toBeNull();
  });
});

describe('HAM-D17 (≤ 7) and QIDS-SR16 (≤ 5) remission [P]', () => {
  it.each([
    ['ham-d17', 7, true],
    ['ham-d17', 8, false],
    ['qids-sr16', 5, true],
    ['qids-sr16', 6, false],
  ] as const)('%s latest %i → remission %s; no response defined', (instrumentId, last, remission) => {
    const result = assessResponseRemission(series(20, last), RESPONSE_REMISSION_RULES[instrumentId]);
    expect(result.remission).toBe(remission);
    expect(result.response).toBeNull();
    expect(result.baselineEligible).toBeNull();
  });

  it('rejects a nonsensical response percentage', () => {
    expect(() => assessResponseRemission(series(20, 5), { ...RESPONSE_REMISSION_RULES['phq-9'], responseReductionPercent: 0 })).toThrow(
      expect.objectContaining({ field: 'rule.responseReductionPercent' }),
    );
  });
});
