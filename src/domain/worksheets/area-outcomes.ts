/**
 * Problem-area outcomes per session, charted beside the symptom scores: how the problem area itself
 * is moving, not only the mood. All of these ratings are this project's proposal ([D]); no published
 * scale is implied. Every area has the workspace's progress rating (0–10); each area adds its own:
 * a dispute its stage and whether the two sides' expectations came closer, a transition an
 * adjustment rating, grief a mourning-progress rating, deficits the number and quality of contacts.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import type { FieldError } from '../errors';
import { DISPUTE_STAGES, PROBLEM_AREAS } from '../formulation/problem-areas';
import type { DisputeStage, ProblemArea } from '../formulation/problem-areas';
import { cite } from '../protocols/clinical-sources';
import type { SourceCitation } from '../protocols/clinical-sources';
import { rating0to10 } from './fields';

/** "Are the expectations closer?" for a role dispute. */
export const EXPECTATIONS_CLOSER = ['yes', 'partly', 'no'] as const;
export type ExpectationsCloser = (typeof EXPECTATIONS_CLOSER)[number];

/** The largest number of contacts one session can record (a cap against typing errors). */
export const MAX_CONTACTS = 100;

/** One session's outcome as it arrives (every field optional; which ones apply depends on the area). */
export const AreaOutcomeInput = z.strictObject({
  progress: rating0to10.nullable().optional(),
  stage: z.enum(['renegotiation', 'impasse', 'dissolution']).nullable().optional(),
  expectationsCloser: z.enum(EXPECTATIONS_CLOSER).nullable().optional(),
  adjustment: rating0to10.nullable().optional(),
  mourning: rating0to10.nullable().optional(),
  contacts: z.number().int({ message: 'must be a whole number' }).min(0).max(MAX_CONTACTS, { message: `must be at most ${MAX_CONTACTS}` }).nullable().optional(),
  contactQuality: rating0to10.nullable().optional(),
});
export type AreaOutcomeInput = z.infer<typeof AreaOutcomeInput>;

/** A session's outcome as stored: every field present, null where not recorded. */
export interface AreaOutcome {
  readonly progress: number | null;
  readonly stage: DisputeStage | null;
  readonly expectationsCloser: ExpectationsCloser | null;
  readonly adjustment: number | null;
  readonly mourning: number | null;
  readonly contacts: number | null;
  readonly contactQuality: number | null;
}
type OutcomeField = keyof AreaOutcome;

/** One charted measure of an area: what it is called and its scale. */
export interface OutcomeMeasure {
  readonly id: OutcomeField;
  readonly label: string;
  readonly scale: { readonly kind: 'rating'; readonly min: 0; readonly max: 10 } | { readonly kind: 'count'; readonly min: 0; readonly max: number } | { readonly kind: 'category'; readonly values: readonly string[] };
}

const rating = { kind: 'rating', min: 0, max: 10 } as const;
const progress: OutcomeMeasure = { id: 'progress', label: 'Progress on the problem area (0–10)', scale: rating };

/** The measures each area records, in chart order. */
export const AREA_OUTCOME_MEASURES: Readonly<Record<ProblemArea, readonly OutcomeMeasure[]>> = {
  'role-dispute': [
    progress,
    { id: 'stage', label: 'Stage of the dispute', scale: { kind: 'category', values: Object.keys(DISPUTE_STAGES) } },
    { id: 'expectationsCloser', label: 'Expectations closer?', scale: { kind: 'category', values: EXPECTATIONS_CLOSER } },
  ],
  'role-transition': [progress, { id: 'adjustment', label: 'Adjustment to the new role (0–10)', scale: rating }],
  grief: [progress, { id: 'mourning', label: 'Progress in mourning (0–10)', scale: rating }],
  'interpersonal-deficits': [
    progress,
    { id: 'contacts', label: 'Contacts since the last session', scale: { kind: 'count', min: 0, max: MAX_CONTACTS } },
    { id: 'contactQuality', label: 'Quality of those contacts (0–10)', scale: rating },
  ],
};

/** These ratings are ours, not a published scale. */
export const AREA_OUTCOME_SOURCE: SourceCitation = cite('D', ['S1'], '§2', 'Per-area outcome ratings are a design proposal (§11.10); they are not a validated measure.');

const ALL_FIELDS: readonly OutcomeField[] = ['progress', 'stage', 'expectationsCloser', 'adjustment', 'mourning', 'contacts', 'contactQuality'];

/**
 * Checks one session's outcome for a workspace's area: a field of another area is refused by name
 * (e.g. `mourning` on a role dispute), and at least one value must be given. Answers every field,
 * null where not recorded.
 */
export function validateAreaOutcome(area: ProblemArea, input: AreaOutcomeInput): AreaOutcome {
  const allowed = new Set<OutcomeField>(AREA_OUTCOME_MEASURES[area].map((m) => m.id));
  const errors: FieldError[] = [];
  for (const field of ALL_FIELDS) {
    const value = input[field];
    if (value !== undefined && value !== null && !allowed.has(field)) {
      errors.push({ field, message: `is not recorded for ${PROBLEM_AREAS[area].label.toLowerCase()}` });
    }
  }
  const given = ALL_FIELDS.filter((field) => allowed.has(field) && input[field] !== undefined && input[field] !== null);
  if (errors.length === 0 && given.length === 0) {
    errors.push({ field: 'progress', message: `record at least one of: ${[...allowed].join(', ')}` });
  }
  const first = errors[0];
  if (first !== undefined) throw new DomainError('validation', `${first.field}: ${first.message}`, { field: first.field, errors });
  const pick = <K extends OutcomeField>(field: K): AreaOutcome[K] => (allowed.has(field) ? ((input[field] ?? null) as AreaOutcome[K]) : null);
  return {
    progress: pick('progress'), stage: pick('stage'), expectationsCloser: pick('expectationsCloser'), adjustment: pick('adjustment'),
    mourning: pick('mourning'), contacts: pick('contacts'), contactQuality: pick('contactQuality'),
  };
}
