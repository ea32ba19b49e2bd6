/**
 * Reliable change (Jacobson–Truax): RC = (post − pre) / S_diff, S_diff = SD × √2 × √(1 − r); |RC| > 1.96
 * is reliable at the 95% level [V] [S44] (reference §7).
 *
 * We ship no SD/reliability pair for any instrument: the reference gives none, and a published
 * reliability alone is not enough because the SD depends on the population the programme serves.
 * A programme supplies its own parameters, with their source, in its rule set.
 */
import { DomainError } from '../errors';
import type { FieldError } from '../errors';
import { changeFromBaseline } from './score-series';
import type { ScorePoint, SeriesChange } from './score-series';

/** Identifies results produced by this rule set. */
export const JACOBSON_TRUAX_RULE_SET = 'jacobson-truax';

/** |RC| must exceed this to be reliable (two-tailed 95%). [V] [S44] */
export const RELIABLE_CHANGE_CRITERION = 1.96;

/** The programme's parameters for one instrument; stored with each result. */
export interface JacobsonTruaxParameters {
  instrumentId: string;
  /** Standard deviation of the reference (usually pre-treatment) sample. */
  sd: number;
  /** Reliability r_xx (test–retest or internal consistency), 0 ≤ r < 1. */
  reliability: number;
  /** Where the programme took sd and r from. */
  source: string;
}

export const ReliableChange = {
  improvement: 'reliable-improvement',
  deterioration: 'reliable-deterioration',
  none: 'no-reliable-change',
} as const;
export type ReliableChange = (typeof ReliableChange)[keyof typeof ReliableChange];

/** The reliable change of one series. */
export interface JacobsonTruaxResult extends SeriesChange {
  ruleSet: typeof JACOBSON_TRUAX_RULE_SET;
  instrumentId: string;
  parameters: JacobsonTruaxParameters;
  sDiff: number;
  reliableChangeIndex: number;
  /** 1.96 × S_diff: the smallest raw change that counts as reliable. */
  minimumReliableChange: number;
  classification: ReliableChange;
}

function checkParameters(parameters: JacobsonTruaxParameters): void {
  const errors: FieldError[] = [];
  if (!(Number.isFinite(parameters.sd) && parameters.sd > 0)) errors.push({ field: 'parameters.sd', message: 'must be a number > 0' });
  if (!(Number.isFinite(parameters.reliability) && parameters.reliability >= 0 && parameters.reliability < 1)) {
    errors.push({ field: 'parameters.reliability', message: 'must be a number with 0 ≤ r < 1' });
  }
  if (parameters.source.trim() === '') errors.push({ field: 'parameters.source', message: 'must cite where sd and r come from' });
  if (errors.length > 0) throw new DomainError('validation', 'invalid Jacobson–Truax parameters', { errors });
}

/** S_diff = SD × √2 × √(1 − r). */
export function standardErrorOfDifference(parameters: JacobsonTruaxParameters): number {
  checkParameters(parameters);
  return parameters.sd * Math.SQRT2 * Math.sqrt(1 - parameters.reliability);
}

/**
 * Classifies the change from baseline to latest. All shipped instruments score higher = worse, so a
 * negative RC beyond the criterion is an improvement.
 */
export function assessReliableChange(series: readonly ScorePoint[], parameters: JacobsonTruaxParameters): JacobsonTruaxResult {
  const sDiff = standardErrorOfDifference(parameters);
  const change = changeFromBaseline(series);
  const reliableChangeIndex = change.change / sDiff;
  const classification =
    reliableChangeIndex < -RELIABLE_CHANGE_CRITERION
      ? ReliableChange.improvement
      : reliableChangeIndex > RELIABLE_CHANGE_CRITERION
        ? ReliableChange.deterioration
        : ReliableChange.none;
  return {
    ...change,
    ruleSet: JACOBSON_TRUAX_RULE_SET,
    instrumentId: parameters.instrumentId,
    parameters,
    sDiff,
    reliableChangeIndex,
    minimumReliableChange: RELIABLE_CHANGE_CRITERION * sDiff,
    classification,
  };
}
