import { z } from 'zod';
import { Id, IsoDate, optionalText, text } from './common';

/**
 * Documents the server makes as PDFs, the client's consents to share them with someone else, and
 * the disclosure log (one row per PDF made).
 */
export const DocumentKind = z.enum(['treatment-summary', 'relapse-prevention-plan', 'formulation-letter', 'symptom-chart', 'safety-plan']);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** Documents about the client as a whole rather than one episode (made from the client's page). */
export const CLIENT_DOCUMENT_KINDS = ['safety-plan'] as const satisfies readonly DocumentKind[];

/** Who a document is for. Anyone but the client needs a recorded, unwithdrawn consent that covers the document. */
export const RecipientKind = z.enum(['client', 'referrer', 'general-practitioner', 'other-professional']);
export type RecipientKind = z.infer<typeof RecipientKind>;
export const ThirdPartyRecipientKind = z.enum(['referrer', 'general-practitioner', 'other-professional']);

/** Make one document. POST, because each one is logged as a disclosure (a change of state). */
export const DocumentRequestBody = z.strictObject({
  kind: DocumentKind,
  recipientKind: RecipientKind.default('client'),
  /** Required for anyone but the client: the consent that allows this disclosure. */
  consentId: Id.optional(),
  /** Why it is shared (kept in the disclosure log). */
  purpose: optionalText(300),
});
export type DocumentRequestBody = z.infer<typeof DocumentRequestBody>;

/** The client's consent to share documents with one named person or service. */
export const ConsentCreateBody = z.strictObject({
  recipientKind: ThirdPartyRecipientKind,
  recipientName: text(200),
  documents: z.array(DocumentKind).min(1, { message: 'must name at least one document' }).max(5)
    .refine((kinds) => new Set(kinds).size === kinds.length, { message: 'must not name a document twice' }),
  purpose: optionalText(500),
  /** The day the client gave the consent. */
  givenOn: IsoDate,
});
/** Optional: a withdrawal may be recorded without a reason. */
export const ConsentWithdrawBody = z.strictObject({ reason: optionalText(500) }).nullish();

export const ConsentView = z.object({
  id: z.string(),
  clientId: z.string(),
  recipientKind: ThirdPartyRecipientKind,
  recipientName: z.string(),
  documents: z.array(DocumentKind),
  purpose: z.string().nullable(),
  givenOn: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  status: z.enum(['active', 'withdrawn']),
  withdrawnAt: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  version: z.number().int(),
});
export type ConsentView = z.infer<typeof ConsentView>;

/** One row of the disclosure log: no clinical content, only what was shared, with whom, and the file's fingerprint. */
export const DisclosureView = z.object({
  id: z.string(),
  clientId: z.string(),
  episodeId: z.string().nullable(),
  documentKind: DocumentKind,
  documentVersion: z.string(),
  recipientKind: RecipientKind,
  recipientName: z.string().nullable(),
  consentId: z.string().nullable(),
  purpose: z.string().nullable(),
  disclosedBy: z.string(),
  disclosedByName: z.string().nullable(),
  disclosedAt: z.string(),
  fileName: z.string(),
  byteLength: z.number().int(),
  sha256: z.string(),
});
export type DisclosureView = z.infer<typeof DisclosureView>;

export const ClientDisclosureReport = z.object({ clientId: z.string(), clientName: z.string(), items: z.array(DisclosureView) });
export const ConsentList = z.object({ items: z.array(ConsentView) });

/** The organization-wide log for administrators (no client names; filter by client id and period). */
export const DisclosureLogQuery = z.strictObject({ clientId: Id.optional(), from: IsoDate.optional(), to: IsoDate.optional() });
export const DisclosureLog = z.object({ items: z.array(DisclosureView) });
