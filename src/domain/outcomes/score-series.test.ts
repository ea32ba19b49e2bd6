import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { isCalendarDate, toDayNumber } from './calendar-date';
import { changeFromBaseline } from './score-series';

describe('calendar dates', () => {
  it('counts days since 1970-01-01 without the Date object', () => {
    expect(toDayNumber('1970-01-01', 'd')).toBe(0);
    expect(toDayNumber('2000-03-01', 'd')).toBe(11017);
    expect(toDayNumber('2025-03-03', 'd') - toDayNumber('2025-01-06', 'd')).toBe(56);
    expect(toDayNumber('1969-12-31', 'd')).toBe(-1);
  });

  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
    expect(() => toDayNumber('01/02/2025', 'visitDate')).toThrow(expect.objectContaining({ code: 'validation', field: 'visitDate' }));
  });
});

describe('changeFromBaseline', () => {
  it('sorts by date and compares the first with the latest score (hand-computed)', () => {
    const result = changeFromBaseline([
      { date: '2025-02-03', total: 12 },
      { date: '2025-03-03', total: 8 },
      { date: '2025-01-06', total: 18 },
    ]);
    expect(result.baseline).toEqual({ date: '2025-01-06', total: 18 });
    expect(result.latest).toEqual({ date: '2025-03-03', total: 8 });
    expect(result.change).toBe(-10);
    expect(result.percentChange).toBeCloseTo(-55.556, 3); // −10 / 18 × 100
    expect(result.points).toBe(3);
  });

  it('has no percent change from a baseline of 0', () => {
    expect(changeFromBaseline([{ date: '2025-01-06', total: 0 }, { date: '2025-02-06', total: 4 }]).percentChange).toBeNull();
  });

  it('a single score is its own baseline', () => {
    expect(changeFromBaseline([{ date: '2025-01-06', total: 7 }])).toMatchObject({ change: 0, percentChange: 0, points: 1 });
  });

  it('lists every bad point', () => {
    try {
      changeFromBaseline([{ date: '2025-02-30', total: 3 }, { date: '2025-03-01', total: -1 }, { total: Number.NaN } as never]);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.errors.map((e) => e.field)).toEqual(['series.0.date', 'series.1.total', 'series.2.date', 'series.2.total']);
    }
    expect(() => changeFromBaseline([])).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});
