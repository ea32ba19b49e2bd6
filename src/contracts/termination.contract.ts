import { z } from 'zod';
import { IsoDate, optionalText, text } from './common';

/**
 * The termination phase: the progress review (computed from the record), the termination record
 * (signed and hashed like a session note: the termination note), the relapse-prevention plan
 * (versioned, signed = locked, shareable with the client) and the next step.
 */

// ---- Progress review (read only) ---------------------------------------------------------------

const ScorePoint = z.object({ date: z.string(), total: z.number(), sessionNumber: z.number().int().nullable() });
export const GoalStatus = z.enum(['met', 'partly', 'not-met', 'not-rated']);
export const NextStepKind = z.enum(['end', 'maintenance', 'continuation', 'referral']);

export const ProgressReview = z.object({
  episodeId: z.string(),
  protocolName: z.string(),
  primaryInstrumentId: z.string(),
  attendedSessions: z.number().int(),
  contractedSessions: z.number().int(),
  instruments: z.array(z.object({
    instrumentId: z.string(), instrumentTitle: z.string(), scores: z.number().int(), first: ScorePoint, latest: ScorePoint, change: z.number(), percentChange: z.number().nullable(),
    responseRemission: z.object({ ruleSet: z.string(), sources: z.string(), response: z.boolean().nullable(), remission: z.boolean().nullable() }).nullable(),
    reliableChange: z.object({ ruleSet: z.string(), threshold: z.number(), classification: z.enum(['reliable-improvement', 'reliable-deterioration', 'no-reliable-change']) }).nullable(),
    summary: z.string(),
  })),
  recovery: z.object({ ruleSet: z.string(), caseAtStart: z.boolean().nullable(), recovery: z.boolean().nullable(), reliableRecovery: z.boolean().nullable(), summary: z.string() }).nullable(),
  responder: z.enum(['responder', 'non-responder', 'unknown']),
  areas: z.array(z.object({
    workspaceId: z.string(), area: z.string(), areaLabel: z.string(), otherParty: z.string().nullable(), summary: z.string().nullable(),
    stage: z.object({ first: z.string().nullable(), latest: z.string().nullable() }).nullable(),
    measures: z.array(z.object({
      measure: z.enum(['progress', 'adjustment', 'mourning', 'contacts', 'contactQuality']),
      first: z.object({ sessionNumber: z.number().int(), value: z.number() }), latest: z.object({ sessionNumber: z.number().int(), value: z.number() }), change: z.number(),
    })),
  })),
  closeness: z.object({
    from: z.object({ id: z.string(), takenOn: z.string(), label: z.string(), rings: z.number().int() }),
    to: z.object({ id: z.string(), takenOn: z.string(), label: z.string(), rings: z.number().int() }),
    people: z.array(z.object({ personId: z.string(), label: z.string(), fromRing: z.number().int().nullable(), toRing: z.number().int().nullable(), change: z.enum(['closer', 'further', 'same', 'added', 'removed']) })),
  }).nullable(),
  goals: z.array(z.object({ text: z.string(), source: z.enum(['contract', 'workspace']), status: GoalStatus })),
  tasks: z.object({ set: z.number().int(), done: z.number().int(), partly: z.number().int(), notDone: z.number().int(), notReviewed: z.number().int() }),
  nextStepOptions: z.array(z.object({ kind: NextStepKind, recommended: z.boolean(), why: z.string(), source: z.string() })),
});
export type ProgressReview = z.infer<typeof ProgressReview>;

// ---- Termination record (the termination note) --------------------------------------------------

const NextStepBody = z.strictObject({
  kind: NextStepKind,
  reason: optionalText(2000),
  alternativeOffered: optionalText(2000),
  overrideReason: optionalText(2000),
});

export const TerminationRecordBody = z.strictObject({
  feelingsAboutEnding: optionalText(4000),
  whatRemains: optionalText(4000),
  clientViewOfChange: optionalText(4000),
  goals: z.array(z.strictObject({ text: text(300), status: GoalStatus })).max(30).default([]),
  nextStep: NextStepBody.nullable().optional(),
});
export type TerminationRecordBody = z.infer<typeof TerminationRecordBody>;

const NextStepView = z.object({ kind: NextStepKind, reason: z.string().nullable(), alternativeOffered: z.string().nullable(), overrideReason: z.string().nullable() });
export const TerminationContent = z.object({
  feelingsAboutEnding: z.string().nullable(), whatRemains: z.string().nullable(), clientViewOfChange: z.string().nullable(),
  goals: z.array(z.object({ text: z.string(), status: GoalStatus })),
  nextStep: NextStepView.nullable(),
});
export type TerminationContent = z.infer<typeof TerminationContent>;

export const TerminationRecord = z.object({
  id: z.string().nullable(),
  episodeId: z.string(),
  status: z.enum(['new', 'draft', 'signed']),
  record: TerminationContent,
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  /** SHA-256 of the signed content, as stored when it was signed. */
  signedHash: z.string().nullable(),
  addenda: z.array(z.object({ id: z.string(), text: z.string(), signedByName: z.string(), signedAt: z.string() })),
  /** The maintenance episode started from this one, when there is one. */
  maintenanceEpisodeId: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type TerminationRecord = z.infer<typeof TerminationRecord>;

export const AddendumBody = z.strictObject({ text: text(4000) });

// ---- Relapse-prevention plan -----------------------------------------------------------------------

const entries = (max: number) => z.array(text(300)).max(max).default([]);
const contacts = z.array(z.strictObject({ name: text(200), phone: optionalText(50), note: optionalText(300) })).max(20).default([]);
export const RelapsePlanPayload = z.strictObject({
  warningSigns: entries(20),
  triggers: entries(20),
  strategies: entries(20),
  people: contacts,
  whenToSeekHelp: optionalText(2000),
  crisisContacts: contacts,
  boosterPlan: optionalText(2000),
});
export const RelapsePlanBody = z.strictObject({ plan: RelapsePlanPayload });

const ContactView = z.object({ name: z.string(), phone: z.string().nullable(), note: z.string().nullable() });
export const RelapsePlanContent = z.object({
  warningSigns: z.array(z.string()), triggers: z.array(z.string()), strategies: z.array(z.string()), people: z.array(ContactView),
  whenToSeekHelp: z.string().nullable(), crisisContacts: z.array(ContactView), boosterPlan: z.string().nullable(),
});
export type RelapsePlanContent = z.infer<typeof RelapsePlanContent>;

export const RelapsePlan = z.object({
  id: z.string().nullable(),
  episodeId: z.string(),
  planNumber: z.number().int(),
  status: z.enum(['new', 'draft', 'signed']),
  plan: RelapsePlanContent,
  sharedWithClient: z.boolean(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RelapsePlan = z.infer<typeof RelapsePlan>;

export const SharingBody = z.strictObject({ sharedWithClient: z.boolean() });

// ---- Next step: a linked maintenance episode --------------------------------------------------------

export const MaintenanceEpisodeBody = z.strictObject({
  startDate: IsoDate,
  contractedSessions: z.number().int().min(1).max(100).optional(),
});
