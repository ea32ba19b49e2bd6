/**
 * The agreed focus of treatment (one problem area, at most two) and its validation.
 *
 * Validated in the domain so that the API, the formulation draft and the middle-phase workspace all
 * rely on the same rule: a focus names its area(s), and a role dispute says with whom and at what stage,
 * because the stage decides the strategy ([V] [S8] clinical-reference §2.1).
 */
import { DomainError } from '../errors';
import type { FieldError } from '../errors';
import { DISPUTE_STAGES, FOCUS_RULE, PROBLEM_AREAS } from './problem-areas';
import type { DisputeStage, ProblemArea } from './problem-areas';

/** One area of a focus as it arrives from the outside (unchecked strings). */
export interface FocusAreaInput {
  readonly area: string;
  /** Role dispute: the other person (name or role, e.g. "Sam (partner)"). Required for a dispute. */
  readonly otherParty?: string;
  /** Role dispute: the stage. Required for a dispute. */
  readonly stage?: string;
  /** Grief: the person who died, as the client names them. */
  readonly person?: string;
  /** Role transition: the change, in the client's words (e.g. "losing your job"). */
  readonly change?: string;
}

/** One area of a validated focus. */
export interface FocusArea {
  readonly area: ProblemArea;
  readonly otherParty?: string;
  readonly stage?: DisputeStage;
  readonly person?: string;
  readonly change?: string;
}

const MAX_TEXT = 200;

function isProblemArea(value: string): value is ProblemArea {
  return Object.hasOwn(PROBLEM_AREAS, value);
}

function isDisputeStage(value: string): value is DisputeStage {
  return Object.hasOwn(DISPUTE_STAGES, value);
}

function cleanText(value: unknown, field: string, errors: FieldError[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    errors.push({ field, message: 'Write this as text.' });
    return undefined;
  }
  const text = value.trim();
  if (text.length > MAX_TEXT) errors.push({ field, message: `Keep this under ${MAX_TEXT} characters.` });
  return text.length > 0 ? text : undefined;
}

/**
 * Checks a focus: one or two distinct problem areas ([V] [S5a] §2 one area; [D] at most two), and for a
 * role dispute the other party and the stage. Returns the focus with trimmed texts. Throws
 * DomainError('validation') listing every problem by field (`areas`, `areas.<i>.area`,
 * `areas.<i>.otherParty`, `areas.<i>.stage`, …).
 */
export function validateFocus(areas: readonly FocusAreaInput[]): readonly FocusArea[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(areas) || areas.length < FOCUS_RULE.preferredAreas) {
    errors.push({ field: 'areas', message: 'Choose a problem area.' });
  } else if (areas.length > FOCUS_RULE.maxAreas) {
    errors.push({ field: 'areas', message: `Choose at most ${FOCUS_RULE.maxAreas} problem areas; one is best.` });
  }

  const focus: FocusArea[] = [];
  const seen = new Set<string>();
  (Array.isArray(areas) ? areas : []).forEach((input, index) => {
    const at = `areas.${index}`;
    const area = typeof input?.area === 'string' ? input.area : '';
    if (!isProblemArea(area)) {
      errors.push({ field: `${at}.area`, message: 'Choose grief, role dispute, role transition or interpersonal deficits.' });
      return;
    }
    if (seen.has(area)) {
      errors.push({ field: `${at}.area`, message: 'This problem area is already chosen.' });
      return;
    }
    seen.add(area);
    const otherParty = cleanText(input.otherParty, `${at}.otherParty`, errors);
    const person = cleanText(input.person, `${at}.person`, errors);
    const change = cleanText(input.change, `${at}.change`, errors);
    let stage: DisputeStage | undefined;
    if (area === 'role-dispute') {
      if (otherParty === undefined) errors.push({ field: `${at}.otherParty`, message: 'Say who the dispute is with.' });
      if (typeof input.stage === 'string' && isDisputeStage(input.stage)) stage = input.stage;
      else errors.push({ field: `${at}.stage`, message: 'Choose the stage of the dispute: renegotiation, impasse or dissolution.' });
    }
    focus.push({
      area,
      ...(otherParty !== undefined ? { otherParty } : {}),
      ...(stage !== undefined ? { stage } : {}),
      ...(person !== undefined ? { person } : {}),
      ...(change !== undefined ? { change } : {}),
    });
  });

  const first = errors[0];
  if (first !== undefined) {
    throw new DomainError('validation', errors.length === 1 ? first.message : 'The focus needs some corrections.', { field: first.field, errors });
  }
  return focus;
}
