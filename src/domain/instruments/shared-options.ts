/**
 * Answer option sets shared by several instruments, written once so the LOINC answer codes and the
 * validated option labels cannot drift apart between definitions.
 */
import type { AnswerOption, EvidenceStatus } from './instrument-definition';

/**
 * PHQ-9 frequency options (0–3), wording [V] [S32a]; LOINC answer codes [V] [S32c][S32d] (reference §6.4).
 * `loincStatus` lets an instrument that reuses the same printed answers (GAD-7) mark the codes as only
 * inferred for it.
 */
export function frequencyOptions(loincStatus: EvidenceStatus): readonly AnswerOption[] {
  return [
    { value: 0, label: 'Not at all', loinc: { code: 'LA6568-5', status: loincStatus } },
    { value: 1, label: 'Several days', loinc: { code: 'LA6569-3', status: loincStatus } },
    { value: 2, label: 'More than half the days', loinc: { code: 'LA6570-1', status: loincStatus } },
    { value: 3, label: 'Nearly every day', loinc: { code: 'LA6571-9', status: loincStatus } },
  ];
}

/**
 * Difficulty options of PHQ-9 item 10 (not scored), wording [V] [S32a]. The reference gives only the
 * LOINC answer code of "Extremely difficult" (LA6574-3); the others are left uncoded rather than guessed.
 */
export function difficultyOptions(withLoinc: boolean): readonly AnswerOption[] {
  return [
    { value: 0, label: 'Not difficult at all' },
    { value: 1, label: 'Somewhat difficult' },
    { value: 2, label: 'Very difficult' },
    withLoinc ? { value: 3, label: 'Extremely difficult', loinc: { code: 'LA6574-3', status: 'V' } } : { value: 3, label: 'Extremely difficult' },
  ];
}

/** Yes/no options; "no" scores 0 so that a risk rule "value > 0" reads as "answered yes". */
export const YES_NO_OPTIONS: readonly AnswerOption[] = [
  { value: 0, label: 'No' },
  { value: 1, label: 'Yes' },
];

/**
 * Neutral numeric options for instruments whose option wording we do not ship: the label says only the
 * score, so nobody mistakes it for the validated text.
 */
export function neutralScoreOptions(min: number, max: number): readonly AnswerOption[] {
  const options: AnswerOption[] = [];
  for (let value = min; value <= max; value += 1) options.push({ value, label: `Score ${value}` });
  return options;
}

/** Item ids "1".."n", the contiguous 1-based positions every definition uses. */
export function itemIds(count: number): readonly string[] {
  return Array.from({ length: count }, (_, index) => String(index + 1));
}
