/**
 * What comes after the acute course: the choices the clinician and client make at the end, and the
 * rules that check the choice against the outcome.
 * [V] [S5b][S12][S25a] clinical-reference §5: non-responders are offered an alternative effective
 * treatment; responders are offered a continuation or maintenance contract (for example monthly IPT-M).
 */
import { DomainError } from '../errors';
import type { ProgressReview } from './progress-review';

export const NEXT_STEP_KINDS = ['end', 'maintenance', 'continuation', 'referral'] as const;
export type NextStepKind = (typeof NEXT_STEP_KINDS)[number];

export interface NextStepChoice {
  kind: NextStepKind;
  /** Why this step (required for a referral: where to and why). */
  reason: string | null;
  /** For a client who did not respond: the alternative treatment that was offered. */
  alternativeOffered: string | null;
  /** Why the rule for non-responders does not apply (kept with the record). */
  overrideReason: string | null;
}

export interface NextStepOption {
  kind: NextStepKind;
  recommended: boolean;
  why: string;
}

/** The options to offer for this outcome, the recommended ones first. */
export function nextStepOptions(responder: ProgressReview['responder']): NextStepOption[] {
  const options: NextStepOption[] = [
    // [V] [S5b][S12][S25a] §5: responders are offered continuation or maintenance.
    { kind: 'maintenance', recommended: responder === 'responder', why: 'Monthly maintenance sessions help people who got better stay well.' },
    { kind: 'continuation', recommended: responder === 'responder', why: 'A further contract of sessions to consolidate the gains.' },
    // [V] [S5b][S12] §5: non-responders are offered an alternative effective treatment.
    { kind: 'referral', recommended: responder === 'non-responder', why: 'Another effective treatment or service, with the reason for the referral.' },
    { kind: 'end', recommended: false, why: 'Treatment ends here; the relapse-prevention plan says when and how to come back.' },
  ];
  return [...options.filter((o) => o.recommended), ...options.filter((o) => !o.recommended)];
}

/**
 * Checks a chosen next step. A referral needs its reason. Ending treatment for a client who did not
 * respond needs the alternative offered to be recorded, or a reason to set the rule aside.
 * Throws a validation DomainError naming the field.
 */
export function checkNextStep(choice: NextStepChoice, responder: ProgressReview['responder']): void {
  if (choice.kind === 'referral' && !choice.reason) {
    throw new DomainError('validation', 'a referral needs its reason (where to and why)', { field: 'nextStep.reason' });
  }
  // [V] [S5b][S12] §5: non-responders must be offered an alternative.
  if (choice.kind === 'end' && responder === 'non-responder' && !choice.alternativeOffered && !choice.overrideReason) {
    throw new DomainError('validation', 'the client did not respond: record the alternative treatment offered, or a reason why not', { field: 'nextStep.alternativeOffered' });
  }
}
