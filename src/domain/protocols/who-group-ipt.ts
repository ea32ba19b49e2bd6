/**
 * WHO Group Interpersonal Therapy (2016 field-trial version): individual pre-group session(s), then 8
 * group sessions run by trained, supervised non-specialists. Partly checked ([P]): the 8 sessions are
 * verified, the phase split comes from implementation studies, and the number of pre-group sessions is
 * not verified, so one is our default. All wording here is our own (the WHO text is copyrighted).
 */
import { completeMeasureItem, raiseEndingItem, safetyCheckItem } from './agenda-items';
import { cite } from './clinical-sources';
import { DEFAULT_MEASURE_SCHEDULE } from './measure-schedule';
import type { AgendaItem, EndingNotice, Protocol } from './protocol-definition';

// All items below: [P] [S20][S21] clinical-reference §1.4 (phase table), unless noted.
const phaseSource = cite('P', ['S20', 'S21'], '§1.4');

const item = (id: string, label: string, guidance: string, extra: Partial<AgendaItem> = {}): AgendaItem => ({
  id, label, guidance, required: true, source: phaseSource, ...extra,
});

const preGroupItems: readonly AgendaItem[] = [
  item('pre-group-symptoms', 'Go through the symptoms', 'Go through the depression questions with the person one by one and talk about the answers.'),
  item('pre-group-link-onset', 'When did it start?', 'Ask when the low mood started and what was happening with people in their life at that time.', { opensTool: 'timeline' }),
  item('pre-group-relationships', 'Important people and past episodes', 'Ask about the most important people in their life and whether they have felt like this before.', { opensTool: 'inventory' }),
  item('pre-group-problem-area', 'Name the problem area', 'Agree which of the four areas fits best: grief after a death, a disagreement, a life change, or loneliness.', { opensTool: 'formulation', appliesTo: { conditions: ['formulation-not-agreed'] } }),
  item('pre-group-hope-and-invite', 'Give hope and invite', 'Explain that many people feel better with this kind of group, what the group will be like, and invite the person to join.'),
];

const groupStartItems: readonly AgendaItem[] = [
  item('group-introductions', 'Welcome and ground rules', 'Members introduce themselves. Agree together how the group keeps things private and safe.'),
  item('group-symptoms-and-areas', 'Depression and the four areas', 'Talk about the signs of depression and the four problem areas in everyday words.'),
  item('member-areas-and-goals', 'Each member\'s area and goals', 'Each member says which problem area they will work on and what they hope will change.', { opensTool: 'formulation' }),
  item('explain-group-therapy', 'How the group works', 'Explain how the group will help: sharing, supporting each other and trying new things, and that members can get better.'),
];

const middleItems: readonly AgendaItem[] = [
  item('member-check-in', 'Check in with each member', 'Ask each member how their mood has been and what happened with people since the last meeting, and link the two.'),
  item('review-member-tasks', 'What did members try?', 'Ask each member about what they planned to try and how it went.', { opensTool: 'task-review', appliesTo: { conditions: ['tasks-to-review'] } }),
  item('members-suggest-options', 'Members help with options', 'When a member describes a problem, invite the group to suggest options and help weigh them up.'),
  item('member-next-step', 'Something to try', 'Each member agrees one thing to try with another person before the next meeting.', { opensTool: 'worksheet', source: cite('P', ['S20'], '§3, §1.4') }),
  item('caring-climate', 'Keep the group caring', 'Make sure everyone is heard and treated kindly; gently stop criticism or one person taking over.', { required: false }),
];

const endingItems: readonly AgendaItem[] = [
  item('reassess-symptoms', 'Look at symptoms again', 'Compare each member\'s answers now with the start.', { opensTool: 'progress-review' }),
  item('review-area-progress', 'What changed in each area', 'Each member says what has changed in their problem area and what they still want to work on.'),
  item('plan-for-recurrence', 'Plan for hard times', 'Each member notes their warning signs and what they will do and whom they will ask if the low mood comes back.', { opensTool: 'relapse-prevention' }),
  item('refer-if-needed', 'More help if needed', 'For any member who still has many symptoms, talk with your supervisor about referral or further help.'),
  item('celebrate-and-goodbye', 'Celebrate and say goodbye', 'Mark the end of the group together and thank members for their work.'),
];

