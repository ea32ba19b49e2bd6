/**
 * The IPT techniques as worksheets (clinical-reference §3): communication analysis, decision
 * analysis, role play and the interval review ("since we last met").
 *
 * The techniques are sourced ([V] [S9] Klerman et al. 1984); every worksheet field is a design
 * proposal of this project ([D] §3 and §11.10), not a published form. Each kind has one strict zod
 * schema, and `WorksheetContent` is the union discriminated by `kind`, so a payload is checked
 * against the right fields and a wrong field is named by its path (`payload.options.0.option`).
 */
import { z } from 'zod';
import { cite } from '../protocols/clinical-sources';
import type { SourceCitation } from '../protocols/clinical-sources';
import { calendarDate, distinct, optionalText, rating0to10, requiredText, textList } from './fields';

/** The worksheet kinds. */
export const WorksheetKind = {
  communicationAnalysis: 'communication-analysis',
  decisionAnalysis: 'decision-analysis',
  rolePlay: 'role-play',
  intervalReview: 'interval-review',
} as const;
export type WorksheetKind = (typeof WorksheetKind)[keyof typeof WorksheetKind];
export const WORKSHEET_KINDS = Object.values(WorksheetKind) as [WorksheetKind, ...WorksheetKind[]];

/** Where a communication went wrong (clinical-reference §3), plus `other` with a note. */
export const CommunicationFailure = ['indirect', 'assumed-understanding', 'silence', 'hostility', 'other'] as const;
export type CommunicationFailure = (typeof CommunicationFailure)[number];

/** Who spoke in one step of an exchange: the client, or the other person. */
export const Speaker = ['client', 'other'] as const;

const longText = (max = 2000) => optionalText(max);

/**
 * Communication analysis [D]: one recent, emotionally charged exchange, step by step. `feeling` is
 * the client's own feeling on a client step and what the client thinks the other felt on theirs.
 */
export const CommunicationAnalysisPayload = z.strictObject({
  date: calendarDate,
  otherPerson: requiredText(100),
  wanted: requiredText(1000),
  steps: z.array(z.strictObject({
    who: z.enum(Speaker),
    said: requiredText(1000),
    feeling: optionalText(200),
  })).min(1, { message: 'add at least one step of the exchange' }).max(30, { message: 'must have at most 30 steps' }),
  outcome: longText(),
  wentWrong: z.array(z.enum(CommunicationFailure)).max(CommunicationFailure.length).refine(distinct, { message: 'must not repeat an entry' }).default([]),
  wentWrongNote: longText(1000),
  alternativeWording: longText(),
  mood: rating0to10.nullable().optional(),
}).superRefine((value, context) => {
  const note = value.wentWrongNote?.trim() ?? '';
  if (value.wentWrong.includes('other') && note === '') {
    context.addIssue({ code: 'custom', path: ['wentWrongNote'], message: 'say what went wrong when choosing "other"' });
  }
});
export type CommunicationAnalysisPayload = z.infer<typeof CommunicationAnalysisPayload>;

/** Decision analysis [D]: options for an interpersonal problem, weighed, and one chosen. */
export const DecisionAnalysisPayload = z.strictObject({
  problem: requiredText(1000),
  goal: longText(1000),
  options: z.array(z.strictObject({
    option: requiredText(300),
    pros: textList(10).default([]),
    cons: textList(10).default([]),
  })).min(1, { message: 'add at least one option' }).max(10, { message: 'must have at most 10 options' }),
  /** Index into `options` of the option chosen, or null while undecided. */
  chosenOptionIndex: z.number().int().min(0).nullable().optional(),
  firstStep: longText(1000),
  obstacles: textList(10).default([]),
  reviewDate: calendarDate.nullable().optional(),
  result: longText(),
}).superRefine((value, context) => {
  const index = value.chosenOptionIndex;
  if (index !== null && index !== undefined && index >= value.options.length) {
    context.addIssue({ code: 'custom', path: ['chosenOptionIndex'], message: `must name one of the ${value.options.length} options (0 to ${value.options.length - 1})` });
  }
});
export type DecisionAnalysisPayload = z.infer<typeof DecisionAnalysisPayload>;

/** Role play roles: the client as themselves, or role reversal (the client plays the other person). */
export const RolePlayRole = ['self', 'reversal'] as const;

/** Role play [D]: rehearsing a planned conversation, with feedback and confidence before and after. */
export const RolePlayPayload = z.strictObject({
  targetPerson: requiredText(100),
  goal: requiredText(1000),
  openingLine: longText(1000),
  expectedResponses: textList(10).default([]),
  roles: z.array(z.enum(RolePlayRole)).min(1, { message: 'choose self, reversal or both' }).max(2).refine(distinct, { message: 'must not repeat an entry' }),
  enactmentNotes: longText(),
  feedback: z.strictObject({ tone: longText(500), content: longText(500), assertiveness: longText(500) }).optional(),
  revisedScript: longText(),
  confidenceBefore: rating0to10.nullable().optional(),
  confidenceAfter: rating0to10.nullable().optional(),
  plannedRealAttempt: longText(500),
});
export type RolePlayPayload = z.infer<typeof RolePlayPayload>;

/** Interval review [D]: "how have things been since we last met?" */
export const IntervalReviewPayload = z.strictObject({
  mood: rating0to10.nullable().optional(),
  keyEvents: z.array(z.strictObject({
    event: requiredText(300),
    /** How the client links this event to their mood (the event ↔ mood link). */
    moodLink: optionalText(300),
  })).max(10, { message: 'must have at most 10 events' }).default([]),
  eventMoodLink: longText(1000),
  problemAreaProgress: longText(1000),
});
export type IntervalReviewPayload = z.infer<typeof IntervalReviewPayload>;

/** Each kind with its payload schema, a label and its provenance. */
export const WORKSHEET_DEFINITIONS = {
  'communication-analysis': { label: 'Communication analysis', payload: CommunicationAnalysisPayload },
  'decision-analysis': { label: 'Decision analysis', payload: DecisionAnalysisPayload },
  'role-play': { label: 'Role play', payload: RolePlayPayload },
  'interval-review': { label: 'Interval review', payload: IntervalReviewPayload },
} as const satisfies Record<WorksheetKind, { label: string; payload: z.ZodType }>;

/** The techniques are sourced; the worksheet fields are this project's proposal. */
export const WORKSHEET_SOURCE: SourceCitation = cite('D', ['S9'], '§3', 'Techniques from Klerman et al. 1984 [V]; every worksheet field is a design proposal (§11.10).');

/** A worksheet's kind with its payload: the discriminated union the API and the summaries work on. */
export const WorksheetContent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('communication-analysis'), payload: CommunicationAnalysisPayload }),
  z.strictObject({ kind: z.literal('decision-analysis'), payload: DecisionAnalysisPayload }),
  z.strictObject({ kind: z.literal('role-play'), payload: RolePlayPayload }),
  z.strictObject({ kind: z.literal('interval-review'), payload: IntervalReviewPayload }),
]);
export type WorksheetContent = z.infer<typeof WorksheetContent>;

/** True when a string names a worksheet kind. */
export function isWorksheetKind(value: string): value is WorksheetKind {
  return Object.hasOwn(WORKSHEET_DEFINITIONS, value);
}
