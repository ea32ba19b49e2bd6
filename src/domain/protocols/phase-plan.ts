/**
 * Turns a protocol's phase rules into concrete session numbers for one contracted count.
 *
 * Kept apart from progression so that the contract screen, the session list and the tests can all ask
 * "which sessions are the middle phase for a 14-session contract?" the same way.
 */
import { DomainError } from '../errors';
import type { PhaseId, Protocol } from './protocol-definition';

/** The sessions (1-based, inclusive) that a phase covers in one plan. */
export interface PhaseRange {
  readonly phaseId: PhaseId;
  readonly first: number;
  readonly last: number;
}

/**
 * Agreed phase lengths that replace a protocol's defaults (e.g. an initial phase of 2 sessions instead of
 * 3). Only `first`/`last` phases can be set; the `rest` phase takes what is left.
 */
export type PhaseLengths = Partial<Record<PhaseId, number>>;

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Checks that a contracted count is one the protocol allows; throws a validation error naming `field`. */
export function assertContractedSessions(protocol: Protocol, contractedSessions: number, field = 'contractedSessions'): void {
  const { min, max } = protocol.sessionCount;
  if (!isWholeNumber(contractedSessions) || contractedSessions < min || contractedSessions > max) {
    throw new DomainError('validation', `${protocol.shortName} is contracted for ${min === max ? `${min}` : `${min} to ${max}`} sessions.`, { field });
  }
}

/**
 * The phases of `protocol` as session ranges for `contractedSessions`, in treatment order. Phases cover
 * 1..contractedSessions exactly once. Throws DomainError('validation') when the count or an agreed
 * length is outside the protocol's rules, or when the lengths leave the `rest` phase too short or too long.
 */
export function resolvePhasePlan(protocol: Protocol, contractedSessions: number, lengths: PhaseLengths = {}): readonly PhaseRange[] {
  assertContractedSessions(protocol, contractedSessions);
  const known = new Set(protocol.phases.map((phase) => phase.id));
  for (const key of Object.keys(lengths)) {
    if (!known.has(key as PhaseId)) {
      throw new DomainError('validation', `${protocol.shortName} has no phase called "${key}".`, { field: `phaseLengths.${key}` });
    }
  }

  const lengthOf = new Map<PhaseId, number>();
  let restId: PhaseId | undefined;
  let fixedTotal = 0;
  for (const phase of protocol.phases) {
    const rule = phase.sessions;
    const agreed = lengths[phase.id];
    if (rule.kind === 'rest') {
      restId = phase.id;
      if (agreed !== undefined) {
        throw new DomainError('validation', `The ${phase.label.toLowerCase()} phase takes the sessions left over; set the other phases instead.`, { field: `phaseLengths.${phase.id}` });
      }
      continue;
    }
    const length = agreed ?? rule.length.default;
    if (!isWholeNumber(length) || length < rule.length.min || length > rule.length.max) {
      throw new DomainError('validation', `The ${phase.label.toLowerCase()} phase can last ${rule.length.min === rule.length.max ? `${rule.length.min}` : `${rule.length.min} to ${rule.length.max}`} sessions.`, { field: `phaseLengths.${phase.id}` });
    }
    lengthOf.set(phase.id, length);
    fixedTotal += length;
  }

  if (restId !== undefined) {
    const restPhase = protocol.phases.find((phase) => phase.id === restId);
    const rule = restPhase?.sessions;
    const restLength = contractedSessions - fixedTotal;
    if (rule?.kind === 'rest' && (restLength < rule.min || (rule.max !== undefined && restLength > rule.max))) {
      throw new DomainError('validation', `With ${contractedSessions} sessions and these phase lengths, the ${restPhase?.label.toLowerCase() ?? ''} phase would have ${restLength} sessions, which the protocol does not allow.`, { field: 'phaseLengths' });
    }
    lengthOf.set(restId, restLength);
  } else if (fixedTotal !== contractedSessions) {
    throw new DomainError('validation', `The phase lengths add up to ${fixedTotal} sessions, not ${contractedSessions}.`, { field: 'phaseLengths' });
  }

  const plan: PhaseRange[] = [];
  let next = 1;
  for (const phase of protocol.phases) {
    const length = lengthOf.get(phase.id) ?? 0;
    plan.push({ phaseId: phase.id, first: next, last: next + length - 1 });
    next += length;
  }
  return plan;
}

/**
 * The phase a session number falls in. Sessions after the contracted end belong to the last phase:
 * treatment that runs over is still ending, and progression warns about it separately.
 */
export function phaseOfSession(plan: readonly PhaseRange[], sessionNumber: number): PhaseRange {
  const found = plan.find((range) => sessionNumber >= range.first && sessionNumber <= range.last);
  const fallback = sessionNumber < 1 ? plan[0] : plan[plan.length - 1];
  const range = found ?? fallback;
  if (range === undefined) {
    throw new DomainError('validation', 'The protocol has no phases.', { field: 'protocol' });
  }
  return range;
}
