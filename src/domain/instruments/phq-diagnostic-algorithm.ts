/**
 * The PHQ diagnostic algorithm, separate from the severity score (reference §6.1, marked [P]):
 * - major depressive syndrome: at least 5 of the 9 symptom items at "More than half the days" (2) or
 *   higher, one of them item 1 or item 2;
 * - other depressive syndrome: 2–4 such items, including item 1 or item 2;
 * - item 9 counts if present at all (any value ≥ 1), as the shaded cells of the official form show.
 * Sources: Pfizer instruction card [S34]; the item-9 rule from Kroenke 2001 [S33] (not re-read by the
 * reference's authors, hence [P]). A diagnosis also needs impairment and a clinician's exclusions: this
 * function only reports the syndrome pattern.
 */
import type { PhqDiagnosticSpec } from './instrument-definition';
import { PhqDiagnosis } from './score-result';

/** Classifies PHQ answers by the diagnostic algorithm; null when any symptom item is missing (never guessed). */
export function classifyPhqDiagnostic(spec: PhqDiagnosticSpec, values: ReadonlyMap<string, number>): PhqDiagnosis | null {
  const counted: string[] = [];
  for (const itemId of spec.symptomItems) {
    const value = values.get(itemId);
    if (value === undefined) return null;
    const threshold = spec.countsIfPresentItems.includes(itemId) ? 1 : spec.countsAtOrAbove;
    if (value >= threshold) counted.push(itemId);
  }
  const includesCardinal = counted.some((itemId) => spec.cardinalItems.includes(itemId));
  if (!includesCardinal) return PhqDiagnosis.none;
  if (counted.length >= spec.majorMinimum) return PhqDiagnosis.major;
  if (counted.length >= spec.otherMinimum) return PhqDiagnosis.other;
  return PhqDiagnosis.none;
}
