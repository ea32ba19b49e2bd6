/**
 * Risk-flag proposals: what the domain suggests a clinician or supervisor reviews. They are proposals,
 * not diagnoses; the server turns them into flags that a person acknowledges and resolves.
 */

/** Initial level of a proposed flag; settings may tune how answers map to it (risk-policy.ts). */
export const RiskLevel = { low: 'low', moderate: 'moderate', high: 'high' } as const;
export type RiskLevel = (typeof RiskLevel)[keyof typeof RiskLevel];

/** What raised the proposal. */
export const RiskTrigger = {
  instrumentItem: 'instrument-item',
  cssrsTriage: 'c-ssrs-triage',
  clinicianConcern: 'clinician-concern',
} as const;
export type RiskTrigger = (typeof RiskTrigger)[keyof typeof RiskTrigger];

/** One proposed risk flag with everything a reviewer needs to see why it was raised. */
export interface RiskFlagProposal {
  trigger: RiskTrigger;
  level: RiskLevel;
  reason: string;
  /** The published source of the trigger, and where the level came from. */
  source: string;
  instrumentId: string | null;
  instrumentVersion: string | null;
  itemId: string | null;
  value: number | null;
  /** Same-session clinician or supervisor review (reference §8). */
  requiresSameSessionReview: boolean;
  /** Instrument id of the suggested next step, e.g. the C-SSRS screener after a PHQ-9 item 9 answer. */
  suggestedFollowUp: string | null;
}

const ORDER: Readonly<Record<RiskLevel, number>> = { low: 1, moderate: 2, high: 3 };

/** The highest level among proposals, or null when there are none: what a case banner shows. */
export function highestRiskLevel(proposals: readonly RiskFlagProposal[]): RiskLevel | null {
  let highest: RiskLevel | null = null;
  for (const proposal of proposals) if (highest === null || ORDER[proposal.level] > ORDER[highest]) highest = proposal.level;
  return highest;
}
