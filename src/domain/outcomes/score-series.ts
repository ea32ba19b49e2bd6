/**
 * A dated series of totals for one instrument, and the change from the first (baseline) to the latest
 * score: the raw material of every outcome rule set.
 */
import { DomainError } from '../errors';
import type { FieldError } from '../errors';
import { isCalendarDate } from './calendar-date';

/** One scored administration: a calendar date and its total. */
export interface ScorePoint {
  date: string;
  total: number;
}

/** Baseline (earliest) and latest score with the change between them. */
export interface SeriesChange {
  baseline: ScorePoint;
  latest: ScorePoint;
  /** latest − baseline: negative is a fall in symptoms. */
  change: number;
  /** change ÷ baseline × 100, or null when the baseline is 0. */
  percentChange: number | null;
  points: number;
}

/**
 * Validates a series and returns it sorted by date (stable, so same-day scores keep their given order).
 * Totals must be finite numbers ≥ 0; a series needs at least `minimumPoints` scores.
 */
export function sortedSeries(series: unknown, field: string, minimumPoints = 1): ScorePoint[] {
  if (!Array.isArray(series)) throw new DomainError('validation', 'must be a list of { date, total }', { field });
  const errors: FieldError[] = [];
  series.forEach((point: unknown, index) => {
    const record = typeof point === 'object' && point !== null ? (point as Record<string, unknown>) : {};
    if (!isCalendarDate(record.date)) errors.push({ field: `${field}.${index}.date`, message: 'must be a calendar date written YYYY-MM-DD' });
    const total = record.total;
    if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) errors.push({ field: `${field}.${index}.total`, message: 'must be a number ≥ 0' });
  });
  if (errors.length === 0 && series.length < minimumPoints) {
    errors.push({ field, message: `needs at least ${minimumPoints} score(s)` });
  }
  if (errors.length > 0) throw new DomainError('validation', `invalid score series: ${errors.length} problem(s)`, { errors });
  return (series as ScorePoint[]).map((point) => ({ date: point.date, total: point.total })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Change and percent change from the first score (baseline) to the latest. */
export function changeFromBaseline(series: readonly ScorePoint[], field = 'series'): SeriesChange {
  const sorted = sortedSeries(series, field);
  const baseline = sorted[0] as ScorePoint;
  const latest = sorted[sorted.length - 1] as ScorePoint;
  const change = latest.total - baseline.total;
  return { baseline, latest, change, percentChange: baseline.total === 0 ? null : (change / baseline.total) * 100, points: sorted.length };
}
