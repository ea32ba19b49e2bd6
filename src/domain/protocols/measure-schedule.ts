/**
 * When standardized measures are due, and how an organization replaces a protocol's schedule.
 *
 * The reference asks for a depression scale to be repeated regularly to track progress
 * ([V] [S2][S3][S4] clinical-reference §1.2). Every shipped protocol gives the PHQ-9 every session by
 * default ([D] the frequency is this project's choice); organizations differ, so the schedule is data
 * they can override without touching the protocol's clinical content.
 */
import { DomainError } from '../errors';
import { cite } from './clinical-sources';
import type { MeasureScheduleEntry, Protocol } from './protocol-definition';

/** The default schedule shared by the shipped protocols: the PHQ-9 at every session. */
export const DEFAULT_MEASURE_SCHEDULE: readonly MeasureScheduleEntry[] = [
  // [V] [S2][S3][S4] §1.2 "repeat a depression scale regularly"; [D] "every session" is our default.
  { instrumentId: 'phq-9', every: 'session', source: cite('D', ['S2', 'S3', 'S4'], '§1.2', 'The sources ask for a depression scale regularly; every session is this project\'s default.') },
];

/** Why a measure is due at the next session. */
export type MeasureDueReason = 'never-given' | 'interval-reached';

export interface MeasureDue {
  readonly instrumentId: string;
  readonly reason: MeasureDueReason;
  /** The session at which it was last given, if ever. */
  readonly lastGivenAtSession?: number;
  /** True when a session at which it was due has already passed without it. */
  readonly overdue: boolean;
}

const INSTRUMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function interval(entry: MeasureScheduleEntry): number {
  return entry.every === 'session' ? 1 : entry.every.sessions;
}

/**
 * The measures due at session `nextSessionNumber`, given the session at which each instrument was last
 * given. A measure is due when it was never given or when its interval has passed; it is overdue when a
 * session that was already held should have included it.
 */
export function measuresDue(
  schedule: readonly MeasureScheduleEntry[],
  nextSessionNumber: number,
  lastGivenAtSession: Readonly<Record<string, number>> = {},
): readonly MeasureDue[] {
  const sessionsHeld = nextSessionNumber - 1;
  const due: MeasureDue[] = [];
  for (const entry of schedule) {
    const last = lastGivenAtSession[entry.instrumentId];
    if (last === undefined) {
      due.push({ instrumentId: entry.instrumentId, reason: 'never-given', overdue: sessionsHeld >= 1 });
      continue;
    }
    const every = interval(entry);
    if (nextSessionNumber - last >= every) {
      due.push({ instrumentId: entry.instrumentId, reason: 'interval-reached', lastGivenAtSession: last, overdue: sessionsHeld - last >= every });
    }
  }
  return due;
}

/** Validates a schedule; throws DomainError('validation') naming the bad entry (`measureSchedule.<i>.…`). */
export function validateMeasureSchedule(schedule: readonly MeasureScheduleEntry[]): void {
  const seen = new Set<string>();
  schedule.forEach((entry, index) => {
    if (typeof entry.instrumentId !== 'string' || !INSTRUMENT_ID.test(entry.instrumentId)) {
      throw new DomainError('validation', 'An instrument id is a kebab-case id such as "phq-9".', { field: `measureSchedule.${index}.instrumentId` });
    }
    if (seen.has(entry.instrumentId)) {
      throw new DomainError('validation', `"${entry.instrumentId}" is scheduled twice.`, { field: `measureSchedule.${index}.instrumentId` });
    }
    seen.add(entry.instrumentId);
    if (entry.every !== 'session' && !(Number.isInteger(entry.every.sessions) && entry.every.sessions >= 1 && entry.every.sessions <= 52)) {
      throw new DomainError('validation', 'A measure is given every session or every 1 to 52 sessions.', { field: `measureSchedule.${index}.every` });
    }
  });
}

/**
 * A copy of `protocol` with an organization's measure schedule in place of the default. Everything
 * else (phases, agenda, rules) stays as published; the protocol id and version are kept because the
 * clinical content did not change. An empty schedule is allowed (no routine measures).
 */
export function withMeasureSchedule(protocol: Protocol, schedule: readonly MeasureScheduleEntry[]): Protocol {
  validateMeasureSchedule(schedule);
  return { ...protocol, measureSchedule: schedule };
}
