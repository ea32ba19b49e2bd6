import { z } from 'zod';

/** An instrument in the library list (the full definition is at /api/v1/instruments/{id}). */
export const InstrumentSummary = z.object({
  id: z.string(),
  version: z.string(),
  key: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  respondent: z.string(),
  recallPeriod: z.string().nullable(),
  itemCount: z.number().int(),
  maximum: z.number().nullable(),
  /** Whether the shipped definition carries the validated wording, or neutral labels. */
  wordingIncluded: z.boolean(),
  /** This organization imported licensed wording for it. */
  licensedWordingImported: z.boolean(),
  licence: z.string(),
});
export type InstrumentSummary = z.infer<typeof InstrumentSummary>;

export const InstrumentParams = z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'must be an instrument id such as phq-9' }) });
export const InstrumentQuery = z.strictObject({ version: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/).optional() });

/** Answers keyed by item id ("1", "2", …). Values are checked against the definition by the domain. */
export const ScoreBody = z.strictObject({
  answers: z.record(z.string().max(10), z.unknown()).refine((a) => Object.keys(a).length <= 200, { message: 'has too many answers' }),
  bandConvention: z.string().max(60).optional(),
  version: z.string().max(20).optional(),
});

export const ScoreResultView = z.object({
  instrumentId: z.string(),
  instrumentVersion: z.string(),
  total: z.number().nullable(),
  maximum: z.number().nullable(),
  severity: z.object({ code: z.string(), label: z.string() }).nullable(),
  bandConvention: z.string().nullable(),
  cutOffsMet: z.array(z.string()),
  missingItems: z.array(z.string()),
  skippedItems: z.array(z.string()),
  riskItems: z.array(z.object({ itemId: z.string(), value: z.number(), rule: z.string(), source: z.string() })),
  diagnosticAlgorithm: z.string().nullable().optional(),
  triageLevel: z.string().nullable().optional(),
  evidencedTriageLevel: z.string().optional(),
  impairmentLevel: z.string().nullable().optional(),
  domainScores: z.record(z.string(), z.number().nullable()).optional(),
});
export type ScoreResultView = z.infer<typeof ScoreResultView>;

export const InstrumentPackView = z.object({
  id: z.string(),
  instrumentId: z.string(),
  instrumentVersion: z.string(),
  packVersion: z.string(),
  language: z.string(),
  status: z.enum(['active', 'superseded']),
  importedAt: z.string(),
  importedBy: z.string(),
});
