/**
 * Brief IPT (IPT-B): 8 sessions with the IPT phases compressed, used among others in perinatal care.
 */
import {
  agreeFormulationItem, completeMeasureItem, endingFeelingsItem, explainFrameItem, furtherCareItem, giveDiagnosisItem,
  intervalReviewItem, inventoryItem, linkMoodItem, medicationItem, psychoeducationItem, raiseEndingItem, reviewFocusOutcomeItem,
  reviewProgressItem, reviewTasksItem, revisitFocusItem, safetyCheckItem, sickRoleItem, somethingToTryItem, takeHistoryItem,
  techniqueItem, timelineItem, treatmentContractItem, warningSignsItem, workOnFocusItem,
} from './agenda-items';
import { cite } from './clinical-sources';
import { DEFAULT_MEASURE_SCHEDULE } from './measure-schedule';
import type { EndingNotice, Protocol } from './protocol-definition';

// [D] carried over from IPT ([V] [S11] §5).
const endingNotice: EndingNotice = { earliest: 4, latest: 2, source: cite('D', ['S11'], '§5', 'IPT rule applied to IPT-B.') };

/**
 * IPT-B, 8 sessions. Grote's optional engagement session (motivational and ethnographic interviewing)
 * is not modelled as a phase: it sits outside the 8 sessions; see docs/protocols.md.
 */
export const iptB: Protocol = {
  id: 'ipt-b',
  version: '1.0.0',
  name: 'Brief Interpersonal Psychotherapy',
  shortName: 'IPT-B',
  evidence: 'V',
  summary: 'Eight sessions of IPT with shorter phases.',
  delivery: 'individual',
  // [V] [S26b][S26c] §1.1: 8 sessions.
  sessionCount: { min: 8, max: 8, default: 8, source: cite('V', ['S26b', 'S26c'], '§1.1') },
  // [D] the reference gives no cadence for IPT-B; weekly as in IPT.
  cadence: 'weekly',
  sessionLengthMinutes: null,
  phases: [
    {
      id: 'initial',
      label: 'Initial',
      purpose: 'Understand the illness and relationships quickly, and agree one focus.',
      // [V] [S26b][S26c] §1.1: compressed IPT phases. [D] 1–2 sessions, default 2.
      sessions: { kind: 'first', length: { min: 1, max: 2, default: 2 }, source: cite('D', ['S26b', 'S26c'], '§1.1', 'Compressed phases; the split is our choice.') },
      agendaItems: [
        explainFrameItem, takeHistoryItem, giveDiagnosisItem, sickRoleItem, medicationItem, psychoeducationItem, inventoryItem,
        timelineItem, agreeFormulationItem, treatmentContractItem,
      ],
    },
    {
      id: 'middle',
      label: 'Middle',
      purpose: 'Work on the agreed problem area.',
      // [V] [S26b][S26c] §1.1. [D] at least 2 sessions.
      sessions: { kind: 'rest', min: 2, source: cite('D', ['S26b', 'S26c'], '§1.1', 'At least two working sessions is our choice.') },
      agendaItems: [intervalReviewItem, revisitFocusItem, reviewTasksItem, linkMoodItem, workOnFocusItem, techniqueItem, somethingToTryItem],
    },
    {
      id: 'termination',
      label: 'Ending',
      purpose: 'Look back at what changed, plan for hard times, and decide what comes next.',
      // [D] 1–2 sessions, default 2.
      sessions: { kind: 'last', length: { min: 1, max: 2, default: 2 }, source: cite('D', ['S26b', 'S26c', 'S11'], '§1.1, §5', 'Compressed ending phase; the length is our choice.') },
      agendaItems: [endingFeelingsItem, reviewProgressItem, reviewFocusOutcomeItem, warningSignsItem, furtherCareItem],
    },
  ],
  sessionItems: [safetyCheckItem, completeMeasureItem, raiseEndingItem(endingNotice)],
  measureSchedule: DEFAULT_MEASURE_SCHEDULE,
  rules: {
    // [D] carried over from IPT ([V] [S3][S4] §4.5).
    formulationBefore: { phase: 'middle', source: cite('D', ['S3', 'S4'], '§4.5', 'IPT rule applied to IPT-B.') },
    endingNotice,
  },
  // [V] [S53] §10: IPT-B is a brief form of IPT, so the IPT concept fits.
  codes: { snomed: '443730003', note: 'Interpersonal psychotherapy; IPT-B is a brief form of IPT.', source: cite('V', ['S53'], '§10') },
  sources: [
    { about: 'overall', ...cite('V', ['S26b', 'S26c'], '§1.1') },
    { about: 'phases', ...cite('D', ['S26b', 'S26c'], '§1.1', 'Compressed IPT phases; the lengths are our choice.') },
  ],
};
