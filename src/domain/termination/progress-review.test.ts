import { describe, expect, it } from 'vitest';
import { buildProgressReview, compareCloseness, type ProgressReviewInput } from './progress-review';
import { checkNextStep, nextStepOptions } from './next-steps';
import { missingForSigning, prefillRelapsePlan } from './relapse-plan';
import { iptAcute } from '../protocols/ipt-acute';
import { maintenanceIpt } from '../protocols/maintenance-ipt';
import { ipc } from '../protocols/ipc';
import { planNextSession } from '../protocols/progression';
import type { ProgressionState } from '../protocols/progression-state';

/**
 * A fixture episode of 12 sessions whose numbers were worked out by hand:
 * PHQ-9 18 → 4: change −14, −78% (14/18 = 0.777…); response (≥ 50%), remission (< 5), reliable improvement (≥ 6).
 * GAD-7 12 → 5: change −7; case at start (PHQ-9 18 ≥ 10), not at end (4 < 10 and 5 < 8): recovery; −14 ≥ 6 so reliable recovery.
 */
const fixture: ProgressReviewInput = {
  primaryInstrumentId: 'phq-9',
  attendedSessions: 12,
  scores: {
    'gad-7': [{ date: '2026-01-05', total: 12, sessionNumber: 1 }, { date: '2026-03-23', total: 5, sessionNumber: 12 }],
    'phq-9': [
      { date: '2026-03-23', total: 4, sessionNumber: 12 },
      { date: '2026-01-05', total: 18, sessionNumber: 1 },
      { date: '2026-02-09', total: 11, sessionNumber: 6 },
    ],
  },
  workspaces: [{
    workspaceId: 'w1', area: 'role-dispute', otherParty: 'Sam', stage: 'renegotiation', summary: 'Talks again', goals: ['Talk with Sam weekly'],
    outcomes: [
      { sessionNumber: 8, progress: 6, stage: 'renegotiation', adjustment: null, mourning: null, contacts: null, contactQuality: null },
      { sessionNumber: 4, progress: 2, stage: 'impasse', adjustment: null, mourning: null, contacts: null, contactQuality: null },
    ],
  }],
  closeness: [
    { id: 'c2', takenOn: '2026-03-20', label: 'termination', rings: 5, placements: [{ personId: 'p1', label: 'Sam', ring: 1 }, { personId: 'p3', label: 'Ana', ring: 3 }] },
    { id: 'c1', takenOn: '2026-01-12', label: 'intake', rings: 3, placements: [{ personId: 'p1', label: 'Sam', ring: 2 }, { personId: 'p2', label: 'Lee', ring: 1 }] },
  ],
  goals: [{ text: 'Feel less low', source: 'contract' }, { text: 'Talk with Sam weekly', source: 'workspace' }],
  goalRatings: [{ text: 'Feel less low', status: 'met' }],
  tasks: [
    { status: 'reviewed', reviewOutcome: 'done' }, { status: 'reviewed', reviewOutcome: 'done' }, { status: 'reviewed', reviewOutcome: 'partly' },
    { status: 'reviewed', reviewOutcome: 'not' }, { status: 'open', reviewOutcome: null },
  ],
};

