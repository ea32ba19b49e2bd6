import { describe, expect, it } from 'vitest';
import { ALL_NOTE_SECTIONS, noteSectionsFor } from './note-sections';

describe('note sections', () => {
  it('opens every phase with the mood check-in and closes with risk review and plan', () => {
    for (const phase of ['pre-group', 'initial', 'middle', 'termination', 'maintenance']) {
      const ids = noteSectionsFor(phase).map((s) => s.id);
      expect(ids[0]).toBe('moodCheckIn');
      expect(ids.slice(-2)).toEqual(['riskReview', 'plan']);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('has problem-area work in the middle phase and the ending review in termination', () => {
    expect(noteSectionsFor('middle').map((s) => s.id)).toContain('problemAreaWork');
    expect(noteSectionsFor('termination').map((s) => s.id)).toContain('endingAndProgress');
    expect(noteSectionsFor('unknown-phase')).toEqual(noteSectionsFor('middle'));
  });

  it('gives every section a label and a hint', () => {
    for (const id of ALL_NOTE_SECTIONS) {
      const section = ['initial', 'middle', 'termination'].flatMap((p) => noteSectionsFor(p)).find((s) => s.id === id);
      if (section) expect(section.label.length * section.hint.length).toBeGreaterThan(0);
    }
  });
});
