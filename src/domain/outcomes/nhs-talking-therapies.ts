/**
 * NHS Talking Therapies paired-measure outcomes (PHQ-9 with GAD-7), reference §7:
 * - caseness: PHQ-9 ≥ 10 and/or GAD-7 ≥ 8 [V] [S45a][S45b];
 * - recovery: a case at the start and not a case on either measure at the end [V] [S45c];
 * - reliable improvement: a fall of ≥ 6 on PHQ-9 and/or ≥ 4 on GAD-7 [V] [S45a];
 * - reliable deterioration: a rise of ≥ 6 / ≥ 4 [P] (same thresholds, inferred);
 * - reliable recovery: recovery and reliable improvement [P] (as the NHS England dataset combines them);
 * - finished treatment: at least 2 attended treatment appointments [V] [S45b].
 * The stricter paired-measure rule (improvement on one measure only counts without reliable deterioration
 * on the other) is [U]: it is off by default and a programme may switch it on as its own convention.
 * Only the GAD-7 is supported as the anxiety measure; the disorder-specific measures are not shipped.
 */
import { DomainError } from '../errors';
import { sortedSeries } from './score-series';
import type { ScorePoint } from './score-series';

/** Identifies results produced by this rule set. */
export const NHS_TALKING_THERAPIES_RULE_SET = 'nhs-talking-therapies';

/** Thresholds of the rule set, each with its reference tag. */
export const NHS_TT_THRESHOLDS = {
  phq9Caseness: 10, // [V] [S45a][S45b]
  gad7Caseness: 8, // [V] [S45a][S45b]
  phq9ReliableChange: 6, // [V] [S45a] improvement; [P] deterioration
  gad7ReliableChange: 4, // [V] [S45a] improvement; [P] deterioration
  finishedTreatmentAppointments: 2, // [V] [S45b]
} as const;

/**
 * `either-measure` (default, [V] [S45a]): reliable change on PHQ-9 and/or GAD-7.
 * `no-opposite-reliable-change` ([U], organisation convention): as above, but not when the other measure
 * reliably changed the opposite way.
 */
export const PairedMeasureRule = { eitherMeasure: 'either-measure', noOppositeReliableChange: 'no-opposite-reliable-change' } as const;
export type PairedMeasureRule = (typeof PairedMeasureRule)[keyof typeof PairedMeasureRule];

/** Paired series and attendance for one episode. */
export interface NhsTalkingTherapiesInput {
  phq9: readonly ScorePoint[];
  gad7: readonly ScorePoint[];
  attendedTreatmentAppointments: number;
}

/** One measure's first and last score and the reliable-change flags on it. */
export interface MeasureChange {
  first: ScorePoint;
  last: ScorePoint;
  change: number;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
}

/** The episode's outcome under the rule set; `null` where a flag does not apply (recovery needs caseness at the start). */
export interface NhsTalkingTherapiesResult {
  ruleSet: typeof NHS_TALKING_THERAPIES_RULE_SET;
  ruleSetVersion: '1';
  pairedMeasureRule: PairedMeasureRule;
  phq9: MeasureChange;
  gad7: MeasureChange;
  finishedTreatment: boolean;
  caseAtStart: boolean;
  caseAtEnd: boolean;
  /** Counted in the recovery rate: finished treatment and a case at the start. */
  inRecoveryDenominator: boolean;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
  recovery: boolean | null;
  reliableRecovery: boolean | null;
}

function measureChange(series: readonly ScorePoint[], field: string, threshold: number): MeasureChange {
  const sorted = sortedSeries(series, field, 2);
  const first = sorted[0] as ScorePoint;
  const last = sorted[sorted.length - 1] as ScorePoint;
  const change = last.total - first.total;
  return { first, last, change, reliableImprovement: -change >= threshold, reliableDeterioration: change >= threshold };
}

/** Classifies one episode with paired PHQ-9 and GAD-7 series (each needs a first and a last score). */
export function classifyNhsTalkingTherapies(
  input: NhsTalkingTherapiesInput,
  pairedMeasureRule: PairedMeasureRule = PairedMeasureRule.eitherMeasure,
): NhsTalkingTherapiesResult {
  const attended = input.attendedTreatmentAppointments;
  if (!Number.isInteger(attended) || attended < 0) {
    throw new DomainError('validation', 'must be a whole number ≥ 0', { field: 'attendedTreatmentAppointments' });
  }
  const phq9 = measureChange(input.phq9, 'measures.phq-9', NHS_TT_THRESHOLDS.phq9ReliableChange);
  const gad7 = measureChange(input.gad7, 'measures.gad-7', NHS_TT_THRESHOLDS.gad7ReliableChange);
  const isCase = (phq: number, gad: number): boolean => phq >= NHS_TT_THRESHOLDS.phq9Caseness || gad >= NHS_TT_THRESHOLDS.gad7Caseness;
  const caseAtStart = isCase(phq9.first.total, gad7.first.total);
  const caseAtEnd = isCase(phq9.last.total, gad7.last.total);

  const anyImprovement = phq9.reliableImprovement || gad7.reliableImprovement;
  const anyDeterioration = phq9.reliableDeterioration || gad7.reliableDeterioration;
  const strict = pairedMeasureRule === PairedMeasureRule.noOppositeReliableChange;
  const reliableImprovement = anyImprovement && !(strict && anyDeterioration);
  const reliableDeterioration = anyDeterioration && !(strict && anyImprovement);

  const finishedTreatment = attended >= NHS_TT_THRESHOLDS.finishedTreatmentAppointments;
  const recovery = caseAtStart ? !caseAtEnd : null;
  return {
    ruleSet: NHS_TALKING_THERAPIES_RULE_SET,
    ruleSetVersion: '1',
    pairedMeasureRule,
    phq9,
    gad7,
    finishedTreatment,
    caseAtStart,
    caseAtEnd,
    inRecoveryDenominator: finishedTreatment && caseAtStart,
    reliableImprovement,
    reliableDeterioration,
    recovery,
    reliableRecovery: recovery === null ? null : recovery && reliableImprovement,
  };
}
