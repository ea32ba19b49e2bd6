import { describe, expect, it } from 'vitest';
import { DomainError, isDomainError } from '../errors';
import { withMeasureSchedule } from './measure-schedule';
import { applyPhaseChange, checkPhaseChange, planNextSession } from './progression';
import type { SessionPlan } from './progression';
import type { ProgressionState } from './progression-state';
import { getProtocol } from './registry';

const ipt = getProtocol('ipt-acute');
const ipc = getProtocol('ipc');
const ipc3 = getProtocol('ipc-3-session');
const iptA = getProtocol('ipt-a');
const iptB = getProtocol('ipt-b');
const maintenance = getProtocol('ipt-maintenance');
const group = getProtocol('who-group-ipt');

/** A state after `held` sessions with every measure given on time, unless overridden. */
function state(held: number, overrides: Partial<ProgressionState> = {}): ProgressionState {
  return {
    contractedSessions: 12,
    sessionsHeld: held,
    currentPhase: 'initial',
    formulationAgreed: false,
    terminationDiscussed: false,
    lastMeasureSessionByInstrument: held > 0 ? { 'phq-9': held } : {},
    ...overrides,
  };
}

const ids = (plan: SessionPlan): string[] => plan.agendaItems.map((item) => item.id);
const codes = (plan: SessionPlan): string[] => plan.warnings.map((warning) => warning.code);

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('IPT acute, 12 sessions', () => {
  it('plans session 1 in the initial phase with the first-session items and the PHQ-9', () => {
    const plan = planNextSession(ipt, state(0));
    expect(plan).toMatchObject({ nextSessionNumber: 1, sessionsLeft: 12, phaseForNextSession: 'initial', agendaPhase: 'initial', canChangePhase: false, protocolKey: 'ipt-acute@1.0.0' });
    expect(ids(plan)).toEqual([
      'complete-measure', 'explain-treatment-frame', 'take-history', 'give-diagnosis', 'sick-role', 'medication-check',
      'psychoeducation', 'interpersonal-inventory', 'closeness-circle', 'timeline',
    ]);
    expect(plan.measuresDue).toEqual([{ instrumentId: 'phq-9', reason: 'never-given', overdue: false }]);
    expect(plan.warnings).toEqual([]);
  });

  it('asks for the focus and the contract at the last initial session', () => {
    const plan = planNextSession(ipt, state(2));
    expect(plan.phaseForNextSession).toBe('initial');
    expect(ids(plan)).toEqual(expect.arrayContaining(['agree-formulation', 'treatment-contract']));
    expect(ids(plan)).not.toContain('take-history');
  });

  it('warns and guards when the initial phase has ended without an agreed focus', () => {
    const plan = planNextSession(ipt, state(3));
    expect(plan.phaseForNextSession).toBe('middle');
    expect(plan.agendaPhase).toBe('initial');
    expect(plan.canChangePhase).toBe(false);
    expect(plan.phaseChangeGuards.map((guard) => guard.code)).toEqual(['formulation-not-agreed']);
    expect(codes(plan)).toEqual(['no-formulation-by-end-of-initial', 'phase-behind-plan']);
    expect(ids(plan)).toContain('agree-formulation');
  });

  it('moves to the middle phase once the focus is agreed', () => {
    const plan = planNextSession(ipt, state(3, { formulationAgreed: true, unreviewedTasks: 1 }));
    expect(plan).toMatchObject({ phaseForNextSession: 'middle', agendaPhase: 'middle', canChangePhase: true, phaseChangeGuards: [] });
    expect(ids(plan)).toEqual(['complete-measure', 'interval-review', 'review-tasks', 'link-mood-and-events', 'work-on-focus', 'use-a-technique', 'something-to-try']);
    expect(plan.warnings).toEqual([]);
  });

  it('shows "talk about the ending" from 4 sessions before the end and warns from 2 before', () => {
    const middle = { currentPhase: 'middle', formulationAgreed: true } as const;
    expect(ids(planNextSession(ipt, state(6, middle)))).not.toContain('raise-ending');
    const at8 = planNextSession(ipt, state(7, middle));
    expect(ids(at8)).toContain('raise-ending');
    expect(codes(at8)).toEqual([]);
    expect(codes(planNextSession(ipt, state(8, middle)))).toEqual([]);
    const at10 = planNextSession(ipt, state(9, middle));
    expect(codes(at10)).toEqual(['termination-not-raised']);
    expect(at10.warnings[0]?.source.keys).toEqual(['S11']);
    expect(ids(planNextSession(ipt, state(9, { ...middle, terminationDiscussed: true })))).not.toContain('raise-ending');
    expect(codes(planNextSession(ipt, state(9, { ...middle, terminationDiscussed: true })))).toEqual([]);
  });

  it('enters the ending phase at session 11 only when the ending was raised', () => {
    const notRaised = planNextSession(ipt, state(10, { currentPhase: 'middle', formulationAgreed: true }));
    expect(notRaised.phaseForNextSession).toBe('termination');
    expect(notRaised.phaseChangeGuards.map((guard) => guard.code)).toEqual(['termination-not-raised']);
    const raised = planNextSession(ipt, state(10, { currentPhase: 'middle', formulationAgreed: true, terminationDiscussed: true }));
    expect(raised).toMatchObject({ agendaPhase: 'termination', canChangePhase: true });
    expect(ids(raised)).toEqual(['complete-measure', 'feelings-about-ending', 'review-progress', 'review-focus-outcome', 'warning-signs-plan']);
    const last = planNextSession(ipt, state(11, { currentPhase: 'termination', formulationAgreed: true, terminationDiscussed: true }));
    expect(ids(last)).toContain('decide-further-care');
  });

  it('warns beyond the contract and keeps the ending phase', () => {
    const plan = planNextSession(ipt, state(12, { currentPhase: 'termination', formulationAgreed: true, terminationDiscussed: true }));
    expect(plan).toMatchObject({ nextSessionNumber: 13, sessionsLeft: 0, phaseForNextSession: 'termination' });
    expect(codes(plan)).toEqual(['beyond-contract']);
  });

  it('flags an overdue measure and puts the safety check first when a risk flag is open', () => {
    const plan = planNextSession(ipt, state(5, { currentPhase: 'middle', formulationAgreed: true, lastMeasureSessionByInstrument: { 'phq-9': 3 }, openRiskFlag: true }));
    expect(codes(plan)).toEqual(['open-risk-flag', 'measure-overdue']);
    expect(plan.warnings[0]?.severity).toBe('alert');
    expect(plan.warnings[1]).toMatchObject({ instrumentId: 'phq-9', severity: 'warning' });
    expect(ids(plan).slice(0, 2)).toEqual(['safety-check', 'complete-measure']);
    expect(codes(planNextSession(ipt, state(5, { currentPhase: 'middle', formulationAgreed: true, lastMeasureSessionByInstrument: {} })))).toEqual(['measure-overdue']);
  });

  it('follows an organization measure schedule', () => {
    const middle = { currentPhase: 'middle', formulationAgreed: true } as const;
    const everyFourth = withMeasureSchedule(ipt, [{ instrumentId: 'phq-9', every: { sessions: 4 } }]);
    expect(everyFourth.id).toBe('ipt-acute');
    const quiet = planNextSession(everyFourth, state(5, { ...middle, lastMeasureSessionByInstrument: { 'phq-9': 3 } }));
    expect(quiet.measuresDue).toEqual([]);
    expect(ids(quiet)).not.toContain('complete-measure');
    const due = planNextSession(everyFourth, state(6, { ...middle, lastMeasureSessionByInstrument: { 'phq-9': 3 } }));
    expect(due.measuresDue).toEqual([{ instrumentId: 'phq-9', reason: 'interval-reached', lastGivenAtSession: 3, overdue: false }]);
    expect(codes(planNextSession(everyFourth, state(7, { ...middle, lastMeasureSessionByInstrument: { 'phq-9': 3 } })))).toEqual(['measure-overdue']);
    const withGad = withMeasureSchedule(ipt, [{ instrumentId: 'phq-9', every: 'session' }, { instrumentId: 'gad-7', every: 'session' }]);
    expect(planNextSession(withGad, state(5, { ...middle, lastMeasureSessionByInstrument: { 'phq-9': 5 } })).measuresDue.map((entry) => [entry.instrumentId, entry.overdue]))
      .toEqual([['phq-9', false], ['gad-7', true]]);
    expect(planNextSession(withMeasureSchedule(ipt, []), state(5, middle)).measuresDue).toEqual([]);
    expect(thrown(() => withMeasureSchedule(ipt, [{ instrumentId: 'PHQ 9', every: 'session' }])).field).toBe('measureSchedule.0.instrumentId');
  });

  it('uses agreed phase lengths', () => {
    const plan = planNextSession(ipt, state(2, { formulationAgreed: true, phaseLengths: { initial: 2 } }));
    expect(plan).toMatchObject({ phaseForNextSession: 'middle', canChangePhase: true });
    expect(thrown(() => planNextSession(ipt, state(2, { phaseLengths: { initial: 5 } }))).field).toBe('phaseLengths.initial');
    expect(thrown(() => planNextSession(ipt, state(2, { phaseLengths: { middle: 5 } }))).field).toBe('phaseLengths.middle');
  });
});

