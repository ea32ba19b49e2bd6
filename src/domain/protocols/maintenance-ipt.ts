/**
 * Maintenance IPT (IPT-M): monthly sessions after a successful acute course, to prevent a new episode.
 */
import {
  completeMeasureItem, endingFeelingsItem, intervalReviewItem, linkMoodItem, raiseEndingItem, reviewProgressItem,
  reviewTasksItem, safetyCheckItem, somethingToTryItem, warningSignsItem,
} from './agenda-items';
import { cite } from './clinical-sources';
import { DEFAULT_MEASURE_SCHEDULE } from './measure-schedule';
import type { AgendaItem, EndingNotice, Protocol } from './protocol-definition';

// [V] [S5b][S12][S25a] §5: responders are offered a new continuation or maintenance contract;
// [V] [S1][S11] §4.6: the contract sets frequency, length and number of sessions.
const maintenanceContractItem: AgendaItem = {
  id: 'maintenance-contract',
  label: 'Agree the follow-up plan',
  guidance:
    'Agree the new plan: monthly sessions, how many, what you will keep an eye on, and what the client will do if warning signs come back between sessions.',
  required: true,
  opensTool: 'contract',
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S5b', 'S12', 'S25a', 'S1', 'S11'], '§5, §4.6'),
};

// [V] [S25b] §1.1, §9: sessions that stayed more interpersonally focused predicted a longer time well.
const keepFocusItem: AgendaItem = {
  id: 'keep-interpersonal-focus',
  label: 'Keep to relationships',
  guidance:
    'Keep the session on the client\'s relationships and the problem area from the earlier treatment. Staying on this focus is linked to staying well longer.',
  required: true,
  opensTool: 'formulation',
  source: cite('V', ['S25b'], '§1.1, §9'),
};

// [V] [S5b][S13] §5: warning symptoms and contingency plans agreed at the end of acute treatment.
const checkWarningSignsItem: AgendaItem = {
  id: 'check-warning-signs',
  label: 'Check warning signs',
  guidance: 'Go through the early warning signs written down at the end of the first treatment. Has any come back? Is the plan for hard times still right?',
  required: true,
  opensTool: 'relapse-prevention',
  source: cite('V', ['S5b', 'S13'], '§5'),
};

// [V] [S5b][S13] §5: decide whether further treatment is needed.
const maintenanceNextStepItem: AgendaItem = {
  id: 'decide-further-care',
  label: 'Decide what comes next',
  guidance:
    'Decide with the client, and your supervisor, whether to stop, to continue follow-up, or, if the illness has come back, to start a more intensive treatment.',
  required: true,
  appliesTo: { session: 'last-of-phase' },
  source: cite('V', ['S5b', 'S13'], '§5'),
};

// [D] the IPT rule ([V] [S11] §5) applied to the end of a maintenance contract.
const endingNotice: EndingNotice = { earliest: 4, latest: 2, source: cite('D', ['S11'], '§5', 'IPT rule applied to the end of maintenance.') };

/** Maintenance IPT: monthly, 24 to 36 sessions (two to three years). */
export const maintenanceIpt: Protocol = {
  id: 'ipt-maintenance',
  version: '1.0.0',
  name: 'Maintenance Interpersonal Psychotherapy',
  shortName: 'IPT-M',
  evidence: 'V',
  summary: 'Monthly sessions after acute IPT to help the client stay well.',
  delivery: 'individual',
  // [V] [S25a] §1.1: monthly for 2 years (24); [V] [S25b][S25c] §1.1: monthly for 3 years (36).
  // [D] default 24: the shorter tested course; the contract sets the number.
  sessionCount: { min: 24, max: 36, default: 24, source: cite('V', ['S25a', 'S25b', 'S25c'], '§1.1') },
  // [V] [S25a][S25b] §1.1: monthly.
  cadence: 'monthly',
  sessionLengthMinutes: null,
  phases: [
    {
      id: 'maintenance',
      label: 'Maintenance',
      purpose: 'Meet monthly to keep the gains, stay on the interpersonal focus and catch warning signs early.',
      // [V] [S25a][S25b][S25c] §1.1: long-term prevention.
      sessions: { kind: 'rest', min: 1, source: cite('V', ['S25a', 'S25b', 'S25c'], '§1.1') },
      agendaItems: [maintenanceContractItem, intervalReviewItem, reviewTasksItem, linkMoodItem, keepFocusItem, checkWarningSignsItem, somethingToTryItem],
    },
    {
      id: 'termination',
      label: 'Ending',
      purpose: 'Close the follow-up well and decide whether anything more is needed.',
      // [D] the last 1–3 sessions, default 2: ending tasks from [V] [S5b][S13] §5.
      sessions: { kind: 'last', length: { min: 1, max: 3, default: 2 }, source: cite('D', ['S5b', 'S13'], '§5', 'Length of the closing phase is our choice.') },
      agendaItems: [endingFeelingsItem, reviewProgressItem, warningSignsItem, maintenanceNextStepItem],
    },
  ],
  sessionItems: [safetyCheckItem, completeMeasureItem, raiseEndingItem(endingNotice)],
  measureSchedule: DEFAULT_MEASURE_SCHEDULE,
  rules: {
    // The focus was agreed during the acute course; maintenance has no formulation gate.
    formulationBefore: null,
    endingNotice,
  },
  // [V] [S53] §10: maintenance IPT is IPT.
  codes: { snomed: '443730003', note: 'Interpersonal psychotherapy, delivered as maintenance treatment.', source: cite('V', ['S53'], '§10') },
  sources: [
    { about: 'overall', ...cite('V', ['S25a', 'S25b', 'S25c'], '§1.1') },
    { about: 'cadence', ...cite('V', ['S25a', 'S25b'], '§1.1') },
  ],
};