describe('progress review of a fixture episode', () => {
  const review = buildProgressReview(fixture);

  it('gives first and latest PHQ-9 with response, remission and reliable improvement', () => {
    const phq = review.instruments[0]!;
    expect(phq.instrumentId).toBe('phq-9');
    expect(phq.scores).toBe(3);
    expect(phq.first).toEqual({ date: '2026-01-05', total: 18, sessionNumber: 1 });
    expect(phq.latest).toEqual({ date: '2026-03-23', total: 4, sessionNumber: 12 });
    expect(phq.change).toBe(-14);
    expect(phq.percentChange).toBe(-78);
    expect(phq.responseRemission).toMatchObject({ ruleSet: 'response-remission', response: true, remission: true });
    expect(phq.reliableChange).toEqual({ ruleSet: 'nhs-talking-therapies', threshold: 6, classification: 'reliable-improvement' });
    expect(phq.summary).toBe('From 18 to 4 (-14, -78%). Response: at least half lower than at the start. In remission. Reliable improvement.');
    expect(review.responder).toBe('responder');
  });

  it('gives GAD-7 reliable improvement (−7 ≥ 4) and NHS Talking Therapies recovery', () => {
    const gad = review.instruments[1]!;
    expect(gad.change).toBe(-7);
    expect(gad.responseRemission).toBeNull();
    expect(gad.reliableChange?.classification).toBe('reliable-improvement');
    expect(review.recovery).toMatchObject({ caseAtStart: true, recovery: true, reliableRecovery: true });
  });

  it('gives area outcomes first and latest by session, and the stage of the dispute', () => {
    expect(review.areas[0]!.measures).toEqual([{ measure: 'progress', first: { sessionNumber: 4, value: 2 }, latest: { sessionNumber: 8, value: 6 }, change: 4 }]);
    expect(review.areas[0]!.stage).toEqual({ first: 'impasse', latest: 'renegotiation' });
  });

  it('compares the intake circle with the latest on a scaled ring position', () => {
    // Sam: ring 2 of 3 (0.5) → ring 1 of 5 (0): closer. Lee left, Ana added.
    expect(review.closeness?.from.id).toBe('c1');
    expect(review.closeness?.to.id).toBe('c2');
    expect(review.closeness?.people).toEqual([
      { personId: 'p1', label: 'Sam', fromRing: 2, toRing: 1, change: 'closer' },
      { personId: 'p2', label: 'Lee', fromRing: 1, toRing: null, change: 'removed' },
      { personId: 'p3', label: 'Ana', fromRing: null, toRing: 3, change: 'added' },
    ]);
    expect(compareCloseness([fixture.closeness[0]!])).toBeNull();
  });

  it('rates goals from the record and counts tasks', () => {
    expect(review.goals).toEqual([
      { text: 'Feel less low', source: 'contract', status: 'met' },
      { text: 'Talk with Sam weekly', source: 'workspace', status: 'not-rated' },
    ]);
    expect(review.tasks).toEqual({ set: 5, done: 2, partly: 1, notDone: 1, notReviewed: 1 });
  });

  it('calls a client who fell 18 → 12 (33%) a non-responder, and recovery unassessed without GAD-7', () => {
    const other = buildProgressReview({ ...fixture, scores: { 'phq-9': [{ date: '2026-01-05', total: 18, sessionNumber: 1 }, { date: '2026-03-23', total: 12, sessionNumber: 12 }] } });
    expect(other.instruments[0]!.responseRemission).toMatchObject({ response: false, remission: false });
    expect(other.instruments[0]!.reliableChange?.classification).toBe('reliable-improvement');
    expect(other.responder).toBe('non-responder');
    expect(other.recovery?.recovery).toBeNull();
  });

  it('knows nothing with a single score', () => {
    const one = buildProgressReview({ ...fixture, scores: { 'phq-9': [{ date: '2026-01-05', total: 18, sessionNumber: 1 }] } });
    expect(one.responder).toBe('unknown');
    expect(one.instruments[0]!.reliableChange).toBeNull();
  });
});

describe('next-step rules', () => {
  it('recommends maintenance or continuation to responders and an alternative to non-responders', () => {
    expect(nextStepOptions('responder').filter((o) => o.recommended).map((o) => o.kind)).toEqual(['maintenance', 'continuation']);
    expect(nextStepOptions('non-responder').filter((o) => o.recommended).map((o) => o.kind)).toEqual(['referral']);
  });

  it('refuses ending for a non-responder without an alternative offered or an override reason', () => {
    const end = { kind: 'end' as const, reason: null, alternativeOffered: null, overrideReason: null };
    expect(() => checkNextStep(end, 'non-responder')).toThrow(/alternative/);
    expect(() => checkNextStep({ ...end, alternativeOffered: 'CBT at the local service' }, 'non-responder')).not.toThrow();
    expect(() => checkNextStep({ ...end, overrideReason: 'Client moves abroad next week' }, 'non-responder')).not.toThrow();
    expect(() => checkNextStep(end, 'responder')).not.toThrow();
  });

  it('needs a reason for a referral', () => {
    expect(() => checkNextStep({ kind: 'referral', reason: null, alternativeOffered: null, overrideReason: null }, 'responder')).toThrow(/reason/);
  });
});