describe('IPT acute, 16 sessions', () => {
  const middle = { contractedSessions: 16, currentPhase: 'middle', formulationAgreed: true } as const;

  it('keeps the middle phase to session 14 and the ending to 15–16', () => {
    expect(planNextSession(ipt, state(13, middle)).phaseForNextSession).toBe('middle');
    expect(planNextSession(ipt, state(14, { ...middle, terminationDiscussed: true })).phaseForNextSession).toBe('termination');
  });

  it('warns about the ending at session 14, not 13', () => {
    expect(codes(planNextSession(ipt, state(12, middle)))).toEqual([]);
    expect(codes(planNextSession(ipt, state(13, middle)))).toEqual(['termination-not-raised']);
  });

  it('allows a 4-session ending when agreed', () => {
    const plan = planNextSession(ipt, state(12, { ...middle, terminationDiscussed: true, phaseLengths: { termination: 4 } }));
    expect(plan).toMatchObject({ phaseForNextSession: 'termination', canChangePhase: true });
  });
});

describe('IPC', () => {
  it('runs the 3-session course: choose the area in session 1, triage in session 3', () => {
    const first = planNextSession(ipc, state(0, { contractedSessions: 3 }));
    expect(first.plan.map((range) => [range.phaseId, range.first, range.last])).toEqual([['initial', 1, 1], ['middle', 2, 2], ['termination', 3, 3]]);
    expect(ids(first)).toEqual(['complete-measure', 'raise-ending', 'current-problems', 'not-your-fault', 'first-problem-solving', 'focused-inventory', 'choose-stress-area', 'explain-next-sessions']);
    expect(first.warnings).toEqual([]);
    const second = planNextSession(ipc, state(1, { contractedSessions: 3 }));
    expect(codes(second)).toEqual(['no-formulation-by-end-of-initial', 'termination-not-raised', 'phase-behind-plan']);
    const third = planNextSession(ipc, state(2, { contractedSessions: 3, currentPhase: 'middle', formulationAgreed: true, terminationDiscussed: true }));
    expect(third.agendaPhase).toBe('termination');
    expect(ids(third)).toEqual(['complete-measure', 'look-back', 'triage']);
  });

  it('runs 6 sessions with one assessment session and one closing session', () => {
    const plan = planNextSession(ipc, state(1, { contractedSessions: 6, formulationAgreed: true }));
    expect(plan.plan.map((range) => [range.phaseId, range.first, range.last])).toEqual([['initial', 1, 1], ['middle', 2, 5], ['termination', 6, 6]]);
    expect(plan.canChangePhase).toBe(true);
    expect(codes(planNextSession(ipc, state(3, { contractedSessions: 6, currentPhase: 'middle', formulationAgreed: true })))).toEqual([]);
    expect(codes(planNextSession(ipc, state(4, { contractedSessions: 6, currentPhase: 'middle', formulationAgreed: true })))).toEqual(['termination-not-raised']);
  });

  it('refuses a contract outside 3–6 sessions', () => {
    expect(thrown(() => planNextSession(ipc, state(0, { contractedSessions: 8 }))).field).toBe('contractedSessions');
  });

  it('the 3-session outline plans evaluation, strategies and triage', () => {
    const plan = planNextSession(ipc3, state(1, { contractedSessions: 3, formulationAgreed: true, terminationDiscussed: true }));
    expect(plan).toMatchObject({ phaseForNextSession: 'middle', agendaPhase: 'middle' });
    expect(ids(plan)).toEqual(['complete-measure', 'interval-review', 'work-on-focus']);
  });
});

