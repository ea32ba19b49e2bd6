/**
 * The one generic scorer. It reads everything from the definition (total rule, missing-item rule, skip
 * logic, bands, cut-offs, risk items, extensions), so the server, the CLI and the client preview all get
 * the same numbers, and a new instrument is data plus, at most, a named helper.
 */
import { DomainError } from '../errors';
import { triageCssrs } from './c-ssrs-triage';
import type { AnswerRule, BandConvention, InstrumentDefinition } from './instrument-definition';
import { classifyPhqDiagnostic } from './phq-diagnostic-algorithm';
import { scoreDomains } from './qids-domains';
import type { FiredRiskItem, ScoreResult } from './score-result';
import { validateAnswers } from './validate-answers';

/** Caller's choices that the instrument leaves to the organisation (HAM-D17 band convention). */
export interface ScoreOptions {
  /** Id of one of the definition's band conventions; the definition's default when omitted. */
  bandConvention?: string;
}

function selectBandConvention(definition: InstrumentDefinition, requested: string | undefined): BandConvention | null {
  const id = requested ?? definition.defaultBandConvention;
  if (id === null) return null;
  const convention = definition.bandConventions.find((candidate) => candidate.id === id);
  if (convention === undefined) {
    const known = definition.bandConventions.map((candidate) => candidate.id);
    throw new DomainError('validation', `unknown band convention for ${definition.id}: ${id}`, {
      errors: [{ field: 'options.bandConvention', message: known.length > 0 ? `must be one of ${known.join(', ')}` : `${definition.id} has no severity bands` }],
    });
  }
  return convention;
}

/** Whether an answer meets a risk rule such as `value > 0`. */
export function meetsRule(value: number, rule: AnswerRule): boolean {
  return rule.op === '>' ? value > rule.value : value >= rule.value;
}

/** Human-readable form of a rule, stored with fired risk items. */
export function describeRule(rule: AnswerRule): string {
  return `value ${rule.op} ${rule.value}`;
}

/**
 * Scores one set of answers. Throws DomainError('validation') listing every bad answer; returns a total
 * of null (never a guess) when the missing-item rule does not allow one; reports risk items whatever the
 * total, so a partial PHQ-9 with item 9 = 1 still raises it.
 */
export function scoreInstrument(definition: InstrumentDefinition, answers: unknown, options: ScoreOptions = {}): ScoreResult {
  const convention = selectBandConvention(definition, options.bandConvention);
  const { values, skipped } = validateAnswers(definition, answers);

  const missingItems = definition.items
    .filter((item) => item.scored && !values.has(item.id) && !skipped.has(item.id))
    .map((item) => item.id);
  const skippedItems = definition.items.filter((item) => skipped.has(item.id)).map((item) => item.id);

  const rule = definition.scoring.total;
  let total: number | null = null;
  let domainScores: Record<string, number | null> | undefined;
  if (rule.kind === 'sum') {
    // The missing-item rule allows 0 missing items (no published prorating rule, see MissingItemRule):
    // a total exists only when every summed item is answered.
    const itemValues = rule.items.map((itemId) => values.get(itemId));
    if (itemValues.every((value): value is number => value !== undefined)) {
      total = itemValues.reduce((sum, value) => sum + value, 0);
    }
  } else if (rule.kind === 'domain-max-sum') {
    const scored = scoreDomains(rule.domains, values);
    total = scored.total;
    domainScores = scored.domainScores;
  }

  const band = total === null || convention === null ? undefined : convention.bands.find((candidate) => total >= candidate.min && total <= candidate.max);
  const severity = band === undefined ? null : { code: band.code, label: band.label };
  const cutOffsMet = total === null ? [] : definition.cutOffs.filter((cutOff) => total >= cutOff.min).map((cutOff) => cutOff.code);

  const riskItems: FiredRiskItem[] = [];
  for (const spec of definition.riskItems) {
    const value = values.get(spec.itemId);
    if (value !== undefined && meetsRule(value, spec.rule)) {
      riskItems.push({ itemId: spec.itemId, value, rule: describeRule(spec.rule), source: spec.source });
    }
  }

  const result: ScoreResult = {
    instrumentId: definition.id,
    instrumentVersion: definition.version,
    total,
    maximum: definition.maximum,
    severity,
    bandConvention: convention?.id ?? null,
    cutOffsMet,
    missingItems,
    skippedItems,
    riskItems,
  };
  if (domainScores !== undefined) result.domainScores = domainScores;
  for (const extension of definition.scoring.extensions) {
    if (extension.kind === 'phq-diagnostic') {
      result.diagnosticAlgorithm = classifyPhqDiagnostic(extension, values);
    } else if (extension.kind === 'c-ssrs-triage') {
      const triage = triageCssrs(values);
      result.triageLevel = triage.level;
      result.evidencedTriageLevel = triage.evidencedLevel;
    } else {
      result.impairmentLevel = severity?.code ?? null;
    }
  }
  return result;
}
