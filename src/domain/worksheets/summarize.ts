/**
 * One line of plain text per worksheet (and per between-session task) for the session note: what
 * the technique found, in a form the counsellor can keep or edit. Pure and total: any valid payload
 * gives a single line (no line breaks, no markup) of at most SUMMARY_MAX characters, so the note
 * prefill never breaks on long or odd input.
 */
import type { DecisionAnalysisPayload, CommunicationAnalysisPayload, IntervalReviewPayload, RolePlayPayload, WorksheetContent } from './worksheet-kinds';
import type { TaskOutcome } from './task-rules';

/** The longest summary line. */
export const SUMMARY_MAX = 300;

/** Collapses whitespace (including line breaks) and cuts at `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

const filled = (text: string | null | undefined): text is string => typeof text === 'string' && text.trim().length > 0;
const quote = (text: string, max = 60) => `"${oneLine(text, max)}"`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const joinParts = (head: string, parts: ReadonlyArray<string | null>) => {
  const rest = parts.filter((p): p is string => p !== null);
  return oneLine(rest.length > 0 ? `${head}: ${rest.join('; ')}.` : `${head}.`, SUMMARY_MAX);
};

const FAILURE_LABELS: Record<string, string> = {
  indirect: 'indirect', 'assumed-understanding': 'assumed understanding', silence: 'silence', hostility: 'hostility', other: 'other',
};

function communicationAnalysis(p: CommunicationAnalysisPayload): string {
  const wrong = p.wentWrong.map((w) => (w === 'other' && filled(p.wentWrongNote) ? `other (${oneLine(p.wentWrongNote, 40)})` : FAILURE_LABELS[w] ?? w));
  return joinParts(`Communication analysis (${p.date}, with ${oneLine(p.otherPerson, 40)})`, [
    `wanted ${quote(p.wanted)}`,
    count(p.steps.length, 'step'),
    wrong.length > 0 ? `went wrong: ${wrong.join(', ')}` : null,
    filled(p.alternativeWording) ? `alternative: ${quote(p.alternativeWording)}` : null,
    p.mood !== null && p.mood !== undefined ? `mood ${p.mood}/10` : null,
  ]);
}

function decisionAnalysis(p: DecisionAnalysisPayload): string {
  const index = p.chosenOptionIndex;
  const chosen = index !== null && index !== undefined ? p.options[index] : undefined;
  return joinParts('Decision analysis', [
    quote(p.problem),
    `${count(p.options.length, 'option')} weighed`,
    chosen ? `chosen: ${quote(chosen.option, 50)}` : 'no option chosen yet',
    filled(p.firstStep) ? `first step: ${quote(p.firstStep, 50)}` : null,
    p.reviewDate ? `review ${p.reviewDate}` : null,
    filled(p.result) ? `result: ${quote(p.result, 50)}` : null,
  ]);
}

function rolePlay(p: RolePlayPayload): string {
  const roles = p.roles.length === 2 ? 'as self and in role reversal' : p.roles[0] === 'reversal' ? 'in role reversal' : 'as self';
  const before = p.confidenceBefore ?? null;
  const after = p.confidenceAfter ?? null;
  const confidence = before !== null && after !== null ? `confidence ${before}→${after}/10`
    : before !== null ? `confidence before ${before}/10` : after !== null ? `confidence after ${after}/10` : null;
  return joinParts(`Role play with ${oneLine(p.targetPerson, 40)} (${roles})`, [
    `goal ${quote(p.goal)}`,
    confidence,
    filled(p.plannedRealAttempt) ? `planned: ${quote(p.plannedRealAttempt, 50)}` : null,
  ]);
}

function intervalReview(p: IntervalReviewPayload): string {
  const events = p.keyEvents.map((e) => oneLine(e.event, 40));
  return joinParts('Since we last met', [
    p.mood !== null && p.mood !== undefined ? `mood ${p.mood}/10` : null,
    events.length > 0 ? `${count(events.length, 'key event')} (${events.join(', ')})` : 'no key events',
    filled(p.eventMoodLink) ? `link to mood: ${quote(p.eventMoodLink, 50)}` : null,
    filled(p.problemAreaProgress) ? `problem area: ${quote(p.problemAreaProgress, 50)}` : null,
  ]);
}

/** The note line for a worksheet. */
export function summarizeWorksheet(content: WorksheetContent): string {
  switch (content.kind) {
    case 'communication-analysis': return communicationAnalysis(content.payload);
    case 'decision-analysis': return decisionAnalysis(content.payload);
    case 'role-play': return rolePlay(content.payload);
    case 'interval-review': return intervalReview(content.payload);
  }
}

/** What the task summary needs: the task as set and, once reviewed, the review. */
export interface TaskForSummary {
  readonly what: string;
  readonly withWhom: string | null;
  readonly whenDate: string | null;
  readonly whenText: string | null;
  readonly review: { readonly outcome: TaskOutcome; readonly moodEffect: number | null } | null;
}

const OUTCOME_LABELS: Record<TaskOutcome, string> = { done: 'done', partly: 'partly done', not: 'not done' };

/** The note line for a between-session task, as set or as reviewed (mood effect −5…+5, signed). */
export function summarizeTask(task: TaskForSummary): string {
  const when = [task.whenDate, filled(task.whenText) ? oneLine(task.whenText, 40) : null].filter((w): w is string => w !== null).join(', ');
  const head = `Task: ${oneLine(task.what, 120)}${filled(task.withWhom) ? ` with ${oneLine(task.withWhom, 40)}` : ''}${when ? ` (${when})` : ''}`;
  if (task.review === null) return oneLine(`${head}.`, SUMMARY_MAX);
  const effect = task.review.moodEffect === null ? '' : `, mood effect ${task.review.moodEffect > 0 ? '+' : ''}${task.review.moodEffect}`;
  return oneLine(`${head} — ${OUTCOME_LABELS[task.review.outcome]}${effect}.`, SUMMARY_MAX);
}
