/**
 * How fired risk answers map to an initial flag level. The only published rule is that these answers
 * need a same-session clinician review and a C-SSRS screen, which then sets the level (reference §8,
 * [V] [S38a][S37e][S48a]); the levels below are organisation-configurable defaults chosen to err on the
 * side of caution, not published rules. An organisation may pass its own policy to `evaluateRisk`.
 */
import type { RiskLevel } from './risk-flag';

/** Level of a fired item by its value: the last step whose `atOrAbove` the value reaches wins. */
export interface ItemLevelRule {
  instrumentId: string;
  itemId: string;
  steps: ReadonlyArray<{ atOrAbove: number; level: RiskLevel }>;
  /** Published source of the trigger itself. */
  triggerSource: string;
}

/** Level and review requirement for a C-SSRS triage level. */
export interface CssrsLevelRule {
  level: RiskLevel;
  requiresSameSessionReview: boolean;
}

/** A complete, organisation-chosen risk policy. */
export interface RiskPolicy {
  id: string;
  itemRules: readonly ItemLevelRule[];
  /** Level for a fired risk item that has no rule above (e.g. an imported instrument). */
  unlistedRiskItemLevel: RiskLevel;
  cssrs: Readonly<Record<'low' | 'moderate' | 'high', CssrsLevelRule>>;
  /** An incomplete C-SSRS screen with any "yes" answer. */
  cssrsIncompletePositive: CssrsLevelRule;
  /** Suggested follow-up after an item trigger (reference §8 flow: risk item → C-SSRS screen). */
  followUpInstrumentId: string | null;
}

// Item triggers. Any value above 0 gives at least "moderate"; the strongest answers start at "high".
const BY_FREQUENCY = [
  { atOrAbove: 1, level: 'moderate' },
  { atOrAbove: 2, level: 'high' },
] as const;

/**
 * Default policy. Triggers: PHQ-9/PHQ-A item 9 > 0 [V] [S37e][S38a]; PHQ-A past-month thoughts of ending
 * life and lifetime attempt [V] [S37e]; EPDS item 10 > 0 [V] [S38a][S38b]; QIDS-SR16 item 12 [V] [S40] and
 * HAM-D17 item 3 [P] [S39] with our conservative "> 0" threshold [D]. C-SSRS: "high" for item 4 or 5 or
 * behaviour in the past 3 months [V] [S48a]; the lower levels follow the setting-specific triage [P].
 * Every level below, and same-session review for C-SSRS low/moderate, is an organisation default [D].
 */
export const DEFAULT_RISK_POLICY: RiskPolicy = {
  id: 'ipt-workbench-default@1',
  itemRules: [
    { instrumentId: 'phq-9', itemId: '9', steps: BY_FREQUENCY, triggerSource: '[S37e][S38a] [V]' },
    { instrumentId: 'phq-a', itemId: '9', steps: BY_FREQUENCY, triggerSource: '[S37e][S38a] [V]' },
    { instrumentId: 'phq-a', itemId: '12', steps: [{ atOrAbove: 1, level: 'high' }], triggerSource: '[S37e] [V]' },
    { instrumentId: 'phq-a', itemId: '13', steps: [{ atOrAbove: 1, level: 'high' }], triggerSource: '[S37e] [V]' },
    { instrumentId: 'epds', itemId: '10', steps: BY_FREQUENCY, triggerSource: '[S38a][S38b] [V]' },
    { instrumentId: 'qids-sr16', itemId: '12', steps: BY_FREQUENCY, triggerSource: '[S40] [V] item; > 0 threshold [D]' },
    { instrumentId: 'ham-d17', itemId: '3', steps: BY_FREQUENCY, triggerSource: '[S39] [P] item; > 0 threshold [D]' },
  ],
  unlistedRiskItemLevel: 'high',
  cssrs: {
    low: { level: 'low', requiresSameSessionReview: true },
    moderate: { level: 'moderate', requiresSameSessionReview: true },
    high: { level: 'high', requiresSameSessionReview: true },
  },
  cssrsIncompletePositive: { level: 'high', requiresSameSessionReview: true },
  followUpInstrumentId: 'c-ssrs-screener',
};
