import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { suggestProblemAreas } from './suggest-problem-areas';
import type { InventoryPerson, SuggestionInput, TimelineEvent } from './suggest-problem-areas';

const ONSET = '2025-03-01';
const mother: InventoryPerson = { id: 'p-mother', label: 'Maria', relationshipType: 'mother', closeness: 1 };
const partner: InventoryPerson = { id: 'p-partner', label: 'Sam', relationshipType: 'partner', closeness: 1 };
const friend: InventoryPerson = { id: 'p-friend', label: 'Jo', relationshipType: 'friend', closeness: 3 };

function suggest(input: Partial<SuggestionInput>): ReturnType<typeof suggestProblemAreas> {
  return suggestProblemAreas({ onsetDate: ONSET, inventory: [], timeline: [], ...input });
}

const areas = (input: Partial<SuggestionInput>): string[] => suggest(input).map((suggestion) => suggestion.area);

function fieldOf(input: Partial<SuggestionInput>): string | undefined {
  try {
    suggest(input);
  } catch (error) {
    return isDomainError(error) ? error.field : 'not a DomainError';
  }
  return undefined;
}

describe('grief rule: a death near the onset', () => {
  it('suggests grief and names the person and the timing', () => {
    const [first] = suggest({ inventory: [{ ...mother, died: { date: '2025-02-01' } }, friend] });
    expect(first).toMatchObject({ area: 'grief', evidenceIds: ['p-mother'], strength: 4 });
    expect(first?.reasons[0]).toBe('Maria (mother) died on 2025-02-01, 28 days before the problems began. Your client placed this person in one of the closest rings.');
  });

  it('counts a death on the timeline once when it is the same person', () => {
    const event: TimelineEvent = { id: 'e-death', date: '2025-02-01', kind: 'death', personIds: ['p-mother'] };
    const [first] = suggest({ inventory: [{ ...mother, died: { date: '2025-02-01' } }], timeline: [event] });
    expect(first).toMatchObject({ area: 'grief', strength: 4, evidenceIds: ['p-mother', 'e-death'] });
  });

  it('uses a timeline death without an inventory entry', () => {
    const [first] = suggest({ timeline: [{ id: 'e1', date: '2025-03-20', kind: 'death', label: 'uncle died' }] });
    expect(first?.area).toBe('grief');
    expect(first?.reasons[0]).toBe('Someone ("uncle died") died on 2025-03-20, 19 days after the problems began.');
  });

  it('ignores a death long before the onset', () => {
    expect(areas({ inventory: [{ ...mother, died: { date: '2010-01-01' } }] })).toEqual([]);
  });
});

describe('role-dispute rule: non-reciprocal expectations', () => {
  it('suggests a dispute, strengthened by conflict, closeness and a conflict near onset', () => {
    const [first] = suggest({
      inventory: [{ ...partner, mutualExpectationsUnmet: true, conflict: true }],
      timeline: [{ id: 'e-row', date: '2025-02-20', kind: 'conflict', label: 'row about money', personIds: ['p-partner'] }],
    });
    expect(first).toMatchObject({ area: 'role-dispute', strength: 5, evidenceIds: ['p-partner', 'e-row'] });
    expect(first?.reasons[0]).toContain('Your client and Sam (partner) expect different things of each other.');
    expect(first?.reasons[0]).toContain('row about money');
  });

  it('gives weaker evidence for conflict with unmet expectations when reciprocity was not judged', () => {
    const [first] = suggest({ inventory: [{ ...friend, conflict: true, expectationsMet: 'partly' }] });
    expect(first).toMatchObject({ area: 'role-dispute', strength: 1 });
    expect(first?.reasons[0]).toContain('Check whether the two expect different things');
  });

  it('respects the clinician when expectations were judged reciprocal', () => {
    expect(areas({ inventory: [{ ...friend, conflict: true, expectationsMet: 'no', mutualExpectationsUnmet: false }] })).not.toContain('role-dispute');
  });
});

describe('role-transition rule: a life change near the onset', () => {
  it('suggests a transition for a life change', () => {
    const [first] = suggest({ timeline: [{ id: 'e-job', date: '2025-01-15', kind: 'life-change', label: 'lost job' }] });
    expect(first).toMatchObject({ area: 'role-transition', strength: 2, evidenceIds: ['e-job'] });
    expect(first?.reasons[0]).toBe('A life change on 2025-01-15 ("lost job"), 45 days before the problems began.');
  });

  it('suggests a transition for a relationship that ended or began', () => {
    const [first] = suggest({ inventory: [{ ...partner, changeSinceOnset: 'ended' }] });
    expect(first?.area).toBe('role-transition');
    expect(first?.reasons[0]).toBe('The relationship with Sam (partner) has ended since the problems began.');
  });
});

