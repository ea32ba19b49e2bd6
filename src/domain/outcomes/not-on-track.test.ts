import { describe, expect, it } from 'vitest';
import { assessNotOnTrack } from './not-on-track';

const START = '2025-01-06';
const at = (asOfDate: string) => ({ treatmentStartDate: START, asOfDate });

describe('collaborative-care not-on-track [S46]', () => {
  it('week 8 without PHQ-9 < 10 or a 50% fall is not on track (20 → 12)', () => {
    const result = assessNotOnTrack([{ date: START, total: 20 }, { date: '2025-03-01', total: 12 }], at('2025-03-03'));
    expect(result).toMatchObject({ status: 'not-on-track', weeksInTreatment: 8, inReviewWindow: true, improved: false, ruleSet: 'collaborative-care-not-on-track' });
  });

  it.each([
    [10, 'on-track'], // exactly 50% fall
    [9, 'on-track'], // below 10
    [11, 'not-on-track'],
  ] as const)('20 → %i at week 8 is %s', (latest, status) => {
    expect(assessNotOnTrack([{ date: START, total: 20 }, { date: '2025-03-01', total: latest }], at('2025-03-03')).status).toBe(status);
  });

  it('before week 8 it is too early, whatever the scores', () => {
    expect(assessNotOnTrack([{ date: START, total: 20 }, { date: '2025-02-20', total: 19 }], at('2025-02-24'))).toMatchObject({
      status: 'too-early',
      weeksInTreatment: 7,
      improved: false,
    });
  });

  it('week 13 is past the review window but still not on track', () => {
    expect(assessNotOnTrack([{ date: START, total: 20 }, { date: '2025-04-01', total: 15 }], at('2025-04-07'))).toMatchObject({
      status: 'not-on-track',
      weeksInTreatment: 13,
      inReviewWindow: false,
    });
    expect(assessNotOnTrack([{ date: START, total: 20 }], at('2025-03-31')).inReviewWindow).toBe(true);
  });

  it('no follow-up score by week 8, and no data at all', () => {
    expect(assessNotOnTrack([{ date: START, total: 20 }], at('2025-03-10'))).toMatchObject({ status: 'no-follow-up', improved: null });
    expect(assessNotOnTrack([], at('2025-03-10'))).toMatchObject({ status: 'no-data', baseline: null, latest: null });
  });

  it('ignores scores dated after the as-of date', () => {
    const result = assessNotOnTrack([{ date: START, total: 20 }, { date: '2025-03-01', total: 15 }, { date: '2025-03-20', total: 4 }], at('2025-03-03'));
    expect(result.latest).toEqual({ date: '2025-03-01', total: 15 });
    expect(result.status).toBe('not-on-track');
  });

  it('rejects an as-of date before the start', () => {
    expect(() => assessNotOnTrack([], { treatmentStartDate: START, asOfDate: '2025-01-05' })).toThrow(expect.objectContaining({ field: 'asOfDate' }));
  });
});
