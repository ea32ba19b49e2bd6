/**
 * IPT for depressed adolescents (IPT-A): 12 weekly sessions in which a parent takes part at set points.
 */
import {
  agreeFormulationItem, closenessCircleItem, completeMeasureItem, endingFeelingsItem, explainFrameItem, furtherCareItem,
  giveDiagnosisItem, intervalReviewItem, inventoryItem, linkMoodItem, medicationItem, psychoeducationItem, raiseEndingItem,
  reviewFocusOutcomeItem, reviewProgressItem, reviewTasksItem, revisitFocusItem, safetyCheckItem, somethingToTryItem,
  takeHistoryItem, techniqueItem, timelineItem, warningSignsItem, workOnFocusItem,
} from './agenda-items';
import { cite } from './clinical-sources';
import { DEFAULT_MEASURE_SCHEDULE } from './measure-schedule';
import type { AgendaItem, EndingNotice, Protocol } from './protocol-definition';

// [V] [S23a] §1.6: parents join (1) the first session, (2) a middle-phase parent–adolescent session if the
// problem area involves them, (3) the end.
const parentFirstSessionItem: AgendaItem = {
  id: 'parent-first-session',
  label: 'Meet with the parent',
  guidance:
    'Invite a parent or caregiver to part of this session. Explain what depression is, how the treatment works and how they can support the young person.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S23a'], '§1.6'),
};

const parentJointSessionItem: AgendaItem = {
  id: 'parent-joint-session',
  label: 'Joint session with the parent',
  guidance:
    'Because the focus involves a parent, consider one session with the young person and the parent together, to practise talking about the problem. Plan it with the young person first.',
  required: false,
  appliesTo: { conditions: ['focus-involves-parent'] },
  source: cite('V', ['S23a'], '§1.6'),
};

const parentEndSessionItem: AgendaItem = {
  id: 'parent-end-session',
  label: 'Review with the parent',
  guidance: 'Invite the parent to part of the last session: go over the progress made and how the family can help keep the changes going.',
  required: true,
  appliesTo: { session: 'last-of-phase' },
  source: cite('V', ['S23a'], '§1.6'),
};

// [V] [S2][S3][S31] §4.4: the sick role. IPT-A's "limited" version is [U] in the reference, so it is not
// spelled out here: what the young person is excused from is left to the counsellor and the family.
const illnessNotFaultItem: AgendaItem = {
  id: 'illness-not-fault',
  label: 'An illness, not a fault',
  guidance:
    'Explain that depression is an illness that can be treated and is nobody\'s fault. Agree with the young person (and parent) what help they need for now, and that their part is to come to sessions and try things out.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S2', 'S3', 'S31'], '§4.4', 'The adolescent "limited sick role" is not verified, so only the shared core is used.'),
};

// [V] [S1][S11] §4.6; [D] §4.6 contract fields include participants such as a parent in IPT-A.
const iptAContractItem: AgendaItem = {
  id: 'treatment-contract',
  label: 'Agree the plan',
  guidance:
    'Write down together: how many sessions are left, when you meet, the focus and goals, the questionnaires, and when the parent will join. Any later change is agreed openly.',
  required: true,
  opensTool: 'contract',
  appliesTo: { session: 'last-of-phase' },
  source: cite('V', ['S1', 'S11'], '§4.6'),
};

// [D] carried over from IPT ([V] [S11] §5).
const endingNotice: EndingNotice = { earliest: 4, latest: 2, source: cite('D', ['S11'], '§5', 'IPT rule applied to IPT-A.') };

/** IPT-A. The three-phase split follows adult IPT [D]: the reference gives only the 12 weeks and the phases. */
export const iptA: Protocol = {
  id: 'ipt-a',
  version: '1.0.0',
  name: 'Interpersonal Psychotherapy for Depressed Adolescents',
  shortName: 'IPT-A',
  evidence: 'V',
  summary: 'Twelve weekly sessions with a young person; a parent joins at the start, at the end, and when the focus involves them.',
  delivery: 'individual',
  // [V] [S23a] §1.1, §1.6: 12 weekly sessions.
  sessionCount: { min: 12, max: 12, default: 12, source: cite('V', ['S23a'], '§1.6') },
  cadence: 'weekly',
  // Not given by the reference: the contract sets it.
  sessionLengthMinutes: null,
  phases: [
    {
      id: 'initial',
      label: 'Initial',
      purpose: 'Understand the illness and the young person\'s relationships, involve the parent, and agree one focus.',
      // [V] [S23a] §1.1: initial / middle / termination. [D] lengths as in adult IPT ([V] [S4]: at most 3).
      sessions: { kind: 'first', length: { min: 1, max: 3, default: 3 }, source: cite('D', ['S23a', 'S4'], '§1.1', 'Adult IPT phase lengths applied to IPT-A.') },
      agendaItems: [
        parentFirstSessionItem, explainFrameItem, takeHistoryItem, giveDiagnosisItem, illnessNotFaultItem, medicationItem,
        psychoeducationItem, inventoryItem, closenessCircleItem, timelineItem, agreeFormulationItem, iptAContractItem,
      ],
    },
    {
      id: 'middle',
      label: 'Middle',
      purpose: 'Work on the agreed problem area week by week.',
      // [V] [S23a] §1.1.
      sessions: { kind: 'rest', min: 1, source: cite('V', ['S23a'], '§1.1') },
      agendaItems: [
        intervalReviewItem, revisitFocusItem, reviewTasksItem, linkMoodItem, workOnFocusItem, techniqueItem, somethingToTryItem,
        parentJointSessionItem,
      ],
    },
    {
      id: 'termination',
      label: 'Ending',
      purpose: 'Look back at what changed, plan for hard times with the young person and the parent, and decide what comes next.',
      // [D] the last 2–4 sessions as in adult IPT ([V] [S11] §5).
      sessions: { kind: 'last', length: { min: 2, max: 4, default: 2 }, source: cite('D', ['S23a', 'S11'], '§1.1, §5', 'Adult IPT ending window applied to IPT-A.') },
      agendaItems: [endingFeelingsItem, reviewProgressItem, reviewFocusOutcomeItem, warningSignsItem, parentEndSessionItem, furtherCareItem],
    },
  ],
  sessionItems: [safetyCheckItem, completeMeasureItem, raiseEndingItem(endingNotice)],
  participants: [
    {
      role: 'parent',
      description: 'A parent or caregiver joins the first session, an optional joint session in the middle phase, and the end.',
      agendaItemIds: ['parent-first-session', 'parent-joint-session', 'parent-end-session'],
      source: cite('V', ['S23a'], '§1.6'),
    },
  ],
  // [D] PHQ-9 by default like every protocol; an organization may prefer the PHQ-A (§6.3) through an override.
  measureSchedule: DEFAULT_MEASURE_SCHEDULE,
  rules: {
    // [D] carried over from IPT ([V] [S3][S4] §4.5).
    formulationBefore: { phase: 'middle', source: cite('D', ['S3', 'S4'], '§4.5', 'IPT rule applied to IPT-A.') },
    endingNotice,
  },
  // [V] [S53] §10: IPT-A is IPT adapted for adolescents, so the IPT concept fits.
  codes: { snomed: '443730003', note: 'Interpersonal psychotherapy; IPT-A is IPT adapted for adolescents.', source: cite('V', ['S53'], '§10') },
  sources: [
    { about: 'overall', ...cite('V', ['S23a'], '§1.1, §1.6') },
    { about: 'phases', ...cite('D', ['S23a', 'S4', 'S11'], '§1.1', 'Phase lengths follow adult IPT.') },
  ],
};
