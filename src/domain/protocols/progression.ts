/**
 * Protocol progression: what the next session should hold, and whether a phase change is safe.
 *
 * Pure functions over a protocol (data) and the episode's state, so that the server, the web app's
 * preview and the tests all reach the same answer. The engine warns and guards; it never decides for the
 * clinician, who may override a guard by giving a reason that is kept with the change.
 */
import { DomainError } from '../errors';
import { cite } from './clinical-sources';
import type { SourceCitation } from './clinical-sources';
import { measuresDue } from './measure-schedule';
import type { MeasureDue } from './measure-schedule';
import { phaseOfSession, resolvePhasePlan } from './phase-plan';
import type { PhaseRange } from './phase-plan';
import { phaseIndex, validateProgressionState } from './progression-state';
import type { ProgressionState } from './progression-state';
import type { AgendaCondition, PhaseId, Protocol } from './protocol-definition';
import { selectAgenda } from './session-agenda';
import type { DueAgendaItem } from './session-agenda';
import { protocolKey } from './registry';

/** How strongly the UI should present a warning. `alert` interrupts; `info` is a quiet note. */
export const WarningSeverity = { info: 'info', warning: 'warning', alert: 'alert' } as const;
export type WarningSeverity = (typeof WarningSeverity)[keyof typeof WarningSeverity];

/** Warning codes, stable for the UI, reports and tests. */
export const ProgressionWarningCode = {
  openRiskFlag: 'open-risk-flag',
  beyondContract: 'beyond-contract',
  noFormulationByEndOfInitial: 'no-formulation-by-end-of-initial',
  terminationNotRaised: 'termination-not-raised',
  measureOverdue: 'measure-overdue',
  phaseBehindPlan: 'phase-behind-plan',
} as const;
export type ProgressionWarningCode = (typeof ProgressionWarningCode)[keyof typeof ProgressionWarningCode];

export interface ProgressionWarning {
  readonly code: ProgressionWarningCode;
  readonly message: string;
  readonly severity: WarningSeverity;
  readonly source: SourceCitation;
  /** Set on `measure-overdue`. */
  readonly instrumentId?: string;
}

/** Reasons a phase change needs a second thought. Each can be overridden with a reason except `same-phase`. */
export const PhaseGuardCode = {
  samePhase: 'same-phase',
  backwards: 'backwards',
  skipsPhase: 'skips-phase',
  phaseNotHeld: 'phase-not-held',
  formulationNotAgreed: 'formulation-not-agreed',
  terminationNotRaised: 'termination-not-raised',
  endsEarly: 'ends-early',
  endingTooShort: 'ending-too-short',
} as const;
export type PhaseGuardCode = (typeof PhaseGuardCode)[keyof typeof PhaseGuardCode];

export interface PhaseGuard {
  readonly code: PhaseGuardCode;
  readonly message: string;
}

export interface PhaseChangeCheck {
  readonly allowed: boolean;
  readonly guards: readonly PhaseGuard[];
}

/** The plan for the next session. */
export interface SessionPlan {
  readonly protocolKey: string;
  readonly nextSessionNumber: number;
  /** Contracted sessions not yet held, including the next one (0 once the contract is used up). */
  readonly sessionsLeft: number;
  /** The phase the protocol expects the next session to be in. */
  readonly phaseForNextSession: PhaseId;
  /** The phase whose agenda is given: the expected phase when the move there is unguarded, else the current one. */
  readonly agendaPhase: PhaseId;
  readonly plan: readonly PhaseRange[];
  readonly agendaItems: readonly DueAgendaItem[];
  readonly measuresDue: readonly MeasureDue[];
  readonly warnings: readonly ProgressionWarning[];
  /** True when the expected phase differs from the current one and the move has no guards. */
  readonly canChangePhase: boolean;
  /** Why the move to the expected phase is guarded (empty when no move is due or it is unguarded). */
  readonly phaseChangeGuards: readonly PhaseGuard[];
}

/** The record of a phase change, kept with the episode (the caller adds who and when). */
export interface PhaseChangeRecord {
  readonly protocolKey: string;
  readonly from: PhaseId;
  readonly to: PhaseId;
  /** The first session held in the new phase. */
  readonly atSession: number;
  readonly overriddenGuards: readonly PhaseGuardCode[];
  readonly reason: string | null;
}

