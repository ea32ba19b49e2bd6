/**
 * Interpersonal Counselling (IPC): a brief, simplified form of IPT for distressed people in primary care,
 * delivered by staff of differing training. Two shapes are shipped: a flexible 3–6 session course and the
 * 3-session primary-care outline.
 */
import { completeMeasureItem, intervalReviewItem, raiseEndingItem, reviewTasksItem, revisitFocusItem, safetyCheckItem } from './agenda-items';
import { cite } from './clinical-sources';
import { DEFAULT_MEASURE_SCHEDULE } from './measure-schedule';
import type { AgendaItem, EndingNotice, Protocol, ProtocolCodes } from './protocol-definition';

// [D] §1.3, §10: no SNOMED CT concept for IPC was found ([U]). 443730003 would label counselling as
// psychotherapy, and the generic 75516001 "Psychotherapy" is not justified either, so no code is sent.
const ipcCodes: ProtocolCodes = {
  note: 'No SNOMED CT concept for interpersonal counselling was found; neither the IPT code nor the generic psychotherapy code describes it, so none is sent.',
  source: cite('D', ['S53'], '§10', 'No IPC concept found; no code is sent.'),
};

// --- IPC items ---------------------------------------------------------------------------------------

// [V] [S17] §1.3: assess functioning, recent life events, work and family stress, relationship changes.
const currentProblemsItem: AgendaItem = {
  id: 'current-problems',
  label: 'What is happening now',
  guidance:
    'Ask how the client has been feeling, how they are managing at home and at work, and what has changed recently: events, stress in the family or at work, and changes in relationships.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S17'], '§1.3'),
};

// [P] [S16] §1.3: "not your fault" psychoeducation and hope, session 1.
const notYourFaultItem: AgendaItem = {
  id: 'not-your-fault',
  label: 'Not your fault, and there is hope',
  guidance:
    'Explain that feeling this way is common when life is stressful, that it is not the client\'s fault, and that talking about what is going on with people in their life often helps.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('P', ['S16'], '§1.3'),
};

// [P] [S16] §1.3: problem-solve role difficulties, session 1.
const firstStepsItem: AgendaItem = {
  id: 'first-problem-solving',
  label: 'First practical steps',
  guidance: 'If the client raises a pressing difficulty with a person or a role, think through one or two practical first steps together.',
  required: false,
  appliesTo: { session: 'first-of-phase' },
  source: cite('P', ['S16'], '§1.3'),
};

// [P] [S16] §1.3: focused inventory; [V] [S17] §1.3: relationship changes.
const focusedInventoryItem: AgendaItem = {
  id: 'focused-inventory',
  label: 'Important people (short)',
  guidance: 'Ask briefly about the main people in the client\'s life: who helps, who is difficult, and who has come or gone recently.',
  required: true,
  opensTool: 'inventory',
  source: cite('P', ['S16', 'S17'], '§1.3'),
};

// [P] [S16] §1.3: choose a problem area in session 1; [V] [S17] §1.1: current stress areas.
const chooseStressAreaItem: AgendaItem = {
  id: 'choose-stress-area',
  label: 'Choose the stress area',
  guidance:
    'Agree with the client which one area to work on: grief after a death, a disagreement with someone, a life change, or loneliness. Say in simple words how it seems linked to how they feel, and check that they agree.',
  required: true,
  opensTool: 'formulation',
  appliesTo: { session: 'last-of-phase', conditions: ['formulation-not-agreed'] },
  source: cite('P', ['S16', 'S17'], '§1.3, §1.1'),
};

// [P] [S16] §1.3: explain the next sessions and the triage at the end.
const explainNextSessionsItem: AgendaItem = {
  id: 'explain-next-sessions',
  label: 'Explain the next sessions',
  guidance:
    'Tell the client how many more times you will meet, what you will do, and that at the last meeting you will decide together whether more help is needed.',
  required: true,
  opensTool: 'contract',
  appliesTo: { session: 'last-of-phase' },
  source: cite('P', ['S16'], '§1.3'),
};

// [P] [S16] §1.3: session 2 strategies for grief, disputes, transitions, isolation; [V] [S17] §1.1.
const ipcWorkOnAreaItem: AgendaItem = {
  id: 'work-on-focus',
  label: 'Work on the stress area',
  guidance: 'Use the checklist for the chosen area to talk through the problem and agree what the client could try.',
  required: true,
  opensTool: 'formulation',
  source: cite('P', ['S16', 'S17'], '§1.3, §1.1'),
};

