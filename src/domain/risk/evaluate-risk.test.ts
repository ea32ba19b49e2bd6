import { describe, expect, it } from 'vitest';
import { C_SSRS_SCREENER } from '../instruments/c-ssrs-screener';
import { EPDS } from '../instruments/epds';
import { GAD_7 } from '../instruments/gad-7';
import { HAM_D17 } from '../instruments/ham-d17';
import { PHQ_9 } from '../instruments/phq-9';
import { PHQ_A } from '../instruments/phq-a';
import { QIDS_SR16 } from '../instruments/qids-sr16';
import { scoreInstrument } from '../instruments/scoring';
import { evaluateRisk, evaluateRiskFromAnswers } from './evaluate-risk';
import { highestRiskLevel } from './risk-flag';
import { DEFAULT_RISK_POLICY } from './risk-policy';

const levels = (proposals: ReadonlyArray<{ itemId: string | null; level: string }>) => proposals.map((p) => [p.itemId, p.level]);

describe('item triggers with the default policy (levels are organisation defaults)', () => {
  it.each([
    [1, 'moderate'],
    [2, 'high'],
    [3, 'high'],
  ] as const)('PHQ-9 item 9 = %i → %s, same-session review, C-SSRS next', (value, level) => {
    const [proposal, ...rest] = evaluateRiskFromAnswers(PHQ_9, { '9': value });
    expect(rest).toEqual([]);
    expect(proposal).toMatchObject({
      trigger: 'instrument-item',
      level,
      instrumentId: 'phq-9',
      instrumentVersion: '1',
      itemId: '9',
      value,
      requiresSameSessionReview: true,
      suggestedFollowUp: 'c-ssrs-screener',
    });
    expect(proposal?.source).toMatch(/S37e.*organisation default/);
  });

  it('no proposal when PHQ-9 item 9 is 0, even with a severe total', () => {
    expect(evaluateRiskFromAnswers(PHQ_9, { '1': 3, '2': 3, '3': 3, '4': 3, '5': 3, '6': 3, '7': 3, '8': 3, '9': 0 })).toEqual([]);
  });

  it('PHQ-A: item 9, past-month serious thoughts (12) and lifetime attempt (13)', () => {
    expect(levels(evaluateRiskFromAnswers(PHQ_A, { '9': 1, '12': 1, '13': 1 }))).toEqual([
      ['9', 'moderate'],
      ['12', 'high'],
      ['13', 'high'],
    ]);
  });

  it.each([
    ['epds', '10', 1, 'moderate', EPDS],
    ['epds', '10', 3, 'high', EPDS],
    ['qids-sr16', '12', 1, 'moderate', QIDS_SR16],
    ['qids-sr16', '12', 2, 'high', QIDS_SR16],
    ['ham-d17', '3', 1, 'moderate', HAM_D17],
    ['ham-d17', '3', 4, 'high', HAM_D17],
  ] as const)('%s item %s = %i → %s', (_id, itemId, value, level, definition) => {
    expect(levels(evaluateRiskFromAnswers(definition, { [itemId]: value }))).toEqual([[itemId, level]]);
  });

  it('instruments without risk items raise nothing', () => {
    expect(evaluateRiskFromAnswers(GAD_7, { '1': 3, '2': 3, '3': 3, '4': 3, '5': 3, '6': 3, '7': 3 })).toEqual([]);
  });

  it('an organisation policy can start PHQ-9 item 9 at high', () => {
    const policy = {
      ...DEFAULT_RISK_POLICY,
      id: 'org-strict@1',
      itemRules: [{ instrumentId: 'phq-9', itemId: '9', steps: [{ atOrAbove: 1, level: 'high' as const }], triggerSource: '[S37e] [V]' }],
    };
    const [proposal] = evaluateRiskFromAnswers(PHQ_9, { '9': 1 }, { policy });
    expect(proposal?.level).toBe('high');
    expect(proposal?.source).toContain('org-strict@1');
  });

  it('a fired risk item missing from the policy gets the conservative unlisted level', () => {
    const policy = { ...DEFAULT_RISK_POLICY, itemRules: [] };
    expect(evaluateRiskFromAnswers(EPDS, { '10': 1 }, { policy })[0]?.level).toBe('high');
  });

  it('refuses a result scored against another instrument', () => {
    expect(() => evaluateRisk(EPDS, scoreInstrument(PHQ_9, { '9': 1 }))).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});

describe('C-SSRS screener triggers', () => {
  const answers = (values: Array<number | undefined>) => Object.fromEntries(values.flatMap((v, i) => (v === undefined ? [] : [[String(i + 1), v]])));

  it.each([
    [[1, 0, undefined, undefined, undefined, 0], 'low'],
    [[1, 1, 1, 0, 0, 0], 'moderate'],
    [[0, 0, undefined, undefined, undefined, 1], 'moderate'],
    [[1, 1, 1, 1, 0, 0], 'high'],
    [[1, 1, 0, 0, 1, 0], 'high'],
    [[0, 0, undefined, undefined, undefined, 2], 'high'],
  ] as const)('%j → one triage proposal at %s', (values, level) => {
    const proposals = evaluateRiskFromAnswers(C_SSRS_SCREENER, answers([...values]));
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ trigger: 'c-ssrs-triage', level, itemId: null, requiresSameSessionReview: true, suggestedFollowUp: null });
  });

  it('a complete all-"no" screen raises nothing', () => {
    expect(evaluateRiskFromAnswers(C_SSRS_SCREENER, answers([0, 0, undefined, undefined, undefined, 0]))).toEqual([]);
  });

  it('an incomplete screen with a "yes" starts high; without a "yes" raises nothing', () => {
    const [proposal] = evaluateRiskFromAnswers(C_SSRS_SCREENER, answers([1]));
    expect(proposal).toMatchObject({ level: 'high', trigger: 'c-ssrs-triage' });
    expect(proposal?.reason).toMatch(/Incomplete.*show low.*missing: 2, 3, 4, 5, 6/);
    expect(evaluateRiskFromAnswers(C_SSRS_SCREENER, answers([0]))).toEqual([]);
  });
});

describe('highestRiskLevel', () => {
  it('picks the highest level or null', () => {
    expect(highestRiskLevel([])).toBeNull();
    expect(highestRiskLevel(evaluateRiskFromAnswers(PHQ_A, { '9': 1, '13': 1 }))).toBe('high');
    expect(highestRiskLevel(evaluateRiskFromAnswers(PHQ_9, { '9': 1 }))).toBe('moderate');
  });
});
