/**
 * One complete, realistic payload per worksheet kind (a role dispute with "Sam"), shared by the
 * domain tests, the route tests and docs/middle-phase.md so they all describe the same worksheet.
 */
import type { WorksheetKind } from './worksheet-kinds';

/** Example payloads as a client would send them. */
export const EXAMPLES = {
  'communication-analysis': {
    date: '2026-11-20', otherPerson: 'Sam (partner)', wanted: 'To be asked before plans are made for the weekend.',
    steps: [
      { who: 'client', said: 'You never ask me anything.', feeling: 'angry' },
      { who: 'other', said: 'That is not fair.', feeling: 'hurt' },
      { who: 'client', said: '(said nothing, left the room)' },
    ],
    outcome: 'Did not speak for the evening.', wentWrong: ['hostility', 'silence'], alternativeWording: 'I would like us to plan the weekend together.', mood: 3,
  },
  'decision-analysis': {
    problem: 'Sam makes plans without me', goal: 'Decide weekends together',
    options: [
      { option: 'Say nothing and go along', pros: ['no argument'], cons: ['I feel resentful'] },
      { option: 'Talk on Sunday evening', pros: ['calm time'], cons: ['may argue'] },
    ],
    chosenOptionIndex: 1, firstStep: 'Ask Sam for ten minutes on Sunday', obstacles: ['Sam is tired on Sundays'], reviewDate: '2026-11-27',
  },
  'role-play': {
    targetPerson: 'Sam', goal: 'Ask to plan weekends together', openingLine: 'Can we talk about the weekends?', expectedResponses: ['Not now', 'You always complain'],
    roles: ['self', 'reversal'], feedback: { tone: 'calmer the second time', assertiveness: 'clear request' }, revisedScript: 'I would like us to decide together.',
    confidenceBefore: 3, confidenceAfter: 6, plannedRealAttempt: 'Sunday evening after dinner',
  },
  'interval-review': {
    mood: 5, keyEvents: [{ event: 'Talked with Sam on Sunday', moodLink: 'felt lighter' }, { event: 'Argument on Wednesday' }],
    eventMoodLink: 'Mood follows how things are with Sam.', problemAreaProgress: 'Talking again after two weeks of silence.',
  },
} as const satisfies Record<WorksheetKind, object>;
