import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { DomainError } from '../errors';
import { PROBLEM_AREA_ORDER } from '../formulation/problem-areas';
import { AREA_OUTCOME_MEASURES, validateAreaOutcome } from './area-outcomes';
import { assertReviewAfterSet } from './task-rules';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('problem-area outcomes', () => {
  it('gives every area the progress rating and its own measures', () => {
    for (const area of PROBLEM_AREA_ORDER) expect(AREA_OUTCOME_MEASURES[area][0]?.id).toBe('progress');
    expect(AREA_OUTCOME_MEASURES['role-dispute'].map((m) => m.id)).toEqual(['progress', 'stage', 'expectationsCloser']);
    expect(AREA_OUTCOME_MEASURES['role-transition'].map((m) => m.id)).toEqual(['progress', 'adjustment']);
    expect(AREA_OUTCOME_MEASURES.grief.map((m) => m.id)).toEqual(['progress', 'mourning']);
    expect(AREA_OUTCOME_MEASURES['interpersonal-deficits'].map((m) => m.id)).toEqual(['progress', 'contacts', 'contactQuality']);
  });

  it('keeps the values of the area and nulls the rest', () => {
    expect(validateAreaOutcome('role-dispute', { progress: 4, stage: 'impasse', expectationsCloser: 'partly' })).toEqual({
      progress: 4, stage: 'impasse', expectationsCloser: 'partly', adjustment: null, mourning: null, contacts: null, contactQuality: null,
    });
    expect(validateAreaOutcome('interpersonal-deficits', { contacts: 0 })).toMatchObject({ contacts: 0, progress: null });
  });

  it('refuses a measure of another area by name, and an empty outcome', () => {
    const wrong = errorOf(() => validateAreaOutcome('role-dispute', { progress: 5, mourning: 3, adjustment: 2 }));
    expect(wrong.errors.map((e) => e.field)).toEqual(['adjustment', 'mourning']);
    expect(errorOf(() => validateAreaOutcome('grief', {})).field).toBe('progress');
    expect(errorOf(() => validateAreaOutcome('grief', { progress: null, mourning: null })).field).toBe('progress');
  });
});

describe('between-session tasks', () => {
  it('are reviewed at a later session than the one that set them', () => {
    expect(() => assertReviewAfterSet(4, 5)).not.toThrow();
    expect(errorOf(() => assertReviewAfterSet(4, 4)).field).toBe('sessionId');
    expect(errorOf(() => assertReviewAfterSet(4, 3)).field).toBe('sessionId');
  });
});
