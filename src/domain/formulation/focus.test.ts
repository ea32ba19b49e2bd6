import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { DomainError } from '../errors';
import { validateFocus } from './focus';
import type { FocusAreaInput } from './focus';

function errorOf(areas: readonly FocusAreaInput[]): DomainError {
  try {
    validateFocus(areas);
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('validateFocus', () => {
  it('accepts one area and trims the texts', () => {
    expect(validateFocus([{ area: 'grief', person: '  your mother ' }])).toEqual([{ area: 'grief', person: 'your mother' }]);
  });

  it('accepts a role dispute with the other party and the stage, and a second area', () => {
    expect(validateFocus([{ area: 'role-dispute', otherParty: 'Sam', stage: 'impasse' }, { area: 'role-transition', change: 'the move' }])).toEqual([
      { area: 'role-dispute', otherParty: 'Sam', stage: 'impasse' },
      { area: 'role-transition', change: 'the move' },
    ]);
  });

  it('needs at least one and at most two areas', () => {
    expect(errorOf([])).toMatchObject({ code: 'validation', field: 'areas' });
    expect(errorOf([{ area: 'grief' }, { area: 'role-transition' }, { area: 'interpersonal-deficits' }]).field).toBe('areas');
  });

  it('rejects an unknown or repeated area', () => {
    expect(errorOf([{ area: 'loneliness' }]).field).toBe('areas.0.area');
    expect(errorOf([{ area: 'grief' }, { area: 'grief' }]).field).toBe('areas.1.area');
  });

  it('requires the other party and the stage for a role dispute, and lists both', () => {
    const error = errorOf([{ area: 'role-dispute', otherParty: '  ' }]);
    expect(error.errors.map((entry) => entry.field)).toEqual(['areas.0.otherParty', 'areas.0.stage']);
    expect(errorOf([{ area: 'role-dispute', otherParty: 'Sam', stage: 'stalled' }]).field).toBe('areas.0.stage');
  });

  it('limits free text', () => {
    expect(errorOf([{ area: 'role-transition', change: 'x'.repeat(201) }]).field).toBe('areas.0.change');
  });
});