// [V] [S38a][S37e][S48a] §8: risk triggers need same-session review.
const riskSource = cite('V', ['S38a', 'S37e', 'S48a'], '§8');
// [V] [S1][S11] §4.6: the number of sessions is fixed at the start; any change is renegotiated explicitly.
const contractSource = cite('V', ['S1', 'S11'], '§4.6');
// [V] [S2][S3][S4] §1.2: a depression scale is repeated regularly.
const measureSource = cite('V', ['S2', 'S3', 'S4'], '§1.2');

const MAX_REASON_LENGTH = 2000;

function phaseLabel(protocol: Protocol, id: PhaseId): string {
  return protocol.phases.find((phase) => phase.id === id)?.label ?? id;
}

function rangeOf(plan: readonly PhaseRange[], id: PhaseId): PhaseRange | undefined {
  return plan.find((range) => range.phaseId === id);
}

/** True when at least one session of the current phase has been held. */
function currentPhaseHeld(state: ProgressionState, plan: readonly PhaseRange[]): boolean {
  if (state.sessionsHeldInCurrentPhase !== undefined) return state.sessionsHeldInCurrentPhase > 0;
  const range = rangeOf(plan, state.currentPhase);
  return range !== undefined && state.sessionsHeld >= range.first;
}

function guardsFor(protocol: Protocol, state: ProgressionState, plan: readonly PhaseRange[], target: PhaseId): PhaseGuard[] {
  const from = phaseIndex(protocol, state.currentPhase);
  const to = phaseIndex(protocol, target);
  const targetLabel = phaseLabel(protocol, target).toLowerCase();
  const currentLabel = phaseLabel(protocol, state.currentPhase).toLowerCase();
  if (to === from) {
    return [{ code: 'same-phase', message: `The client is already in the ${targetLabel} phase.` }];
  }
  if (to < from) {
    return [{ code: 'backwards', message: `Going back to the ${targetLabel} phase reverses the plan. Give a reason, for example that the focus needs to be agreed again.` }];
  }
  const guards: PhaseGuard[] = [];
  if (to > from + 1) {
    const skipped = protocol.phases.slice(from + 1, to).map((phase) => phase.label.toLowerCase()).join(', ');
    guards.push({ code: 'skips-phase', message: `Moving straight to the ${targetLabel} phase skips the ${skipped} phase.` });
  }
  if (!currentPhaseHeld(state, plan)) {
    guards.push({ code: 'phase-not-held', message: `No session of the ${currentLabel} phase has been held yet, so moving on would skip it.` });
  }
  const gate = protocol.rules.formulationBefore;
  if (gate !== null && !state.formulationAgreed) {
    const gateIndex = phaseIndex(protocol, gate.phase);
    if (from < gateIndex && to >= gateIndex) {
      guards.push({ code: 'formulation-not-agreed', message: 'The client has not yet agreed the focus. The work on the problem area starts only after they agree.' });
    }
  }
  const targetPhase = protocol.phases[to];
  if (targetPhase?.id === 'termination' && protocol.rules.endingNotice !== null && !state.terminationDiscussed) {
    guards.push({ code: 'termination-not-raised', message: 'The ending has not been talked about with the client yet. Raise it openly before the ending phase starts.' });
  }
  if (targetPhase?.sessions.kind === 'last') {
    const remaining = state.contractedSessions - state.sessionsHeld;
    const { min, max } = targetPhase.sessions.length;
    if (remaining > max) {
      guards.push({ code: 'ends-early', message: `Starting the ${targetLabel} phase now leaves ${remaining} sessions for it, more than the ${max} the protocol plans. Ending early changes the contract: agree it with the client.` });
    } else if (remaining < min) {
      guards.push({ code: 'ending-too-short', message: `Only ${Math.max(remaining, 0)} contracted session(s) remain for the ${targetLabel} phase; the protocol plans at least ${min}.` });
    }
  }
  return guards;
}

