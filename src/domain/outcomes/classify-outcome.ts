/**
 * One entry point over the outcome rule sets, so a programme stores its choice of rule set as data and
 * every computed outcome says which rule set produced it (reference §7: thresholds differ between
 * programmes; store the rule set with each outcome).
 */
import { DomainError } from '../errors';
import { assessReliableChange } from './jacobson-truax';
import type { JacobsonTruaxParameters, JacobsonTruaxResult } from './jacobson-truax';
import { PairedMeasureRule, classifyNhsTalkingTherapies } from './nhs-talking-therapies';
import type { NhsTalkingTherapiesResult } from './nhs-talking-therapies';
import { assessResponseRemission } from './response-remission';
import type { ResponseRemissionResult, ResponseRemissionRule } from './response-remission';
import type { ScorePoint } from './score-series';

/** A programme's chosen rule set, with its parameters. */
export type OutcomeRuleSet =
  | { kind: 'response-remission'; rule: ResponseRemissionRule }
  | { kind: 'jacobson-truax'; parameters: JacobsonTruaxParameters }
  | { kind: 'nhs-talking-therapies'; pairedMeasureRule?: PairedMeasureRule };

/** Dated totals per instrument id (e.g. `phq-9`, `gad-7`) for one episode, plus attendance. */
export interface OutcomeInput {
  measures: Readonly<Record<string, readonly ScorePoint[]>>;
  /** Needed by NHS Talking Therapies (finished treatment = ≥ 2 attended treatment appointments). */
  attendedTreatmentAppointments?: number;
}

export type OutcomeClassification = ResponseRemissionResult | JacobsonTruaxResult | NhsTalkingTherapiesResult;

function seriesFor(input: OutcomeInput, instrumentId: string): readonly ScorePoint[] {
  const series = input.measures[instrumentId];
  if (series === undefined) throw new DomainError('validation', `a ${instrumentId} series is required by this rule set`, { field: `measures.${instrumentId}` });
  return series;
}

/**
 * Classifies an episode's outcome under one rule set: single-measure rule sets read the series of their
 * instrument; NHS Talking Therapies reads the PHQ-9 and GAD-7 series and the attendance count.
 */
export function classifyOutcome(input: OutcomeInput, ruleSet: OutcomeRuleSet): OutcomeClassification {
  switch (ruleSet.kind) {
    case 'response-remission':
      return assessResponseRemission(seriesFor(input, ruleSet.rule.instrumentId), ruleSet.rule);
    case 'jacobson-truax':
      return assessReliableChange(seriesFor(input, ruleSet.parameters.instrumentId), ruleSet.parameters);
    case 'nhs-talking-therapies': {
      if (input.attendedTreatmentAppointments === undefined) {
        throw new DomainError('validation', 'attended treatment appointments are required by NHS Talking Therapies', { field: 'attendedTreatmentAppointments' });
      }
      return classifyNhsTalkingTherapies(
        { phq9: seriesFor(input, 'phq-9'), gad7: seriesFor(input, 'gad-7'), attendedTreatmentAppointments: input.attendedTreatmentAppointments },
        ruleSet.pairedMeasureRule ?? PairedMeasureRule.eitherMeasure,
      );
    }
  }
}
