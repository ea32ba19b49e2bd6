/**
 * Response and remission for a single measure. Thresholds differ between programmes (reference §7), so a
 * rule is data the programme chooses; the shipped rules carry their sources and status tags.
 */
import { DomainError } from '../errors';
import { changeFromBaseline } from './score-series';
import type { ScorePoint, SeriesChange } from './score-series';

/** Identifies results produced by this rule set, stored with every computed outcome. */
export const RESPONSE_REMISSION_RULE_SET = 'response-remission';

/** A programme's response/remission rule for one instrument. */
export interface ResponseRemissionRule {
  instrumentId: string;
  /** Response = at least this % reduction from baseline; null when the programme defines no response. */
  responseReductionPercent: number | null;
  /** Remission when the latest total is below (`<`) or at most (`<=`) the value. */
  remission: { op: '<' | '<='; value: number } | null;
  /** Baseline entry level of the measure the rule comes from (HEDIS: index PHQ-9 > 9), reported as `baselineEligible`. */
  baselineAtLeast: number | null;
  sources: string;
}

/**
 * Shipped rules. PHQ-9: response ≥50% reduction [V] [S43a]; remission < 5 [V] [S43a]; HEDIS index PHQ-9 > 9
 * [P] [S43b]. HAM-D17: remission ≤ 7 (1991 consensus) [P] [S39]. QIDS-SR16: remission ≤ 5 (STAR*D) [P] [S40].
 * The reference defines response only for the PHQ-9, so the others have none unless a programme adds it.
 */
export const RESPONSE_REMISSION_RULES: Readonly<Record<'phq-9' | 'ham-d17' | 'qids-sr16', ResponseRemissionRule>> = {
  'phq-9': {
    instrumentId: 'phq-9',
    responseReductionPercent: 50,
    remission: { op: '<', value: 5 },
    baselineAtLeast: 10,
    sources: 'response and remission [S43a] [V]; baseline > 9 (HEDIS DRR-E) [S43b] [P]',
  },
  'ham-d17': { instrumentId: 'ham-d17', responseReductionPercent: null, remission: { op: '<=', value: 7 }, baselineAtLeast: null, sources: 'remission ≤ 7 [S39] [P]' },
  'qids-sr16': { instrumentId: 'qids-sr16', responseReductionPercent: null, remission: { op: '<=', value: 5 }, baselineAtLeast: null, sources: 'remission ≤ 5 (STAR*D) [S40] [P]' },
};

/** Response/remission of one series under one rule. */
export interface ResponseRemissionResult extends SeriesChange {
  ruleSet: typeof RESPONSE_REMISSION_RULE_SET;
  instrumentId: string;
  rule: ResponseRemissionRule;
  /** Null when the rule defines no response, there is only one score, or the baseline is 0. */
  response: boolean | null;
  /** Null when the rule defines no remission. */
  remission: boolean | null;
  /** Whether the baseline meets the rule's entry level (null when the rule has none); remission is still reported. */
  baselineEligible: boolean | null;
}

function checkRule(rule: ResponseRemissionRule): void {
  const percent = rule.responseReductionPercent;
  if (percent !== null && !(percent > 0 && percent <= 100)) {
    throw new DomainError('validation', 'responseReductionPercent must be in (0, 100]', { field: 'rule.responseReductionPercent' });
  }
}

/** Applies a response/remission rule to a dated series (baseline = earliest score, outcome = latest). */
export function assessResponseRemission(series: readonly ScorePoint[], rule: ResponseRemissionRule): ResponseRemissionResult {
  checkRule(rule);
  const change = changeFromBaseline(series);
  const { baseline, latest } = change;
  const percent = rule.responseReductionPercent;
  const response =
    percent === null || change.points < 2 || baseline.total === 0 ? null : (baseline.total - latest.total) * 100 >= percent * baseline.total;
  const remission =
    rule.remission === null ? null : rule.remission.op === '<' ? latest.total < rule.remission.value : latest.total <= rule.remission.value;
  const baselineEligible = rule.baselineAtLeast === null ? null : baseline.total >= rule.baselineAtLeast;
  return { ...change, ruleSet: RESPONSE_REMISSION_RULE_SET, instrumentId: rule.instrumentId, rule, response, remission, baselineEligible };
}