describe('IPT-A, 12 sessions with a parent', () => {
  it('brings the parent into the first session', () => {
    expect(ids(planNextSession(iptA, state(0)))).toContain('parent-first-session');
    expect(ids(planNextSession(iptA, state(1)))).not.toContain('parent-first-session');
  });

  it('offers the optional joint session only when the focus involves the parent', () => {
    const middle = { currentPhase: 'middle', formulationAgreed: true } as const;
    expect(ids(planNextSession(iptA, state(5, middle)))).not.toContain('parent-joint-session');
    const withParent = planNextSession(iptA, state(5, { ...middle, focusInvolvesParent: true }));
    expect(withParent.agendaItems.find((item) => item.id === 'parent-joint-session')).toMatchObject({ required: false, phase: 'middle' });
  });

  it('brings the parent back at the last session', () => {
    const ending = { currentPhase: 'termination', formulationAgreed: true, terminationDiscussed: true } as const;
    expect(ids(planNextSession(iptA, state(10, ending)))).not.toContain('parent-end-session');
    expect(ids(planNextSession(iptA, state(11, ending)))).toEqual(expect.arrayContaining(['parent-end-session', 'decide-further-care']));
  });
});

describe('IPT-B, 8 sessions', () => {
  it('plans 2 initial, 4 middle and 2 ending sessions, with warnings at the right sessions', () => {
    const plan = planNextSession(iptB, state(2, { contractedSessions: 8 }));
    expect(plan.plan.map((range) => [range.phaseId, range.first, range.last])).toEqual([['initial', 1, 2], ['middle', 3, 6], ['termination', 7, 8]]);
    expect(codes(plan)).toEqual(['no-formulation-by-end-of-initial', 'phase-behind-plan']);
    const middle = { contractedSessions: 8, currentPhase: 'middle', formulationAgreed: true } as const;
    expect(ids(planNextSession(iptB, state(3, middle)))).toContain('raise-ending');
    expect(codes(planNextSession(iptB, state(4, middle)))).toEqual([]);
    expect(codes(planNextSession(iptB, state(5, middle)))).toEqual(['termination-not-raised']);
  });
});

