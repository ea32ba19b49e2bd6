/**
 * Between-session tasks: a concrete interpersonal experiment set in one session and reviewed at a
 * later one (clinical-reference §3: "task; person; when; problem area; done; what happened; mood
 * effect", all [D]). IPT needs no formal homework, but therapists suggest new behaviours to try
 * ([V] [S10]); group versions set tasks ([P] [S20]).
 *
 * The mood effect is a signed change, −5 (much worse) … 0 (no change) … +5 (much better), chosen
 * over a 0–10 mood level because the question at review is "what did doing it do to your mood?",
 * and a level would need the mood before to mean anything.
 */
import { DomainError } from '../errors';
import { cite } from '../protocols/clinical-sources';
import type { SourceCitation } from '../protocols/clinical-sources';

/** How far a task was done, as reviewed. */
export const TASK_OUTCOMES = ['done', 'partly', 'not'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** The mood-effect scale: a signed change. */
export const MOOD_EFFECT = { min: -5, max: 5 } as const;

/** Open until reviewed. */
export const TASK_STATUSES = ['open', 'reviewed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Provenance: the task and its review fields are ours. */
export const TASK_SOURCE: SourceCitation = cite('D', ['S10', 'S20'], '§3', 'Between-session task fields and the −5…+5 mood effect are a design proposal (§11.10).');

/**
 * A review must happen at a later session than the one that set the task (the point is to hear what
 * happened in between). Throws DomainError('validation') naming `sessionId`.
 */
export function assertReviewAfterSet(setInSessionNumber: number, reviewSessionNumber: number): void {
  if (reviewSessionNumber <= setInSessionNumber) {
    throw new DomainError('validation', `must be a session after the one that set the task (session ${setInSessionNumber})`, { field: 'sessionId' });
  }
}