function conditionsFor(state: ProgressionState, due: readonly MeasureDue[]): Set<AgendaCondition> {
  const conditions = new Set<AgendaCondition>();
  if (state.openRiskFlag === true) conditions.add('risk-flag-open');
  if (due.length > 0) conditions.add('measure-due');
  if ((state.unreviewedTasks ?? 0) > 0) conditions.add('tasks-to-review');
  if (!state.formulationAgreed) conditions.add('formulation-not-agreed');
  if (!state.terminationDiscussed) conditions.add('termination-not-discussed');
  if (state.focusInvolvesParent === true) conditions.add('focus-involves-parent');
  return conditions;
}

function warningsFor(protocol: Protocol, state: ProgressionState, plan: readonly PhaseRange[], next: number, expected: PhaseId, due: readonly MeasureDue[], canChangePhase: boolean): ProgressionWarning[] {
  const warnings: ProgressionWarning[] = [];
  const contracted = state.contractedSessions;
  if (state.openRiskFlag === true) {
    warnings.push({ code: 'open-risk-flag', severity: 'alert', source: riskSource, message: 'A risk answer is open. Check safety at the start of the session and speak to your supervisor today.' });
  }
  if (state.sessionsHeld >= contracted) {
    warnings.push({ code: 'beyond-contract', severity: 'warning', source: contractSource, message: `All ${contracted} contracted sessions have been held. Another session changes the contract: agree it openly with the client and your supervisor, or end treatment.` });
  }
  const gate = protocol.rules.formulationBefore;
  if (gate !== null && !state.formulationAgreed) {
    const before = protocol.phases[phaseIndex(protocol, gate.phase) - 1];
    const range = before === undefined ? undefined : rangeOf(plan, before.id);
    if (before !== undefined && range !== undefined && state.sessionsHeld >= range.last) {
      warnings.push({ code: 'no-formulation-by-end-of-initial', severity: 'warning', source: gate.source, message: `The ${before.label.toLowerCase()} phase has ended but the client has not agreed the focus. Agree it before working on a problem area.` });
    }
  }
  const notice = protocol.rules.endingNotice;
  if (notice !== null && !state.terminationDiscussed && next <= contracted && contracted - next <= notice.latest) {
    const left = contracted - next + 1;
    warnings.push({ code: 'termination-not-raised', severity: 'warning', source: notice.source, message: `Only ${left} session${left === 1 ? '' : 's'} left, including this one, and the ending has not been raised. Talk about it this session.` });
  }
  for (const measure of due) {
    if (measure.overdue) {
      warnings.push({ code: 'measure-overdue', severity: 'warning', source: protocol.measureSchedule.find((entry) => entry.instrumentId === measure.instrumentId)?.source ?? measureSource, instrumentId: measure.instrumentId, message: measure.lastGivenAtSession === undefined ? `The ${measure.instrumentId.toUpperCase()} has not been given yet. Give it this session.` : `The ${measure.instrumentId.toUpperCase()} was last given at session ${measure.lastGivenAtSession} and is overdue.` });
    }
  }
  // Only when the move is guarded: an unguarded move is simply made at the start of the session.
  if (!canChangePhase && phaseIndex(protocol, state.currentPhase) < phaseIndex(protocol, expected)) {
    const phase = protocol.phases.find((candidate) => candidate.id === expected);
    const range = rangeOf(plan, expected);
    if (phase !== undefined && range !== undefined) {
      warnings.push({ code: 'phase-behind-plan', severity: 'info', source: phase.sessions.source, message: `The plan has the ${phase.label.toLowerCase()} phase from session ${range.first}; this client is still in the ${phaseLabel(protocol, state.currentPhase).toLowerCase()} phase.` });
    }
  }
  return warnings;
}

/**
 * Plans the next session: its number, the phase the protocol expects, the agenda items due (filtered by
 * `appliesTo`), the measures due, warnings, and whether the move to the expected phase can be made.
 * Throws DomainError('validation') for a state the protocol cannot hold (e.g. an unknown phase or a
 * contracted count outside the protocol's range).
 */
