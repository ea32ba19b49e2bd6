import { z } from 'zod';
import { Id, IsoDate, optionalText, text } from './common';

export const EpisodeStatus = z.enum(['planned', 'active', 'ended', 'dropped-out']);
export const Schedule = z.enum(['weekly', 'fortnightly', 'monthly']);
export const MedicationReferral = z.enum(['not-assessed', 'not-needed', 'referred', 'declined', 'already-on-medication']);
export const EndReason = z.enum(['completed', 'dropped-out', 'referred', 'moved', 'client-choice', 'continuing-elsewhere', 'other']);

export const EpisodeCreateBody = z.strictObject({
  protocolId: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'must be a protocol id such as ipt-acute' }),
  startDate: IsoDate,
  contractedSessions: z.number().int().min(1).max(100).optional(),
  schedule: Schedule.optional(),
  sessionLengthMinutes: z.number().int().min(5).max(240).optional(),
  status: z.enum(['planned', 'active']).default('active'),
  previousEpisodeId: Id.optional(),
});

export const EpisodeUpdateBody = z.strictObject({
  contractedSessions: z.number().int().min(1).max(100).optional(),
  schedule: Schedule.optional(),
  sessionLengthMinutes: z.number().int().min(5).max(240).nullable().optional(),
  medicationReferral: MedicationReferral.optional(),
  medicationReferralNote: optionalText(2000),
  status: z.literal('active', { message: 'only a planned episode can be started here; use /end to end one' }).optional(),
}).refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const PhaseChangeBody = z.strictObject({ targetPhase: z.string().max(40), reason: optionalText(2000) });
export const EpisodeEndBody = z.strictObject({ status: z.enum(['ended', 'dropped-out']), endReason: EndReason, note: optionalText(2000) });

export const MedicationBody = z.strictObject({
  name: text(200), dose: optionalText(200), prescriber: optionalText(200), startDate: IsoDate.nullable().optional(), stopDate: IsoDate.nullable().optional(),
});
export const MedicationUpdateBody = z.strictObject({
  name: text(200).optional(), dose: optionalText(200), prescriber: optionalText(200), startDate: IsoDate.nullable().optional(), stopDate: IsoDate.nullable().optional(),
}).refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export const MedicationParams = z.strictObject({ id: Id, medicationId: Id });

export const MedicationView = z.object({
  id: z.string(), name: z.string(), dose: z.string().nullable(), prescriber: z.string().nullable(), startDate: z.string().nullable(), stopDate: z.string().nullable(), version: z.number().int(),
});

export const PhaseChangeView = z.object({
  id: z.string(), fromPhase: z.string(), toPhase: z.string(), atSession: z.number().int(), overriddenGuards: z.array(z.string()), reason: z.string().nullable(),
  changedBy: z.string(), changedByName: z.string(), changedAt: z.string(),
});

export const AgendaItemView = z.object({
  id: z.string(), label: z.string(), guidance: z.string(), required: z.boolean(), opensTool: z.string().nullable(), phase: z.string().nullable(), source: z.string(),
});

export const PlanView = z.object({
  nextSessionNumber: z.number().int(),
  sessionsLeft: z.number().int(),
  phaseForNextSession: z.string(),
  agendaPhase: z.string(),
  phasePlan: z.array(z.object({ phase: z.string(), label: z.string(), first: z.number().int(), last: z.number().int() })),
  agendaItems: z.array(AgendaItemView),
  measuresDue: z.array(z.object({ instrumentId: z.string(), reason: z.string(), overdue: z.boolean(), lastGivenAtSession: z.number().int().nullable() })),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string(), source: z.string() })),
  canChangePhase: z.boolean(),
  phaseChangeGuards: z.array(z.object({ code: z.string(), message: z.string() })),
  /** For every other phase: the guards a move there would meet now (a reason is needed when any apply). */
  phaseGuardsByTarget: z.record(z.string(), z.array(z.object({ code: z.string(), message: z.string() }))),
});

export const SessionSummary = z.object({
  id: z.string(), number: z.number().int(), startsAt: z.string(), attendance: z.string(), mode: z.string(), phase: z.string(), noteStatus: z.string(),
  total: z.number().nullable(), severityCode: z.string().nullable(),
});

export const RiskFlagView = z.object({
  id: z.string(), clientId: z.string(), episodeId: z.string().nullable(), sessionId: z.string().nullable(), trigger: z.string(), level: z.string(), status: z.string(),
  detail: z.string(), raisedAt: z.string(), closedAt: z.string().nullable(), closeReason: z.string().nullable(),
});

export const ChartView = z.object({
  instrumentId: z.string(),
  instrumentTitle: z.string(),
  maximum: z.number().nullable(),
  bands: z.array(z.object({ code: z.string(), label: z.string(), min: z.number(), max: z.number() })),
  points: z.array(z.object({ sessionNumber: z.number().int().nullable(), date: z.string(), total: z.number().nullable(), severityCode: z.string().nullable(), phase: z.string().nullable() })),
  phaseBoundaries: z.array(z.object({ phase: z.string(), label: z.string(), fromSession: z.number().int() })),
  /** Life events from the timeline, placed between the sessions they fell between (x on the session axis). */
  events: z.array(z.object({ id: z.string(), date: z.string(), title: z.string(), kind: z.string(), atSession: z.number() })),
  outcome: z.object({
    ruleSet: z.string(), baseline: z.number().nullable(), latest: z.number().nullable(), change: z.number().nullable(), percentChange: z.number().nullable(),
    response: z.boolean().nullable(), remission: z.boolean().nullable(), reliableChange: z.string().nullable(), summary: z.string(),
  }).nullable(),
});

export const EpisodeView = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  clinicianId: z.string(),
  clinicianName: z.string(),
  protocol: z.object({ id: z.string(), version: z.string(), name: z.string(), shortName: z.string(), evidence: z.string(), sessionCount: z.object({ min: z.number(), max: z.number(), default: z.number() }) }),
  status: EpisodeStatus,
  currentPhase: z.string(),
  currentPhaseLabel: z.string(),
  startDate: z.string(),
  contractedSessions: z.number().int(),
  schedule: z.string(),
  sessionLengthMinutes: z.number().int().nullable(),
  medicationReferral: z.string(),
  medicationReferralNote: z.string().nullable(),
  formulationAgreedAt: z.string().nullable(),
  terminationDiscussedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  endedAt: z.string().nullable(),
  previousEpisodeId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  medications: z.array(MedicationView),
  phaseChanges: z.array(PhaseChangeView),
  sessions: z.array(SessionSummary),
  plan: PlanView.nullable(),
  riskFlags: z.array(RiskFlagView),
  chart: ChartView.nullable(),
  /** Whether the caller may change this episode (false on read-only emergency access). */
  mayEdit: z.boolean(),
});
export type EpisodeView = z.infer<typeof EpisodeView>;

export const EpisodeListItem = z.object({
  id: z.string(), protocolId: z.string(), protocolName: z.string(), status: EpisodeStatus, currentPhase: z.string(), startDate: z.string(),
  contractedSessions: z.number().int(), sessionsHeld: z.number().int(), endedAt: z.string().nullable(), version: z.number().int(),
});
/** A client's episodes, newest first. */
export const EpisodeList = z.object({ items: z.array(EpisodeListItem) });
export const ClientParams = z.strictObject({ clientId: Id });