// [D] the IPT rule ([V] [S11] §5) applied to the group.
const endingNotice: EndingNotice = { earliest: 4, latest: 2, source: cite('D', ['S11'], '§5', 'IPT rule applied to group IPT.') };

/** WHO Group IPT. Shown as partly checked; review before use. */
export const whoGroupIpt: Protocol = {
  id: 'who-group-ipt',
  version: '1.0.0',
  name: 'Group Interpersonal Therapy (WHO)',
  shortName: 'Group IPT',
  evidence: 'P',
  summary: 'One individual session before the group, then eight group sessions led by trained non-specialists.',
  delivery: 'group',
  // [V] [S19a] §1.4: 8 group sessions. [D] plus 1 pre-group session (the number is not verified, §11).
  sessionCount: { min: 9, max: 9, default: 9, source: cite('D', ['S19a'], '§1.4, §11', '8 group sessions [V] plus one pre-group session [D].') },
  // [D] not verified for the WHO version.
  cadence: 'weekly',
  sessionLengthMinutes: null,
  phases: [
    {
      id: 'pre-group',
      label: 'Before the group',
      purpose: 'Meet each person alone: symptoms, when it started, important people, the problem area, and an invitation to the group.',
      setting: 'individual',
      // [D] one individual session: the reference says "session(s)" and the number is not verified (§11).
      sessions: { kind: 'first', length: { min: 1, max: 1, default: 1 }, source: cite('D', ['S20', 'S21'], '§1.4, §11', 'Number of pre-group sessions not verified; one is our default.') },
      agendaItems: preGroupItems,
    },
    {
      id: 'initial',
      label: 'Group start',
      purpose: 'Group session 1: introductions, safety, and each member\'s problem area and goals.',
      // [P] [S20][S21] §1.4: group session 1.
      sessions: { kind: 'first', length: { min: 1, max: 1, default: 1 }, source: phaseSource },
      agendaItems: groupStartItems,
    },
    {
      id: 'middle',
      label: 'Middle',
      purpose: 'Group sessions 2 to 7: members link mood to events, help each other with options and try new things.',
      // [P] [S20][S21] §1.4: group sessions 2–7.
      sessions: { kind: 'rest', min: 6, max: 6, source: phaseSource },
      agendaItems: middleItems,
    },
    {
      id: 'termination',
      label: 'Ending',
      purpose: 'Group session 8: look back, plan for hard times, arrange more help where needed, and say goodbye.',
      // [P] [S20][S21] §1.4: group session 8.
      sessions: { kind: 'last', length: { min: 1, max: 1, default: 1 }, source: phaseSource },
      agendaItems: endingItems,
    },
  ],
  sessionItems: [safetyCheckItem, completeMeasureItem, raiseEndingItem(endingNotice)],
  participants: [
    {
      role: 'group-members',
      description: 'Group sessions 1 to 8 are held with the whole group; the group size is not verified.',
      agendaItemIds: [...groupStartItems, ...middleItems, ...endingItems].map((entry) => entry.id),
      source: cite('V', ['S19a'], '§1.4'),
    },
  ],
  measureSchedule: DEFAULT_MEASURE_SCHEDULE,
  rules: {
    // [P] [S20][S21] §1.4: the problem area is identified before the group and reviewed in session 1.
    formulationBefore: { phase: 'middle', source: phaseSource },
    endingNotice,
  },
  // §10: no SNOMED CT concept for group IPT was found ([U]); WHO avoids the word "psychotherapy" ([V] [S19a]).
  codes: {
    note: 'No SNOMED CT concept for group IPT was found, and WHO deliberately avoids calling it psychotherapy, so no code is sent.',
    source: cite('D', ['S53', 'S19a'], '§10, §1.4', 'No group IPT concept found; no code is sent.'),
  },
  sources: [
    { about: 'overall', ...cite('V', ['S19a'], '§1.4') },
    { about: 'phases', ...cite('P', ['S20', 'S21'], '§1.4') },
    { about: 'delivered-by', ...cite('V', ['S19a'], '§1.1', 'Trained, supervised non-specialists.') },
  ],
};