// [D] §5 adapted: IPT's ending tasks ([V] [S5b][S13]) applied to IPC's termination session ([V] [S17]).
const ipcLookBackItem: AgendaItem = {
  id: 'look-back',
  label: 'Look back and plan ahead',
  guidance:
    'Point out the progress the client has made and who supports them. Talk about what stress might come up next and which of the things that helped they can use again.',
  required: true,
  opensTool: 'relapse-prevention',
  source: cite('D', ['S17', 'S5b', 'S13'], '§1.1, §5', 'IPT ending tasks applied to the IPC termination session.'),
};

// [V] [S14] §1.1: evaluation → strategies → triage; [V] [S18] §1.1 (IPT-EST); [P] [S16] §1.3 session 3.
const triageItem: AgendaItem = {
  id: 'triage',
  label: 'Decide on further help',
  guidance:
    'Look at the questionnaire scores with the client and decide together: stop here, add a few sessions, or refer for more treatment (such as full IPT or a doctor\'s review). Involve your supervisor if the client is not better.',
  required: true,
  opensTool: 'progress-review',
  appliesTo: { session: 'last-of-phase' },
  source: cite('V', ['S14', 'S18'], '§1.1'),
};

// --- Flexible IPC (3–6 sessions) ---------------------------------------------------------------------

// [D] §1.3: IPC sources do not say when to raise the ending; the contract names the number of sessions at
// the start, so we ask for it to be raised at the latest the session before the last.
const ipcEndingNotice: EndingNotice = { earliest: 2, latest: 1, source: cite('D', ['S16'], '§1.3', 'Brief formats explain the next sessions and the ending from the first session.') };

/** IPC, 3 to 6 sessions (Klerman 1987, Judd 2004; Weissman 2014 allows a flexible number). */
export const ipc: Protocol = {
  id: 'ipc',
  version: '1.0.0',
  name: 'Interpersonal Counselling',
  shortName: 'IPC',
  evidence: 'V',
  summary: 'Up to six short sessions: understand what is going on, pick one stress area, work on it, and decide on further help.',
  delivery: 'individual',
  // [V] [S17][S15] §1.1: at most 6 sessions. [P] [S16] §1.3: a 3-session outline exists, so 3 is the minimum here [D].
  sessionCount: { min: 3, max: 6, default: 6, source: cite('V', ['S17', 'S15'], '§1.1', 'Minimum of 3 follows the 3-session outline [P] [S16].') },
  // [D] the sources give no cadence; the contract sets it.
  cadence: 'flexible',
  // [V] [S17][S15] §1.1: the first session up to 30 minutes, later ones briefer.
  sessionLengthMinutes: { max: 30 },
  phases: [
    {
      id: 'initial',
      label: 'Assessment',
      purpose: 'Find out what is happening, explain the link between stress and mood, and choose one stress area.',
      // [V] [S17][S15] §1.1: assessment and education come first. [D] 1 session by default, up to 2.
      sessions: { kind: 'first', length: { min: 1, max: 2, default: 1 }, source: cite('D', ['S17', 'S15', 'S16'], '§1.1, §1.3', 'Assessment, education and choosing the area; the 3-session outline does this in session 1.') },
      agendaItems: [currentProblemsItem, notYourFaultItem, firstStepsItem, focusedInventoryItem, chooseStressAreaItem, explainNextSessionsItem],
    },
    {
      id: 'middle',
      label: 'Working on the stress area',
      purpose: 'Work on the chosen stress area with simple strategies.',
      // [V] [S17][S15] §1.1: current stress areas.
      sessions: { kind: 'rest', min: 1, source: cite('V', ['S17', 'S15'], '§1.1') },
      agendaItems: [intervalReviewItem, revisitFocusItem, reviewTasksItem, ipcWorkOnAreaItem],
    },
    {
      id: 'termination',
      label: 'Ending and next steps',
      purpose: 'Look back, plan for future stress, and decide whether more help is needed.',
      // [V] [S17][S15] §1.1: termination; [V] [S14] §1.1: triage. [D] one session.
      sessions: { kind: 'last', length: { min: 1, max: 1, default: 1 }, source: cite('V', ['S17', 'S15', 'S14'], '§1.1', 'One closing session is our choice [D].') },
      agendaItems: [ipcLookBackItem, triageItem],
    },
  ],
  sessionItems: [safetyCheckItem, completeMeasureItem, raiseEndingItem(ipcEndingNotice)],
  measureSchedule: DEFAULT_MEASURE_SCHEDULE,
  rules: {
    // [D] carried over from IPT ([V] [S3][S4] §4.5); IPC also chooses the area before the work ([P] [S16]).
    formulationBefore: { phase: 'middle', source: cite('D', ['S3', 'S4', 'S16'], '§4.5, §1.3', 'IPT rule applied to IPC.') },
    endingNotice: ipcEndingNotice,
  },
  codes: ipcCodes,
  sources: [
    { about: 'overall', ...cite('V', ['S17', 'S15', 'S14'], '§1.1, §1.3') },
    { about: 'session-length', ...cite('V', ['S17', 'S15'], '§1.1', 'First session up to 30 minutes, later ones briefer.') },
    { about: 'delivered-by', ...cite('V', ['S17', 'S15', 'S14'], '§1.1', 'Nurse practitioners, primary-care staff, staff of differing training levels.') },
  ],
};

