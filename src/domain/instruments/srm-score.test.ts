import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { averageSocialRhythmMetric, scoreSocialRhythmMetric } from './srm-score';
import type { SrmDay } from './srm-score';

const DATES = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09'];

/** A week from per-activity columns of times (minutes after midnight; null = not done). */
function week(columns: Record<string, ReadonlyArray<number | null>>): SrmDay[] {
  return DATES.map((date, day) => ({
    date,
    times: Object.fromEntries(Object.entries(columns).map(([activityId, times]) => [activityId, times[day] ?? null])),
  }));
}

describe('scoreSocialRhythmMetric (reference §1.7 [P], range 0–7 [S28b])', () => {
  it('matches a hand-computed week', () => {
    const result = scoreSocialRhythmMetric(
      week({
        // Out of bed: 600 is > 1.5 SD from the mean (448.6 ± 62.0) and dropped; habitual 423.3; 6 hits.
        '1': [420, 425, 430, 420, 600, 415, 430],
        // First contact: done twice (< 3): does not qualify.
        '2': [480, null, null, 500, null, null, null],
        // Start work: always 09:00, SD 0; 5 hits.
        '3': [540, 540, 540, 540, 540, null, null],
        // Dinner: 1200 and 1020 dropped (> 76.8 from 1105.7); habitual 1104; those two miss; 5 hits.
        '4': [1080, 1140, 1110, 1200, 1020, 1100, 1090],
        // Bed: 00:30 entered as 1470 is dropped; habitual 1393.3; 6 hits.
        '5': [1380, 1410, 1470, 1395, 1400, 1385, 1390],
      }),
    );
    expect(result.activities.map((activity) => [activity.activityId, activity.qualifies, activity.hits])).toEqual([
      ['1', true, 6],
      ['2', false, 0],
      ['3', true, 5],
      ['4', true, 5],
      ['5', true, 6],
    ]);
    expect(result.activities[0]?.habitualTime).toBeCloseTo(423.333, 2);
    expect(result.activities[3]?.habitualTime).toBe(1104);
    expect(result.qualifyingActivities).toBe(4);
    expect(result.srm).toBe(22 / 4); // 5.5
    expect(result.activityLevelIndex).toBe(7 + 2 + 5 + 7 + 7);
  });

  it('a perfectly regular week scores the maximum 7', () => {
    const same = (time: number) => Array.from({ length: 7 }, () => time);
    const result = scoreSocialRhythmMetric(week({ '1': same(420), '2': same(450), '3': same(540), '4': same(1110), '5': same(1380) }));
    expect(result.srm).toBe(7);
    expect(result.activityLevelIndex).toBe(35);
  });

  it('an activity done exactly 3 times qualifies; a hit is within ±45 minutes inclusive', () => {
    const result = scoreSocialRhythmMetric(week({ '1': [420, 465, 375, null, null, null, null] }));
    // Mean 420, SD 36.7, nothing dropped; 465 and 375 are exactly 45 away: hits.
    expect(result.activities[0]).toMatchObject({ qualifies: true, habitualTime: 420, hits: 3 });
    expect(result.srm).toBe(3);
  });

  it('has no SRM when no activity was done 3 times', () => {
    const result = scoreSocialRhythmMetric(week({ '1': [420, 430, null, null, null, null, null] }));
    expect(result.srm).toBeNull();
    expect(result.qualifyingActivities).toBe(0);
  });

  it('rejects bad diaries, naming every bad entry', () => {
    try {
      scoreSocialRhythmMetric([
        { date: '2025-03-03', times: { '1': 1.5, '6': 400 } },
        { date: '2025-03-03', times: { '5': 2160 } },
        { date: '03/05/2025', times: {} },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.errors.map((e) => e.field)).toEqual([
        'entries.0.times.1',
        'entries.0.times.6',
        'entries.1.date',
        'entries.1.times.5',
        'entries.2.date',
      ]);
    }
    expect(() => scoreSocialRhythmMetric([])).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => scoreSocialRhythmMetric([...week({}), { date: '2025-03-10', times: {} }])).toThrow(/invalid SRM diary/);
  });

  it('averages weeks, ignoring weeks without an SRM', () => {
    const regular = scoreSocialRhythmMetric(week({ '1': Array.from({ length: 7 }, () => 420) }));
    const empty = scoreSocialRhythmMetric(week({}));
    expect(averageSocialRhythmMetric([regular, empty])).toBe(7);
    expect(averageSocialRhythmMetric([empty])).toBeNull();
  });
});
