import { z } from 'zod';
import { Id, IsoDate, optionalText, text } from './common';
import { RiskFlagView } from './episodes.contract';

export const RiskLevel = z.enum(['low', 'moderate', 'high']);
export const RiskActionKind = z.enum(['called-emergency-services', 'referred', 'safety-plan-made', 'client-safe-for-now', 'supervisor-consulted', 'family-contacted', 'follow-up-booked', 'other']);

export const ConcernBody = z.strictObject({ level: RiskLevel, reason: text(2000), episodeId: Id.optional() });
export const ScreenBody = z.strictObject({ answers: z.record(z.string().max(10), z.unknown()), sessionId: Id.optional() });
export const RiskActionBody = z.strictObject({ kind: RiskActionKind, note: optionalText(2000) });
export const CloseFlagBody = z.strictObject({ reason: text(2000) });

export const RiskFlagDetail = RiskFlagView.extend({
  clientName: z.string(),
  clinicianId: z.string(),
  escalationStatus: z.string(),
  escalatedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  screenedAt: z.string().nullable(),
  screen: z.object({ triageLevel: z.string().nullable(), answers: z.record(z.string(), z.unknown()) }).nullable(),
  actions: z.array(z.object({ id: z.string(), kind: z.string(), note: z.string().nullable(), recordedAt: z.string(), recordedByName: z.string() })),
  /** The steps of the organization's referral pathway, shown with the flag. */
  pathway: z.array(z.object({ step: z.string(), contact: z.string().nullable() })),
  crisisResources: z.array(z.object({ name: z.string(), phone: z.string(), description: z.string().nullable() })),
  version: z.number().int(),
});
export type RiskFlagDetail = z.infer<typeof RiskFlagDetail>;

export const NotificationView = z.object({
  id: z.string(), kind: z.string(), flagId: z.string().nullable(), clientId: z.string().nullable(), clientName: z.string().nullable(), level: z.string().nullable(),
  createdAt: z.string(), readAt: z.string().nullable(), acknowledged: z.boolean(),
});

/** Stanley–Brown Safety Planning Intervention steps [V] [S49a]; the list fields are a design proposal [D]. */
const entries = (max: number) => z.array(text(300)).max(max).default([]);
const contacts = z.array(z.strictObject({ name: text(200), phone: optionalText(50), note: optionalText(300) })).max(20).default([]);
export const SafetyPlanPayload = z.strictObject({
  warningSigns: entries(20),
  internalCopingStrategies: entries(20),
  peopleAndPlacesThatDistract: contacts,
  peopleToAskForHelp: contacts,
  professionalsAndServices: contacts,
  makingTheEnvironmentSafe: entries(20),
  reasonsForLiving: entries(20),
});
export type SafetyPlanPayload = z.infer<typeof SafetyPlanPayload>;
export const SafetyPlanBody = z.strictObject({ plan: SafetyPlanPayload, reviewDate: IsoDate.nullable().optional(), flagId: Id.optional() });

const ContactView = z.object({ name: z.string(), phone: z.string().nullable().optional(), note: z.string().nullable().optional() });
/** The plan as answered (no transforms in response schemas). */
export const SafetyPlanPayloadView = z.object({
  warningSigns: z.array(z.string()), internalCopingStrategies: z.array(z.string()), peopleAndPlacesThatDistract: z.array(ContactView),
  peopleToAskForHelp: z.array(ContactView), professionalsAndServices: z.array(ContactView), makingTheEnvironmentSafe: z.array(z.string()), reasonsForLiving: z.array(z.string()),
});

export const SafetyPlanView = z.object({
  id: z.string().nullable(),
  planNumber: z.number().int(),
  status: z.enum(['new', 'draft', 'signed']),
  plan: SafetyPlanPayloadView,
  reviewDate: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  createdAt: z.string().nullable(),
  version: z.number().int(),
});

/** The risk settings as answered (response schemas carry no transforms: they are only encoded). */
export const RiskSettingsView = z.object({
  escalateAtLevel: z.enum(['moderate', 'high']),
  renotifyMinutes: z.number().int(),
  crisisResources: z.array(z.object({ name: z.string(), phone: z.string(), description: z.string().nullable() })),
  referralPathway: z.array(z.object({ step: z.string(), contact: z.string().nullable() })),
});

export const RiskSettings = z.strictObject({
  /** Flags at this level or above are escalated to the supervisor at once. */
  escalateAtLevel: z.enum(['moderate', 'high']),
  /** Unacknowledged escalations notify again after this many minutes. */
  renotifyMinutes: z.number().int().min(5).max(1440),
  crisisResources: z.array(z.strictObject({ name: text(200), phone: text(50), description: optionalText(300) })).max(20),
  referralPathway: z.array(z.strictObject({ step: text(300), contact: optionalText(200) })).max(20),
});
