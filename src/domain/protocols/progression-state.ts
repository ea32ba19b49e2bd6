/**
 * What progression needs to know about an episode of care, and its validation.
 *
 * The server assembles this from stored sessions, formulation, measures and tasks; the domain only reads
 * it. Kept in its own module so that the state shape can be shared by planning, phase changes and tests.
 */
import { DomainError } from '../errors';
import { assertContractedSessions } from './phase-plan';
import type { PhaseLengths } from './phase-plan';
import type { PhaseId, Protocol } from './protocol-definition';

/** The state of one episode under a protocol, as far as progression needs it. */
export interface ProgressionState {
  /** The number of sessions in the current treatment contract. */
  readonly contractedSessions: number;
  /** Sessions attended so far (missed appointments do not count). */
  readonly sessionsHeld: number;
  /** The phase the clinician has recorded as current (for a new episode: the protocol's first phase). */
  readonly currentPhase: PhaseId;
  /** Sessions held since the current phase started; when left out, the plan's ranges are used instead. */
  readonly sessionsHeldInCurrentPhase?: number;
  /** The client has explicitly agreed the formulation (the focus). */
  readonly formulationAgreed: boolean;
  /** The ending of treatment has been raised with the client. */
  readonly terminationDiscussed: boolean;
  /** For each instrument id, the session number at which it was last given. */
  readonly lastMeasureSessionByInstrument?: Readonly<Record<string, number>>;
  /** Things the client agreed to try that have not been talked through yet. */
  readonly unreviewedTasks?: number;
  /** A risk answer (e.g. PHQ-9 item 9 above 0) is open and not yet reviewed. */
  readonly openRiskFlag?: boolean;
  /** IPT-A: the agreed focus involves a parent, so a joint session may help. */
  readonly focusInvolvesParent?: boolean;
  /** Agreed phase lengths replacing the protocol defaults (the phase overrides of the contract). */
  readonly phaseLengths?: PhaseLengths;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Checks a state against a protocol and throws DomainError('validation') naming the first bad field.
 * Phase lengths are checked when the plan is resolved.
 */
export function validateProgressionState(protocol: Protocol, state: ProgressionState): void {
  assertContractedSessions(protocol, state.contractedSessions);
  if (!isCount(state.sessionsHeld)) {
    throw new DomainError('validation', 'Sessions held is a whole number of 0 or more.', { field: 'sessionsHeld' });
  }
  if (!protocol.phases.some((phase) => phase.id === state.currentPhase)) {
    throw new DomainError('validation', `${protocol.shortName} has no phase called "${state.currentPhase}".`, { field: 'currentPhase' });
  }
  if (state.sessionsHeldInCurrentPhase !== undefined && (!isCount(state.sessionsHeldInCurrentPhase) || state.sessionsHeldInCurrentPhase > state.sessionsHeld)) {
    throw new DomainError('validation', 'Sessions held in the current phase is a whole number no larger than the sessions held.', { field: 'sessionsHeldInCurrentPhase' });
  }
  if (typeof state.formulationAgreed !== 'boolean') {
    throw new DomainError('validation', 'Say whether the formulation has been agreed.', { field: 'formulationAgreed' });
  }
  if (typeof state.terminationDiscussed !== 'boolean') {
    throw new DomainError('validation', 'Say whether the ending has been discussed.', { field: 'terminationDiscussed' });
  }
  if (state.unreviewedTasks !== undefined && !isCount(state.unreviewedTasks)) {
    throw new DomainError('validation', 'Unreviewed tasks is a whole number of 0 or more.', { field: 'unreviewedTasks' });
  }
  for (const [instrumentId, session] of Object.entries(state.lastMeasureSessionByInstrument ?? {})) {
    if (!Number.isInteger(session) || session < 1 || session > state.sessionsHeld) {
      throw new DomainError('validation', 'A measure can only have been given at a session that was held.', { field: `lastMeasureSessionByInstrument.${instrumentId}` });
    }
  }
}

/** The position of a phase in the protocol's treatment order (-1 when absent). */
export function phaseIndex(protocol: Protocol, phaseId: PhaseId): number {
  return protocol.phases.findIndex((phase) => phase.id === phaseId);
}
