/**
 * Individual IPT for an acute episode of depression: 12–16 weekly sessions in three phases.
 * The reference protocol the other variants are compared with.
 */
import {
  agreeFormulationItem, closenessCircleItem, completeMeasureItem, endingFeelingsItem, explainFrameItem, furtherCareItem,
  giveDiagnosisItem, intervalReviewItem, inventoryItem, linkMoodItem, medicationItem, psychoeducationItem, raiseEndingItem,
  reviewFocusOutcomeItem, reviewProgressItem, reviewTasksItem, revisitFocusItem, safetyCheckItem, sickRoleItem,
  somethingToTryItem, takeHistoryItem, techniqueItem, timelineItem, treatmentContractItem, warningSignsItem, workOnFocusItem,
} from './agenda-items';
import { cite } from './clinical-sources';
import { DEFAULT_MEASURE_SCHEDULE } from './measure-schedule';
import type { EndingNotice, Protocol } from './protocol-definition';

// [V] [S11] §5: raise termination explicitly 2–4 sessions before the end.
const endingNotice: EndingNotice = { earliest: 4, latest: 2, source: cite('V', ['S11'], '§5') };

/** IPT (individual, acute). Shipped as data; see docs/protocols.md. */
export const iptAcute: Protocol = {
  id: 'ipt-acute',
  version: '1.0.0',
  name: 'Interpersonal Psychotherapy (individual, acute)',
  shortName: 'IPT',
  evidence: 'V',
  summary: 'Weekly individual sessions over 12 to 16 weeks: agree a focus, work on it, then end well.',
  delivery: 'individual',
  // [V] [S1][S2][S4] §1.1: 12–16 weekly sessions. [D] default 12: the lower end; the contract sets the number.
  sessionCount: { min: 12, max: 16, default: 12, source: cite('V', ['S1', 'S2', 'S4'], '§1.1') },
  // [V] [S1][S2][S4] §1.1: weekly.
  cadence: 'weekly',
  // [V] [S1][S2][S4] §1.1: 45–50 minutes.
  sessionLengthMinutes: { min: 45, max: 50 },
  phases: [
    {
      id: 'initial',
      label: 'Initial',
      purpose: 'Understand the illness and the client\'s relationships, choose one focus with the client, and agree the plan.',
      // [V] [S4] §1.1: the initial phase takes at most 3 sessions ([S2] allows 1–4; we follow [S4]).
      sessions: { kind: 'first', length: { min: 1, max: 3, default: 3 }, source: cite('V', ['S4'], '§1.1') },
      agendaItems: [
        explainFrameItem, takeHistoryItem, giveDiagnosisItem, sickRoleItem, medicationItem, psychoeducationItem,
        inventoryItem, closenessCircleItem, timelineItem, agreeFormulationItem, treatmentContractItem,
      ],
    },
    {
      id: 'middle',
      label: 'Middle',
      purpose: 'Work on the agreed problem area week by week, linking mood to what happens with other people.',
      // [V] [S2][S4] §1.1: the middle phase lies between the initial and termination phases.
      sessions: { kind: 'rest', min: 1, source: cite('V', ['S2', 'S4'], '§1.1') },
      agendaItems: [intervalReviewItem, revisitFocusItem, reviewTasksItem, linkMoodItem, workOnFocusItem, techniqueItem, somethingToTryItem],
    },
    {
      id: 'termination',
      label: 'Ending',
      purpose: 'Prepare for the end: look back at what changed, plan for hard times, and decide what comes next.',
      // [D] the last 2–4 sessions, following the [V] [S11] §5 window for raising the ending. Default 2, as in
      // the 16-session layout (15–16) of the background material.
      sessions: { kind: 'last', length: { min: 2, max: 4, default: 2 }, source: cite('D', ['S11'], '§5', 'Phase length follows the 2–4 session window for raising the ending.') },
      agendaItems: [endingFeelingsItem, reviewProgressItem, reviewFocusOutcomeItem, warningSignsItem, furtherCareItem],
    },
  ],
  sessionItems: [safetyCheckItem, completeMeasureItem, raiseEndingItem(endingNotice)],
  measureSchedule: DEFAULT_MEASURE_SCHEDULE,
  rules: {
    // [V] [S3][S4] §4.5: the client's explicit agreement on the focus is needed before the middle phase.
    formulationBefore: { phase: 'middle', source: cite('V', ['S3', 'S4'], '§4.5') },
    endingNotice,
  },
  // [V] [S53] §10: SNOMED CT 443730003 Interpersonal psychotherapy.
  codes: { snomed: '443730003', note: 'Interpersonal psychotherapy (regime/therapy).', source: cite('V', ['S53'], '§10') },
  sources: [
    { about: 'overall', ...cite('V', ['S1', 'S2', 'S4'], '§1.1') },
    { about: 'phases', ...cite('V', ['S2', 'S3', 'S4'], '§1.2') },
    { about: 'delivered-by', ...cite('V', ['S1', 'S2', 'S4'], '§1.1', 'Mental-health clinicians.') },
  ],
};