describe('interpersonal-deficits rule: only when nothing else fits', () => {
  it('suggests deficits for few close relationships and nothing else', () => {
    const result = suggest({ inventory: [friend, { ...mother, closeness: 2 }] });
    expect(result).toEqual([{
      area: 'interpersonal-deficits',
      strength: 1,
      reasons: ['Only 1 person is in the closest 2 rings of the closeness circle, and no death, dispute or life change was found near the start of the problems.'],
      evidenceIds: ['p-friend', 'p-mother'],
    }]);
  });

  it('does not suggest deficits when another area fits, even with few close people', () => {
    expect(areas({ inventory: [friend], timeline: [{ id: 'e', date: '2025-03-05', kind: 'life-change' }] })).toEqual(['role-transition']);
  });

  it('does not suggest deficits with enough close people, or without a closeness circle', () => {
    expect(areas({ inventory: [mother, partner] })).toEqual([]);
    expect(areas({ inventory: [{ id: 'x', label: 'X', relationshipType: 'cousin' }] })).toEqual([]);
    expect(areas({})).toEqual([]);
  });

  it('ignores a clinician tag for deficits', () => {
    expect(areas({ inventory: [mother, partner], timeline: [{ id: 'e', date: '2020-01-01', kind: 'other', problemArea: 'interpersonal-deficits' }] })).toEqual([]);
  });
});

describe('ordering by strength of evidence', () => {
  it('puts the strongest evidence first', () => {
    const result = suggest({
      inventory: [{ ...mother, closeness: 3, died: { date: '2025-02-01' } }, { ...partner, mutualExpectationsUnmet: true, conflict: true }],
      timeline: [{ id: 'e-move', date: '2025-02-10', kind: 'life-change', label: 'moved city' }],
    });
    expect(result.map((suggestion) => [suggestion.area, suggestion.strength])).toEqual([['role-dispute', 4], ['grief', 3], ['role-transition', 2]]);
  });

  it('breaks ties in the reference order: grief, role dispute, role transition', () => {
    const result = suggest({
      inventory: [{ ...friend, died: { date: '2025-03-01' } }, { ...partner, closeness: 4, mutualExpectationsUnmet: true, conflict: true }],
    });
    expect(result.map((suggestion) => [suggestion.area, suggestion.strength])).toEqual([['grief', 3], ['role-dispute', 3]]);
  });

  it('counts a clinician link to an area', () => {
    const result = suggest({ timeline: [{ id: 'e', date: '2019-05-01', kind: 'other', label: 'promotion', problemArea: 'role-transition' }] });
    expect(result).toEqual([{ area: 'role-transition', strength: 1, reasons: ['You linked "promotion" (2019-05-01) to role transition.'], evidenceIds: ['e'] }]);
  });
});

describe('the "near onset" window', () => {
  const lifeChangeOn = (date: string): TimelineEvent[] => [{ id: 'e', date, kind: 'life-change' }];

  it('includes events exactly 180 days either side and excludes 181', () => {
    expect(areas({ timeline: lifeChangeOn('2024-09-02') })).toEqual(['role-transition']); // 180 days before
    expect(areas({ timeline: lifeChangeOn('2024-09-01') })).toEqual([]); // 181 days before
    expect(areas({ timeline: lifeChangeOn('2025-08-28') })).toEqual(['role-transition']); // 180 days after
    expect(areas({ timeline: lifeChangeOn('2025-08-29') })).toEqual([]); // 181 days after
  });

  it('can be changed', () => {
    // 2025-02-01 is 28 days before the onset.
    expect(areas({ timeline: lifeChangeOn('2025-02-01'), windowDays: 27 })).toEqual([]);
    expect(areas({ timeline: lifeChangeOn('2025-02-01'), windowDays: 28 })).toEqual(['role-transition']);
    expect(areas({ timeline: lifeChangeOn('2025-03-01'), windowDays: 0 })).toEqual(['role-transition']);
  });

  it('without an onset date, counts dated events weakly and says why', () => {
    const [first] = suggestProblemAreas({ inventory: [], timeline: lifeChangeOn('2001-01-01') });
    expect(first).toMatchObject({ area: 'role-transition', strength: 1 });
    expect(first?.reasons[0]).toContain('No onset date is recorded');
  });
});

describe('input checks', () => {
  it('names the field of a bad date or setting', () => {
    expect(fieldOf({ onsetDate: '2025-02-30' })).toBe('onsetDate');
    expect(fieldOf({ timeline: [{ id: 'e', date: '1/2/2025', kind: 'other' }] })).toBe('timeline.0.date');
    expect(fieldOf({ inventory: [{ ...mother, died: { date: 'soon' } }] })).toBe('inventory.0.died.date');
    expect(fieldOf({ windowDays: -1 })).toBe('windowDays');
    expect(fieldOf({ inventory: [{ ...mother, closeness: 0 }] })).toBe('inventory.0.closeness');
  });
});
