/**
 * Turns a scored questionnaire into risk-flag proposals. Item triggers come from the definition's risk
 * items (each with its published source); the initial level comes from the organisation's policy. The
 * C-SSRS screener yields one proposal from its triage level instead of one per item.
 */
import { DomainError } from '../errors';
import type { InstrumentDefinition } from '../instruments/instrument-definition';
import type { ScoreOptions } from '../instruments/scoring';
import { scoreInstrument } from '../instruments/scoring';
import type { FiredRiskItem, ScoreResult } from '../instruments/score-result';
import type { RiskFlagProposal, RiskLevel } from './risk-flag';
import { DEFAULT_RISK_POLICY } from './risk-policy';
import type { CssrsLevelRule, RiskPolicy } from './risk-policy';

function levelFor(policy: RiskPolicy, instrumentId: string, fired: FiredRiskItem): { level: RiskLevel; levelSource: string } {
  const rule = policy.itemRules.find((candidate) => candidate.instrumentId === instrumentId && candidate.itemId === fired.itemId);
  if (rule === undefined) return { level: policy.unlistedRiskItemLevel, levelSource: `${policy.id}: unlisted risk item` };
  let level: RiskLevel = policy.unlistedRiskItemLevel;
  for (const step of rule.steps) if (fired.value >= step.atOrAbove) level = step.level;
  return { level, levelSource: `${policy.id} (organisation default)` };
}

function cssrsProposal(definition: InstrumentDefinition, rule: CssrsLevelRule, reason: string, source: string): RiskFlagProposal {
  return {
    trigger: 'c-ssrs-triage',
    level: rule.level,
    reason,
    source,
    instrumentId: definition.id,
    instrumentVersion: definition.version,
    itemId: null,
    value: null,
    requiresSameSessionReview: rule.requiresSameSessionReview,
    suggestedFollowUp: null,
  };
}

function evaluateCssrs(definition: InstrumentDefinition, result: ScoreResult, policy: RiskPolicy): RiskFlagProposal[] {
  const level = result.triageLevel ?? null;
  const source = `C-SSRS triage [S48a] [V] for high, [P] for moderate/low; level per ${policy.id}`;
  if (level === 'low' || level === 'moderate' || level === 'high') {
    return [cssrsProposal(definition, policy.cssrs[level], `C-SSRS screener triage: ${level}`, source)];
  }
  if (level === null && result.evidencedTriageLevel !== undefined && result.evidencedTriageLevel !== 'none') {
    return [
      cssrsProposal(
        definition,
        policy.cssrsIncompletePositive,
        `Incomplete C-SSRS screen with a "yes" answer (answers so far show ${result.evidencedTriageLevel}); missing: ${result.missingItems.join(', ')}`,
        source,
      ),
    ];
  }
  return [];
}

/**
 * Risk-flag proposals for one scored response. Item proposals need same-session review (reference §8) and
 * suggest the C-SSRS screen as the next step; the definition and result must be the same instrument.
 */
export function evaluateRisk(definition: InstrumentDefinition, result: ScoreResult, policy: RiskPolicy = DEFAULT_RISK_POLICY): RiskFlagProposal[] {
  if (result.instrumentId !== definition.id || result.instrumentVersion !== definition.version) {
    throw new DomainError('validation', `score result is for ${result.instrumentId}@${result.instrumentVersion}, not ${definition.id}@${definition.version}`, {
      field: 'result.instrumentId',
    });
  }
  if (definition.scoring.extensions.some((extension) => extension.kind === 'c-ssrs-triage')) return evaluateCssrs(definition, result, policy);
  return result.riskItems.map((fired) => {
    const { level, levelSource } = levelFor(policy, definition.id, fired);
    return {
      trigger: 'instrument-item',
      level,
      reason: `${definition.shortTitle} item ${fired.itemId} answered ${fired.value} (${fired.rule})`,
      source: `${fired.source}; level: ${levelSource}`,
      instrumentId: definition.id,
      instrumentVersion: definition.version,
      itemId: fired.itemId,
      value: fired.value,
      requiresSameSessionReview: true,
      suggestedFollowUp: definition.id === policy.followUpInstrumentId ? null : policy.followUpInstrumentId,
    };
  });
}

/** Scores raw answers and evaluates risk in one step (validation errors as in scoreInstrument). */
export function evaluateRiskFromAnswers(
  definition: InstrumentDefinition,
  answers: unknown,
  options: { policy?: RiskPolicy; scoreOptions?: ScoreOptions } = {},
): RiskFlagProposal[] {
  return evaluateRisk(definition, scoreInstrument(definition, answers, options.scoreOptions), options.policy);
}
