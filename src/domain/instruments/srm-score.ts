/**
 * The Social Rhythm Metric over one week of SRM-5 diary days.
 *
 * Range and meaning: SRM 0 (least regular) to 7 (most regular), usually averaged over 2 weeks; the Activity
 * Level Index counts the diary activities done in the week [V] [S28b] (reference §1.7).
 *
 * Algorithm [P] (reference §1.7: taken from a public implementation, not from Monk 1990):
 * 1. skip an activity done fewer than 3 times in the week;
 * 2. drop times more than 1.5 SD from that activity's mean; the habitual time is the mean of the rest;
 * 3. a "hit" is a day on which the activity was done within ±45 minutes of its habitual time;
 * 4. SRM = hits ÷ qualifying activities.
 * Because an activity can score at most one hit per day, hits per activity run 0–7 in a week and their
 * average over qualifying activities gives the published 0–7 range.
 *
 * Our choices where the description is silent [D]: the SD is the population SD (divide by n); hits are
 * counted over every day the activity was done, including a dropped outlier (it rarely falls within
 * ±45 min); days not in the diary simply cannot score a hit; a week with no qualifying activity has SRM null.
 */
import { DomainError } from '../errors';
import type { FieldError } from '../errors';
import { SRM_5 } from './srm-5';

/** At least this many days done in the week for an activity to count. [P] reference §1.7 */
export const SRM_MIN_TIMES_DONE = 3;
/** Times further than this many SDs from the mean are dropped before the habitual time. [P] reference §1.7 */
export const SRM_OUTLIER_SD = 1.5;
/** A hit is within this many minutes of the habitual time. [P] reference §1.7 */
export const SRM_HIT_WINDOW_MINUTES = 45;

/** One diary day: minutes after midnight per activity id ("1".."5"); null or absent = not done. */
export interface SrmDay {
  date: string;
  times: Readonly<Record<string, number | null | undefined>>;
}

/** How one activity contributed. */
export interface SrmActivityResult {
  activityId: string;
  timesDone: number;
  qualifies: boolean;
  /** Mean time after dropping outliers, in minutes; null when the activity does not qualify. */
  habitualTime: number | null;
  hits: number;
}

/** The week's SRM, Activity Level Index and per-activity detail. */
export interface SrmResult {
  srm: number | null;
  qualifyingActivities: number;
  activityLevelIndex: number;
  activities: SrmActivityResult[];
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function scoreActivity(activityId: string, times: readonly number[]): SrmActivityResult {
  if (times.length < SRM_MIN_TIMES_DONE) return { activityId, timesDone: times.length, qualifies: false, habitualTime: null, hits: 0 };
  const average = mean(times);
  const sd = Math.sqrt(mean(times.map((time) => (time - average) ** 2)));
  const kept = times.filter((time) => Math.abs(time - average) <= SRM_OUTLIER_SD * sd);
  const habitualTime = mean(kept.length > 0 ? kept : times);
  const hits = times.filter((time) => Math.abs(time - habitualTime) <= SRM_HIT_WINDOW_MINUTES).length;
  return { activityId, timesDone: times.length, qualifies: true, habitualTime, hits };
}

function validateWeek(days: readonly SrmDay[]): FieldError[] {
  const errors: FieldError[] = [];
  if (days.length === 0 || days.length > 7) errors.push({ field: 'entries', message: 'must hold 1 to 7 diary days of one week' });
  const seenDates = new Set<string>();
  days.forEach((day, index) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day.date)) errors.push({ field: `entries.${index}.date`, message: 'must be a YYYY-MM-DD date' });
    else if (seenDates.has(day.date)) errors.push({ field: `entries.${index}.date`, message: 'duplicate diary day' });
    seenDates.add(day.date);
    if (typeof day.times !== 'object' || day.times === null) {
      errors.push({ field: `entries.${index}.times`, message: 'must map activity ids to minutes after midnight' });
      return;
    }
    for (const [activityId, time] of Object.entries(day.times)) {
      const field = `entries.${index}.times.${activityId}`;
      const item = SRM_5.items.find((candidate) => candidate.id === activityId);
      if (item === undefined || item.answerType !== 'clock-time') {
        errors.push({ field, message: 'unknown SRM-5 activity' });
      } else if (time !== null && time !== undefined && (typeof time !== 'number' || !Number.isInteger(time) || time < item.minMinutes || time > item.maxMinutes)) {
        errors.push({ field, message: `must be whole minutes from ${item.minMinutes} to ${item.maxMinutes}, or null when not done` });
      }
    }
  });
  return errors;
}

/** Scores one week of SRM-5 diary days; throws DomainError('validation') naming every bad entry. */
export function scoreSocialRhythmMetric(days: readonly SrmDay[]): SrmResult {
  const errors = validateWeek(days);
  if (errors.length > 0) throw new DomainError('validation', `invalid SRM diary: ${errors.length} problem(s)`, { errors });
  const activities = SRM_5.items.map((item) => {
    const times = days.map((day) => day.times[item.id]).filter((time): time is number => typeof time === 'number');
    return scoreActivity(item.id, times);
  });
  const qualifying = activities.filter((activity) => activity.qualifies);
  const hits = qualifying.reduce((sum, activity) => sum + activity.hits, 0);
  return {
    srm: qualifying.length === 0 ? null : hits / qualifying.length,
    qualifyingActivities: qualifying.length,
    activityLevelIndex: activities.reduce((sum, activity) => sum + activity.timesDone, 0),
    activities,
  };
}

/** Mean SRM over several weeks (the published score is averaged over 2 weeks [S28b]); null if no week has one. */
export function averageSocialRhythmMetric(weeks: readonly SrmResult[]): number | null {
  const scores = weeks.map((week) => week.srm).filter((srm): srm is number => srm !== null);
  return scores.length === 0 ? null : mean(scores);
}
