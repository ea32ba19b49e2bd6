import { z } from 'zod';
import { Id, IsoDate, PageQuery, optionalText, page, text } from './common';

export const ClientStatus = z.enum(['active', 'archived']);

const contactFields = {
  pronouns: optionalText(50),
  language: optionalText(35),
  identifier: optionalText(64),
  phone: optionalText(50),
  email: z.union([z.literal(''), z.email({ message: 'must be an e-mail address' }).max(254)]).nullable().optional()
    .transform((value) => (value === '' ? null : value)),
  address: optionalText(500),
  emergencyContactName: optionalText(200),
  emergencyContactPhone: optionalText(50),
  emergencyContactRelationship: optionalText(100),
};

/** Smallest valid body: `{ "displayName": "…", "dateOfBirth": "YYYY-MM-DD" }`. */
export const ClientCreateBody = z.strictObject({
  displayName: text(200),
  preferredName: optionalText(200),
  dateOfBirth: IsoDate,
  ...contactFields,
  /** Defaults to the creating clinician; a supervisor may assign to a clinician they supervise. */
  clinicianId: Id.optional(),
});
export type ClientCreateBody = z.infer<typeof ClientCreateBody>;

export const ClientUpdateBody = z
  .strictObject({ displayName: text(200).optional(), preferredName: optionalText(200), dateOfBirth: IsoDate.optional(), ...contactFields })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type ClientUpdateBody = z.infer<typeof ClientUpdateBody>;

export const ClientArchiveBody = z.strictObject({ reason: text(1000) });
export const ClientTransferBody = z.strictObject({ clinicianId: Id, reason: text(1000) });
export const BreakGlassBody = z.strictObject({ reason: text(1000) });

export const BreakGlassGrantView = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
});

export const ClientView = z.object({
  id: z.string(),
  displayName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  pronouns: z.string().nullable(),
  language: z.string().nullable(),
  identifier: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  emergencyContactName: z.string().nullable(),
  emergencyContactPhone: z.string().nullable(),
  emergencyContactRelationship: z.string().nullable(),
  clinicianId: z.string(),
  clinicianName: z.string(),
  status: ClientStatus,
  archivedAt: z.string().nullable(),
  archiveReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** The highest level among the client's open risk flags, or null. */
  openRiskLevel: z.enum(['low', 'moderate', 'high']).nullable(),
  /** Emergency (break-glass) access to this record in the last 30 days, so the owner sees it. */
  breakGlassGrants: z.array(BreakGlassGrantView),
});
export type ClientView = z.infer<typeof ClientView>;

export const ClientSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  preferredName: z.string().nullable(),
  identifier: z.string().nullable(),
  dateOfBirth: z.string(),
  clinicianId: z.string(),
  clinicianName: z.string(),
  status: ClientStatus,
  updatedAt: z.string(),
  /** The highest level among the client's open risk flags, or null: shown on the caseload at once. */
  openRiskLevel: z.enum(['low', 'moderate', 'high']).nullable(),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

export const ClientListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  clinicianId: Id.optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
});
export const ClientPage = page(ClientSummary);
