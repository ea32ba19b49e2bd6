/**
 * Not-on-track check of the Washington State collaborative-care registry [V] [S46] (reference §7): a
 * patient still without "clinically significant improvement" (PHQ-9 < 10 or a ≥ 50% fall from baseline)
 * by week 8 is reviewed with the psychiatric consultant at weeks 8–12. Dates are passed in: the domain
 * has no clock.
 */
import { DomainError } from '../errors';
import { toDayNumber } from './calendar-date';
import { sortedSeries } from './score-series';
import type { ScorePoint } from './score-series';

/** Identifies results produced by this rule. */
export const NOT_ON_TRACK_RULE_SET = 'collaborative-care-not-on-track';

/** First and last treatment week of the review window. [V] [S46] */
export const REVIEW_WINDOW_WEEKS = { from: 8, to: 12 } as const;

export const TrackStatus = {
  noData: 'no-data',
  tooEarly: 'too-early',
  noFollowUp: 'no-follow-up',
  onTrack: 'on-track',
  notOnTrack: 'not-on-track',
} as const;
export type TrackStatus = (typeof TrackStatus)[keyof typeof TrackStatus];

/** The status as of a date; `improved` is null when there is no follow-up score yet. */
export interface NotOnTrackResult {
  ruleSet: typeof NOT_ON_TRACK_RULE_SET;
  status: TrackStatus;
  /** Whole weeks from the treatment start to `asOfDate`. */
  weeksInTreatment: number;
  inReviewWindow: boolean;
  baseline: ScorePoint | null;
  latest: ScorePoint | null;
  improved: boolean | null;
}

/**
 * Whether a PHQ-9 series is on track as of `asOfDate`. Only scores dated on or before `asOfDate` count;
 * baseline is the earliest of them, and the latest decides improvement.
 */
export function assessNotOnTrack(phq9: readonly ScorePoint[], dates: { treatmentStartDate: string; asOfDate: string }): NotOnTrackResult {
  const start = toDayNumber(dates.treatmentStartDate, 'treatmentStartDate');
  const asOf = toDayNumber(dates.asOfDate, 'asOfDate');
  if (asOf < start) throw new DomainError('validation', 'must not be before treatmentStartDate', { field: 'asOfDate' });
  const weeksInTreatment = Math.floor((asOf - start) / 7);
  const inReviewWindow = weeksInTreatment >= REVIEW_WINDOW_WEEKS.from && weeksInTreatment <= REVIEW_WINDOW_WEEKS.to;
  const scores = sortedSeries(phq9, 'series', 0).filter((point) => toDayNumber(point.date, 'series') <= asOf);
  const baseline = scores[0] ?? null;
  const latest = scores[scores.length - 1] ?? null;
  const base = { ruleSet: NOT_ON_TRACK_RULE_SET, weeksInTreatment, inReviewWindow, baseline, latest } as const;
  if (baseline === null || latest === null) return { ...base, status: TrackStatus.noData, improved: null };
  if (scores.length < 2) {
    return { ...base, status: weeksInTreatment < REVIEW_WINDOW_WEEKS.from ? TrackStatus.tooEarly : TrackStatus.noFollowUp, improved: null };
  }
  // Clinically significant improvement: PHQ-9 < 10 or ≥ 50% reduction from baseline [S46].
  const improved = latest.total < 10 || (baseline.total - latest.total) * 2 >= baseline.total;
  if (weeksInTreatment < REVIEW_WINDOW_WEEKS.from) return { ...base, status: TrackStatus.tooEarly, improved };
  return { ...base, status: improved ? TrackStatus.onTrack : TrackStatus.notOnTrack, improved };
}
