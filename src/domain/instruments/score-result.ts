/**
 * The shape `scoreInstrument` returns. It is stored next to the raw answers and recomputed by the server,
 * so every field is plain data and an unknown is `null`, never a guessed number.
 */

/** Result of the PHQ diagnostic algorithm (PHQ-9, PHQ-A); null in the result when a symptom item is missing. */
export const PhqDiagnosis = {
  major: 'major-depressive-syndrome',
  other: 'other-depressive-syndrome',
  none: 'none',
} as const;
export type PhqDiagnosis = (typeof PhqDiagnosis)[keyof typeof PhqDiagnosis];

/** C-SSRS screener triage level; `none` = a complete screen with every answer "no". */
export const CssrsTriageLevel = { none: 'none', low: 'low', moderate: 'moderate', high: 'high' } as const;
export type CssrsTriageLevel = (typeof CssrsTriageLevel)[keyof typeof CssrsTriageLevel];

/** A risk item whose rule fired, reported whatever the total (a partial answer set still raises it). */
export interface FiredRiskItem {
  itemId: string;
  value: number;
  /** The rule in words, e.g. `value > 0`. */
  rule: string;
  source: string;
}

/** The outcome of scoring one set of answers against one definition. */
export interface ScoreResult {
  instrumentId: string;
  instrumentVersion: string;
  /** Null when the missing-item rule does not allow a total, or the instrument has none. */
  total: number | null;
  maximum: number | null;
  severity: { code: string; label: string } | null;
  /** The band convention used (HAM-D17 has two), or null for instruments without bands. */
  bandConvention: string | null;
  /** Codes of the published cut-offs the total meets (e.g. `epds-ge-13`). */
  cutOffsMet: string[];
  /** Scored items with no answer that skip logic does not excuse, in item order. */
  missingItems: string[];
  /** Items not asked because of the form's skip logic. */
  skippedItems: string[];
  riskItems: FiredRiskItem[];
  /** PHQ-9 and PHQ-A only. */
  diagnosticAlgorithm?: PhqDiagnosis | null;
  /** C-SSRS screener only: null while the screen is incomplete, unless an answer already shows "high". */
  triageLevel?: CssrsTriageLevel | null;
  /** C-SSRS screener only: the highest level the answers given so far show, even on an incomplete screen. */
  evidencedTriageLevel?: CssrsTriageLevel;
  /** WSAS only: the impairment band code. */
  impairmentLevel?: string | null;
  /** QIDS-SR16 only: each domain's score, null when one of its items is missing. */
  domainScores?: Record<string, number | null>;
}