describe('Maintenance IPT', () => {
  const base = { contractedSessions: 24, currentPhase: 'maintenance' } as const;

  it('opens with the follow-up plan and never asks for a new formulation', () => {
    const first = planNextSession(maintenance, state(0, base));
    expect(first.phaseForNextSession).toBe('maintenance');
    expect(ids(first)).toContain('maintenance-contract');
    const later = planNextSession(maintenance, state(10, base));
    expect(ids(later)).not.toContain('maintenance-contract');
    expect(ids(later)).toEqual(expect.arrayContaining(['keep-interpersonal-focus', 'check-warning-signs']));
    expect(later.warnings).toEqual([]);
  });

  it('uses the phase count from the record when the phase started late', () => {
    expect(ids(planNextSession(maintenance, state(0, { ...base, sessionsHeldInCurrentPhase: 0 })))).toContain('maintenance-contract');
  });

  it('moves to the ending in the last 2 sessions once the ending was raised', () => {
    const plan = planNextSession(maintenance, state(22, { ...base, terminationDiscussed: true }));
    expect(plan).toMatchObject({ phaseForNextSession: 'termination', canChangePhase: true });
    expect(checkPhaseChange(maintenance, state(22, base), 'termination').guards.map((guard) => guard.code)).toEqual(['termination-not-raised']);
  });
});