describe('relapse-prevention plan prefill', () => {
  const plan = prefillRelapsePlan({
    timelineEvents: [{ date: '2025-11-01', kind: 'conflict', title: 'Row with Sam about money' }, { date: '2025-12-01', kind: 'other', title: 'Holiday' }],
    workspaces: [{ area: 'role-dispute', areaLabel: 'Role dispute', otherParty: 'Sam' }],
    tasks: [
      { what: 'Walk with Ana', reviewOutcome: 'done', moodEffect: 3 },
      { what: 'Call Lee', reviewOutcome: 'done', moodEffect: -2 },
      { what: 'Say no once', reviewOutcome: 'partly', moodEffect: 2 },
      { what: 'Skipped', reviewOutcome: 'not', moodEffect: null },
    ],
    techniques: ['Role play'],
    people: [{ label: 'Lee', ring: 3 }, { label: 'Sam', ring: 2 }, { label: 'Ana', ring: 1 }],
    crisisResources: [{ name: 'Crisis line', phone: '116 123', description: 'Day and night' }],
  });

  it('takes triggers from the problem area and stressful timeline events', () => {
    expect(plan.triggers).toEqual(['Role dispute with Sam: signs of the same difficulty again', 'Events like: Row with Sam about money']);
  });
  it('takes strategies from tasks that helped and techniques practised', () => {
    expect(plan.strategies).toEqual(['Walk with Ana', 'Say no once', 'Use what I practised: Role play']);
  });
  it('takes people from the two inner rings, closest first, and the crisis numbers from the organization', () => {
    expect(plan.people.map((p) => p.name)).toEqual(['Ana', 'Sam']);
    expect(plan.crisisContacts).toEqual([{ name: 'Crisis line', phone: '116 123', note: 'Day and night' }]);
  });
  it('needs warning signs before signing', () => {
    expect(missingForSigning(plan).map((m) => m.field)).toEqual(['plan.warningSigns']);
  });
});

describe('the ending is raised 2–4 sessions before the contracted end', () => {
  const state = (protocol: typeof iptAcute, sessionsHeld: number, contracted: number): ProgressionState => ({
    currentPhase: protocol.phases[protocol.phases.length > 1 ? 1 : 0]!.id, sessionsHeld, contractedSessions: contracted, formulationAgreed: true, terminationDiscussed: false,
  });

  it.each([[iptAcute, 16], [maintenanceIpt, 24]] as const)('$0.id: the item appears 4 sessions before the end and the warning 2 before', (protocol, contracted) => {
    const at = (next: number) => planNextSession(protocol, state(protocol, next - 1, contracted));
    expect(at(contracted - 5).agendaItems.some((i) => i.id === 'raise-ending')).toBe(false);
    expect(at(contracted - 4).agendaItems.some((i) => i.id === 'raise-ending')).toBe(true);
    expect(at(contracted - 3).warnings.some((w) => w.code === 'termination-not-raised')).toBe(false);
    expect(at(contracted - 2).warnings.some((w) => w.code === 'termination-not-raised')).toBe(true);
  });

  it('IPC (3–6 sessions) raises it 1–2 sessions before its shorter end', () => {
    const at = (next: number) => planNextSession(ipc, state(ipc, next - 1, 6));
    expect(at(4).agendaItems.some((i) => i.id === 'raise-ending')).toBe(true);
    expect(at(5).warnings.some((w) => w.code === 'termination-not-raised')).toBe(true);
  });
});
