import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { DomainError } from '../errors';
import { DISPUTE_STAGES, PROBLEM_AREAS } from '../formulation/problem-areas';
import { AREA_DETAILS, mergeDetails } from './workspace-details';
import { applyTicks, changeDisputeStage, checklistFor, guidanceFor, validateWorkspaceOpening } from './workspace-rules';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('opening a workspace', () => {
  it('applies the focus rules with the request\'s own field names', () => {
    expect(validateWorkspaceOpening({ area: 'role-dispute', otherParty: ' Sam ', stage: 'impasse' }, [])).toEqual({ area: 'role-dispute', otherParty: 'Sam', stage: 'impasse' });
    const missing = errorOf(() => validateWorkspaceOpening({ area: 'role-dispute' }, []));
    expect(missing.code).toBe('validation');
    expect(missing.errors.map((e) => e.field)).toEqual(['otherParty', 'stage']);
    expect(errorOf(() => validateWorkspaceOpening({ area: 'loneliness' }, [])).field).toBe('area');
  });

  it('allows one workspace per area and at most two per episode', () => {
    expect(errorOf(() => validateWorkspaceOpening({ area: 'grief' }, ['grief'])).code).toBe('conflict');
    expect(validateWorkspaceOpening({ area: 'grief', person: 'Mum' }, ['role-transition'])).toEqual({ area: 'grief', person: 'Mum' });
    const third = errorOf(() => validateWorkspaceOpening({ area: 'grief' }, ['role-transition', 'interpersonal-deficits']));
    expect(third).toMatchObject({ code: 'conflict', field: 'area' });
  });
});

describe('dispute stages', () => {
  it('records a real change of stage only, and only for a dispute', () => {
    expect(changeDisputeStage('role-dispute', 'impasse', 'renegotiation')).toEqual({ from: 'impasse', to: 'renegotiation' });
    expect(errorOf(() => changeDisputeStage('role-dispute', 'impasse', 'impasse')).field).toBe('stage');
    expect(errorOf(() => changeDisputeStage('role-dispute', 'impasse', 'truce')).field).toBe('stage');
    expect(errorOf(() => changeDisputeStage('grief', null, 'impasse')).field).toBe('stage');
  });

  it('shows the checklist of the current stage, which changes with the stage', () => {
    const atImpasse = checklistFor('role-dispute', 'impasse', []).map((i) => i.id);
    const atRenegotiation = checklistFor('role-dispute', 'renegotiation', []).map((i) => i.id);
    expect(atImpasse).toEqual(expect.arrayContaining(['dispute-find-stage', 'impasse-restart-talks']));
    expect(atImpasse).not.toContain('renegotiation-improve-talk');
    expect(atRenegotiation).toContain('renegotiation-improve-talk');
    expect(atRenegotiation).not.toContain('impasse-restart-talks');
    expect(checklistFor('grief', null, []).map((i) => i.id)).toEqual(PROBLEM_AREAS.grief.strategies.map((s) => s.id));
  });

  it('shows the stage\'s definition and strategy from the domain content', () => {
    const guidance = guidanceFor('role-dispute', 'impasse');
    expect(guidance.stage?.strategy.text).toBe(DISPUTE_STAGES.impasse.strategy.text);
    expect(guidanceFor('role-dispute', 'renegotiation').stage?.strategy.text).toBe(DISPUTE_STAGES.renegotiation.strategy.text);
    expect(guidanceFor('interpersonal-deficits', null)).toMatchObject({ stage: null, caution: PROBLEM_AREAS['interpersonal-deficits'].caution });
  });
});

describe('checklist ticks', () => {
  it('ticks and unticks items of the checklist shown, keeps ticks of other stages, and names an unknown item', () => {
    const ticks = applyTicks('role-dispute', 'impasse', [], { 'impasse-restart-talks': true, 'dispute-name-it': true });
    expect(ticks).toEqual(['dispute-name-it', 'impasse-restart-talks']);
    const later = applyTicks('role-dispute', 'renegotiation', ticks, { 'renegotiation-improve-talk': true, 'dispute-name-it': false });
    expect(later).toEqual(['impasse-restart-talks', 'renegotiation-improve-talk']);
    expect(checklistFor('role-dispute', 'renegotiation', later).filter((i) => i.done).map((i) => i.id)).toEqual(['renegotiation-improve-talk']);
    expect(errorOf(() => applyTicks('role-dispute', 'renegotiation', later, { 'impasse-restart-talks': true })).field).toBe('checklist.impasse-restart-talks');
  });
});

describe('workspace details', () => {
  it('merges a change into the stored details and checks them against the area', () => {
    const stored = AREA_DETAILS['role-dispute'].parse({ clientExpects: ['to be asked'] });
    expect(stored).toMatchObject({ clientExpects: ['to be asked'], otherExpects: [], tried: [] });
    const merged = mergeDetails(stored, { otherExpects: ['to be free at weekends'] });
    expect(AREA_DETAILS['role-dispute'].parse(merged)).toMatchObject({ clientExpects: ['to be asked'], otherExpects: ['to be free at weekends'] });
    expect(AREA_DETAILS.grief.safeParse({ clientExpects: [] }).success).toBe(false);
  });
});
