import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUMMARY_MAX, oneLine, summarizeTask, summarizeWorksheet } from './summarize';
import { WorksheetContent } from './worksheet-kinds';
import { EXAMPLES } from './worksheet-examples';

const summaryOf = (kind: keyof typeof EXAMPLES, payload: unknown = EXAMPLES[kind]) => summarizeWorksheet(WorksheetContent.parse({ kind, payload }));

describe('summarizeWorksheet', () => {
  it('sums up a communication analysis: who, what was wanted, where it went wrong, the alternative, mood', () => {
    expect(summaryOf('communication-analysis')).toBe(
      'Communication analysis (2026-11-20, with Sam (partner)): wanted "To be asked before plans are made for the weekend."; 3 steps; '
      + 'went wrong: hostility, silence; alternative: "I would like us to plan the weekend together."; mood 3/10.',
    );
  });

  it('sums up a decision analysis with the chosen option, or says none is chosen yet', () => {
    expect(summaryOf('decision-analysis')).toBe(
      'Decision analysis: "Sam makes plans without me"; 2 options weighed; chosen: "Talk on Sunday evening"; first step: "Ask Sam for ten minutes on Sunday"; review 2026-11-27.',
    );
    expect(summaryOf('decision-analysis', { problem: 'Lonely at weekends', options: [{ option: 'Call Jo' }] })).toBe('Decision analysis: "Lonely at weekends"; 1 option weighed; no option chosen yet.');
  });

  it('sums up a role play with the roles and the change in confidence', () => {
    expect(summaryOf('role-play')).toBe('Role play with Sam (as self and in role reversal): goal "Ask to plan weekends together"; confidence 3→6/10; planned: "Sunday evening after dinner".');
    expect(summaryOf('role-play', { targetPerson: 'Mum', goal: 'Say no', roles: ['reversal'], confidenceBefore: 2 })).toBe('Role play with Mum (in role reversal): goal "Say no"; confidence before 2/10.');
  });

  it('sums up an interval review', () => {
    expect(summaryOf('interval-review')).toBe(
      'Since we last met: mood 5/10; 2 key events (Talked with Sam on Sunday, Argument on Wednesday); link to mood: "Mood follows how things are with Sam."; '
      + 'problem area: "Talking again after two weeks of silence.".',
    );
    expect(summaryOf('interval-review', {})).toBe('Since we last met: no key events.');
  });

  it('keeps every summary to one line of at most SUMMARY_MAX characters, whatever the text', () => {
    const messy = fc.string({ minLength: 1, maxLength: 300 }).map((s) => `x${s}\n\t y`);
    fc.assert(fc.property(messy, messy, messy, fc.integer({ min: 0, max: 10 }), (a, b, c, mood) => {
      const lines = [
        summaryOf('communication-analysis', { date: '2026-01-31', otherPerson: a.slice(0, 100), wanted: b, steps: [{ who: 'client', said: c }], alternativeWording: a, mood }),
        summaryOf('decision-analysis', { problem: a, options: [{ option: b.slice(0, 300) }, { option: c.slice(0, 300) }], chosenOptionIndex: 1, firstStep: c, result: a }),
        summaryOf('role-play', { targetPerson: c.slice(0, 100), goal: a, roles: ['self'], confidenceAfter: mood, plannedRealAttempt: b.slice(0, 500) }),
        summaryOf('interval-review', { mood, keyEvents: [{ event: a.slice(0, 300) }, { event: b.slice(0, 300) }], problemAreaProgress: c }),
      ];
      for (const line of lines) {
        expect(line).not.toMatch(/[\r\n\t]/);
        expect(line.length).toBeLessThanOrEqual(SUMMARY_MAX);
      }
    }), { numRuns: 150 });
  });
});

describe('summarizeTask', () => {
  it('says what, with whom and when, and once reviewed how it went and the signed mood effect', () => {
    const task = { what: 'Ask Sam for ten minutes to talk', withWhom: 'Sam', whenDate: '2026-11-29', whenText: 'after dinner', review: null };
    expect(summarizeTask(task)).toBe('Task: Ask Sam for ten minutes to talk with Sam (2026-11-29, after dinner).');
    expect(summarizeTask({ ...task, review: { outcome: 'partly', moodEffect: 2 } })).toBe('Task: Ask Sam for ten minutes to talk with Sam (2026-11-29, after dinner) — partly done, mood effect +2.');
    expect(summarizeTask({ ...task, withWhom: null, whenDate: null, whenText: null, review: { outcome: 'not', moodEffect: -1 } })).toBe('Task: Ask Sam for ten minutes to talk — not done, mood effect -1.');
  });
});

describe('oneLine', () => {
  it('collapses whitespace and cuts with an ellipsis', () => {
    expect(oneLine(' a\n\nb\tc ', 10)).toBe('a b c');
    expect(oneLine('abcdefghij', 5)).toBe('abcd…');
  });
});
