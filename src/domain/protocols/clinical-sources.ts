/**
 * Citations into the project's clinical reference (shared/docs/clinical-reference.md).
 *
 * Clinical software must never invent clinical rules, so every protocol step, phase range, rule and
 * strategy in the domain carries one of these citations as data (and a matching comment in the code).
 * The UI can show where a rule comes from, and tests can check that nothing ships without a source.
 */

/**
 * How far a fact was checked, using the reference's own tags. `[U]` (not checked) is left out on
 * purpose: the reference says such items must not be hard-coded, so the type makes that impossible.
 */
export const EvidenceStatus = {
  /** [V] checked against the cited source. */
  verified: 'V',
  /** [P] partly checked: a secondary source, sources disagree, or inferred from an implementation. */
  partial: 'P',
  /** [D] a design choice of this project or of the reference, not from a published form. */
  design: 'D',
} as const;
export type EvidenceStatus = (typeof EvidenceStatus)[keyof typeof EvidenceStatus];

/**
 * The source keys of the reference list. A closed list, so a typo in a citation fails to compile
 * instead of pointing to nothing.
 */
export const SOURCE_KEYS = [
  'S1', 'S2', 'S3', 'S4', 'S5a', 'S5b', 'S6', 'S6b', 'S7', 'S8', 'S8b', 'S9', 'S10', 'S11', 'S12', 'S13',
  'S14', 'S15', 'S16', 'S17', 'S18', 'S19a', 'S19b', 'S20', 'S21', 'S22a', 'S22b', 'S22c', 'S22d', 'S22e',
  'S23a', 'S23b', 'S24', 'S25a', 'S25b', 'S25c', 'S26a', 'S26b', 'S26c', 'S26d', 'S27', 'S28a', 'S28b',
  'S28c', 'S29a', 'S29b', 'S30', 'S31', 'S32a', 'S32c', 'S32d', 'S33', 'S34', 'S35', 'S36a', 'S36c',
  'S37a', 'S37b', 'S37c', 'S37d', 'S37e', 'S37f', 'S37g', 'S38a', 'S38b', 'S39', 'S40', 'S41', 'S42',
  'S43a', 'S43b', 'S44', 'S45a', 'S45b', 'S45c', 'S46', 'S47', 'S48a', 'S48b', 'S49a', 'S50', 'S51',
  'S52a', 'S52b', 'S52d', 'S52e', 'S52f', 'S52g', 'S53',
] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];

/**
 * Where a piece of clinical content comes from. `section` points into the clinical reference
 * (e.g. `§1.2`); `note` says how a fact was adapted when the status is `D`.
 */
export interface SourceCitation {
  readonly status: EvidenceStatus;
  readonly keys: readonly SourceKey[];
  readonly section: string;
  readonly note?: string;
}

/**
 * Builds a citation. A short helper so that protocol data reads like the reference's own tags:
 * `cite('V', ['S2', 'S4'], '§1.2')`.
 */
export function cite(status: EvidenceStatus, keys: readonly SourceKey[], section: string, note?: string): SourceCitation {
  return note === undefined ? { status, keys, section } : { status, keys, section, note };
}

/** Renders a citation the way the reference writes it, e.g. `[V] [S2][S4] §1.2`, for docs and UI tooltips. */
export function formatCitation(source: SourceCitation): string {
  const keys = source.keys.map((key) => `[${key}]`).join('');
  return [`[${source.status}]`, keys, source.section].filter((part) => part.length > 0).join(' ');
}