export function planNextSession(protocol: Protocol, state: ProgressionState): SessionPlan {
  validateProgressionState(protocol, state);
  const plan = resolvePhasePlan(protocol, state.contractedSessions, state.phaseLengths);
  const next = state.sessionsHeld + 1;
  const expected = phaseOfSession(plan, next).phaseId;
  const due = measuresDue(protocol.measureSchedule, next, state.lastMeasureSessionByInstrument);

  const moveDue = phaseIndex(protocol, expected) > phaseIndex(protocol, state.currentPhase);
  const phaseChangeGuards = moveDue ? guardsFor(protocol, state, plan, expected) : [];
  const canChangePhase = moveDue && phaseChangeGuards.length === 0;
  const agendaPhase = canChangePhase ? expected : state.currentPhase;
  const agendaRange = rangeOf(plan, agendaPhase) ?? phaseOfSession(plan, next);
  const firstOfPhase = agendaPhase !== state.currentPhase
    ? true
    : state.sessionsHeldInCurrentPhase !== undefined ? state.sessionsHeldInCurrentPhase === 0 : next === agendaRange.first;

  const agendaItems = selectAgenda(protocol, {
    sessionNumber: next,
    contractedSessions: state.contractedSessions,
    phase: agendaRange,
    firstOfPhase,
    conditions: conditionsFor(state, due),
  });

  return {
    protocolKey: protocolKey(protocol),
    nextSessionNumber: next,
    sessionsLeft: Math.max(state.contractedSessions - state.sessionsHeld, 0),
    phaseForNextSession: expected,
    agendaPhase,
    plan,
    agendaItems,
    measuresDue: due,
    warnings: warningsFor(protocol, state, plan, next, expected, due, canChangePhase),
    canChangePhase,
    phaseChangeGuards,
  };
}

function assertTarget(protocol: Protocol, target: PhaseId): void {
  if (!protocol.phases.some((phase) => phase.id === target)) {
    throw new DomainError('validation', `${protocol.shortName} has no phase called "${target}".`, { field: 'targetPhase' });
  }
}

/**
 * Whether moving the episode to `target` before the next session is in line with the protocol. Guards:
 * going backwards, skipping a phase, leaving a phase with no session held, starting the middle phase
 * without an agreed focus ([V] [S3][S4] §4.5), starting the ending before it was raised ([V] [S11] §5),
 * and an ending phase longer or shorter than the protocol allows (a contract change, [V] [S1][S11] §4.6).
 */
export function checkPhaseChange(protocol: Protocol, state: ProgressionState, target: PhaseId): PhaseChangeCheck {
  validateProgressionState(protocol, state);
  assertTarget(protocol, target);
  const plan = resolvePhasePlan(protocol, state.contractedSessions, state.phaseLengths);
  const guards = guardsFor(protocol, state, plan, target);
  return { allowed: guards.length === 0, guards };
}

/**
 * Records a phase change. When guards apply, the change goes ahead only with an override carrying a
 * non-empty reason, and the record lists the guards that were overridden. Throws
 * DomainError('validation', …, { field: 'reason' }) when a reason is needed and missing, and
 * DomainError('validation', …, { field: 'targetPhase' }) for an unknown or unchanged phase.
 */
export function applyPhaseChange(protocol: Protocol, state: ProgressionState, target: PhaseId, override?: { reason: string }): PhaseChangeRecord {
  const { guards } = checkPhaseChange(protocol, state, target);
  if (guards.some((guard) => guard.code === 'same-phase')) {
    throw new DomainError('validation', `The client is already in the ${phaseLabel(protocol, target).toLowerCase()} phase.`, { field: 'targetPhase' });
  }
  const reason = typeof override?.reason === 'string' ? override.reason.trim() : '';
  if (reason.length > MAX_REASON_LENGTH) {
    throw new DomainError('validation', `Keep the reason under ${MAX_REASON_LENGTH} characters.`, { field: 'reason' });
  }
  if (guards.length > 0 && reason.length === 0) {
    throw new DomainError('validation', `This phase change needs a reason: ${guards.map((guard) => guard.message).join(' ')}`, {
      field: 'reason',
      extra: { guards: guards.map((guard) => guard.code) },
    });
  }
  return {
    protocolKey: protocolKey(protocol),
    from: state.currentPhase,
    to: target,
    atSession: state.sessionsHeld + 1,
    overriddenGuards: guards.map((guard) => guard.code),
    reason: reason.length > 0 ? reason : null,
  };
}
