/**
 * Triage level of the C-SSRS screener.
 *
 * - high: "yes" to item 4 or 5 (ideation with intent, past month) or suicidal behaviour within the past
 *   3 months. These are the "most worrisome answers" that Columbia says are the same in every setting
 *   [V] [S48a] (reference §8).
 * - moderate: "yes" to item 3 (ideation with a method) or behaviour more than 3 months ago; low: "yes" to
 *   item 1 or 2 only. Columbia leaves the lower levels to setting-specific screeners ("you might use the
 *   cut-offs described as your anchors" [S48a]); this split is the colour coding printed on the public
 *   setting-specific screeners as described by secondary sources [P], so it is an organisation-reviewable
 *   convention, not a published rule.
 * - none: a complete screen with every answer "no".
 */
import { CSSRS_BEHAVIOUR } from './c-ssrs-screener';
import { CssrsTriageLevel } from './score-result';

/** The triage of one screen: `level` is null when the screen is incomplete and nothing already shows "high". */
export interface CssrsTriage {
  level: CssrsTriageLevel | null;
  /** The highest level the answers given so far show, even if the screen is incomplete. */
  evidencedLevel: CssrsTriageLevel;
  complete: boolean;
}

const YES = 1;

/** Derives the triage level from validated C-SSRS screener answers (item ids "1".."6"). */
export function triageCssrs(values: ReadonlyMap<string, number>): CssrsTriage {
  const answer = (itemId: string): number | undefined => values.get(itemId);
  const item2 = answer('2');
  const askedItems = item2 === 0 ? ['1', '2', '6'] : ['1', '2', '3', '4', '5', '6'];
  const complete = askedItems.every((itemId) => answer(itemId) !== undefined);

  let evidencedLevel: CssrsTriageLevel = CssrsTriageLevel.none;
  if (answer('4') === YES || answer('5') === YES || answer('6') === CSSRS_BEHAVIOUR.yesWithinPast3Months) {
    evidencedLevel = CssrsTriageLevel.high;
  } else if (answer('3') === YES || answer('6') === CSSRS_BEHAVIOUR.yesMoreThan3MonthsAgo) {
    evidencedLevel = CssrsTriageLevel.moderate;
  } else if (answer('1') === YES || item2 === YES) {
    evidencedLevel = CssrsTriageLevel.low;
  }
  const level = complete || evidencedLevel === CssrsTriageLevel.high ? evidencedLevel : null;
  return { level, evidencedLevel, complete };
}