describe('WHO group IPT', () => {
  it('starts with an individual pre-group session and then the group', () => {
    const first = planNextSession(group, state(0, { contractedSessions: 9, currentPhase: 'pre-group' }));
    expect(first.phaseForNextSession).toBe('pre-group');
    expect(ids(first)).toContain('pre-group-problem-area');
    const next = planNextSession(group, state(1, { contractedSessions: 9, currentPhase: 'pre-group' }));
    expect(next).toMatchObject({ phaseForNextSession: 'initial', canChangePhase: true });
  });
});

describe('phase changes', () => {
  it('guards skipping the initial phase', () => {
    const check = checkPhaseChange(ipt, state(0), 'middle');
    expect(check).toEqual({ allowed: false, guards: [expect.objectContaining({ code: 'phase-not-held' }), expect.objectContaining({ code: 'formulation-not-agreed' })] });
  });

  it('guards jumping over a phase and ending early', () => {
    const check = checkPhaseChange(ipt, state(2, { formulationAgreed: true, terminationDiscussed: true }), 'termination');
    expect(check.guards.map((guard) => guard.code)).toEqual(['skips-phase', 'ends-early']);
  });

  it('guards an ending phase that would be too short', () => {
    const check = checkPhaseChange(ipt, state(11, { currentPhase: 'middle', formulationAgreed: true, terminationDiscussed: true }), 'termination');
    expect(check.guards.map((guard) => guard.code)).toEqual(['ending-too-short']);
  });

  it('guards going backwards and refuses the same phase', () => {
    expect(checkPhaseChange(ipt, state(5, { currentPhase: 'middle', formulationAgreed: true }), 'initial').guards.map((guard) => guard.code)).toEqual(['backwards']);
    expect(checkPhaseChange(ipt, state(5, { currentPhase: 'middle' }), 'middle').guards.map((guard) => guard.code)).toEqual(['same-phase']);
    expect(thrown(() => applyPhaseChange(ipt, state(5, { currentPhase: 'middle' }), 'middle', { reason: 'why not' })).field).toBe('targetPhase');
  });

  it('allows an unguarded change without a reason', () => {
    expect(applyPhaseChange(ipt, state(3, { formulationAgreed: true }), 'middle')).toEqual({
      protocolKey: 'ipt-acute@1.0.0', from: 'initial', to: 'middle', atSession: 4, overriddenGuards: [], reason: null,
    });
  });

  it('needs a non-empty reason to override a guard, and records the overridden guards', () => {
    const blocked = state(3);
    const missing = thrown(() => applyPhaseChange(ipt, blocked, 'middle'));
    expect(missing).toMatchObject({ code: 'validation', field: 'reason' });
    expect(missing.extra).toEqual({ guards: ['formulation-not-agreed'] });
    expect(thrown(() => applyPhaseChange(ipt, blocked, 'middle', { reason: '   ' })).field).toBe('reason');
    expect(applyPhaseChange(ipt, blocked, 'middle', { reason: ' Client agreed the focus by phone; to be confirmed. ' })).toMatchObject({
      overriddenGuards: ['formulation-not-agreed'], reason: 'Client agreed the focus by phone; to be confirmed.', atSession: 4,
    });
    expect(applyPhaseChange(ipt, state(5, { currentPhase: 'middle', formulationAgreed: true }), 'initial', { reason: 'Focus changed.' }).overriddenGuards).toEqual(['backwards']);
  });

  it('refuses an unknown phase', () => {
    expect(thrown(() => checkPhaseChange(ipt, state(3), 'pre-group')).field).toBe('targetPhase');
  });
});

describe('state validation', () => {
  it.each([
    [{ contractedSessions: 20 }, 'contractedSessions'],
    [{ sessionsHeld: -1 }, 'sessionsHeld'],
    [{ currentPhase: 'maintenance' as const }, 'currentPhase'],
    [{ sessionsHeldInCurrentPhase: 9 }, 'sessionsHeldInCurrentPhase'],
    [{ unreviewedTasks: 1.5 }, 'unreviewedTasks'],
    [{ lastMeasureSessionByInstrument: { 'phq-9': 7 } }, 'lastMeasureSessionByInstrument.phq-9'],
  ])('rejects %o', (overrides, field) => {
    const error = thrown(() => planNextSession(ipt, state(3, overrides)));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'validation', field });
  });
});