// --- The 3-session primary-care outline ----------------------------------------------------------------

// [P] [S16] §1.3: the ending (triage) is explained in session 1.
const outlineEndingNotice: EndingNotice = { earliest: 2, latest: 1, source: cite('P', ['S16'], '§1.3') };

/** IPC as the 3-session outline (evaluation, strategies, triage). Partly checked: secondary source. */
export const ipcThreeSession: Protocol = {
  id: 'ipc-3-session',
  version: '1.0.0',
  name: 'Interpersonal Counselling, 3-session outline',
  shortName: 'IPC-3',
  evidence: 'P',
  summary: 'Three sessions for primary care: evaluation and choosing a stress area, strategies, and triage.',
  delivery: 'individual',
  // [P] [S16] §1.3; [V] [S14] §1.1 says a 3-session outline exists.
  sessionCount: { min: 3, max: 3, default: 3, source: cite('P', ['S16', 'S14'], '§1.3, §1.1') },
  // [D] not given by the sources.
  cadence: 'flexible',
  // Not given by the outline: the contract sets it.
  sessionLengthMinutes: null,
  phases: [
    {
      id: 'initial',
      label: 'Evaluation',
      purpose: 'Review the problems, give hope, look at important people and choose one stress area.',
      // [P] [S16] §1.3: session 1.
      sessions: { kind: 'first', length: { min: 1, max: 1, default: 1 }, source: cite('P', ['S16'], '§1.3') },
      agendaItems: [currentProblemsItem, notYourFaultItem, firstStepsItem, focusedInventoryItem, chooseStressAreaItem, explainNextSessionsItem],
    },
    {
      id: 'middle',
      label: 'Strategies',
      purpose: 'Review how things are and use strategies for the chosen stress area.',
      // [P] [S16] §1.3: session 2.
      sessions: { kind: 'rest', min: 1, max: 1, source: cite('P', ['S16'], '§1.3') },
      agendaItems: [intervalReviewItem, revisitFocusItem, reviewTasksItem, ipcWorkOnAreaItem],
    },
    {
      id: 'termination',
      label: 'Triage',
      purpose: 'Decide together whether the client needs more help, and of what kind.',
      // [P] [S16] §1.3: session 3.
      sessions: { kind: 'last', length: { min: 1, max: 1, default: 1 }, source: cite('P', ['S16'], '§1.3') },
      agendaItems: [ipcLookBackItem, triageItem],
    },
  ],
  sessionItems: [safetyCheckItem, completeMeasureItem, raiseEndingItem(outlineEndingNotice)],
  measureSchedule: DEFAULT_MEASURE_SCHEDULE,
  rules: {
    // [P] [S16] §1.3: the area is chosen in session 1, before the strategies session.
    formulationBefore: { phase: 'middle', source: cite('P', ['S16'], '§1.3') },
    endingNotice: outlineEndingNotice,
  },
  codes: ipcCodes,
  sources: [
    { about: 'overall', ...cite('P', ['S16'], '§1.3') },
    { about: 'phases', ...cite('V', ['S14'], '§1.1', 'Evaluation/inventory → strategies → triage.') },
  ],
};
