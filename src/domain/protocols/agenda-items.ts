/**
 * Agenda items shared by several protocols. Each is one step a counsellor takes in a session, written in
 * plain words for someone with a few days of training, with the citation for the step.
 *
 * Shared so that IPT, IPT-A, IPT-B and maintenance IPT say the same thing the same way; a protocol that
 * needs different wording defines its own item in its own file.
 */
import { cite } from './clinical-sources';
import type { AgendaItem, EndingNotice } from './protocol-definition';

// ---------------------------------------------------------------------------------------------------
// Items that can apply in any session, whatever the phase.
// ---------------------------------------------------------------------------------------------------

/** Safety comes first whenever a risk answer is open. */
// [V] [S38a][S37e][S48a] clinical-reference §8: a risk trigger needs same-session clinician/supervisor review.
export const safetyCheckItem: AgendaItem = {
  id: 'safety-check',
  label: 'Check safety first',
  guidance:
    'A risk answer is open. Before anything else, ask the client directly about thoughts of self-harm or suicide, follow your safety steps, and call your supervisor today.',
  required: true,
  opensTool: 'safety-check',
  appliesTo: { conditions: ['risk-flag-open'] },
  source: cite('V', ['S38a', 'S37e', 'S48a'], '§8'),
};

/** Measures keep treatment honest about progress. */
// [V] [S2][S3][S4] §1.2: repeat a depression scale regularly to track progress.
export const completeMeasureItem: AgendaItem = {
  id: 'complete-measure',
  label: 'Questionnaire',
  guidance:
    'Ask the client to fill in the questionnaire that is due, then look at the score together and compare it with last time.',
  required: true,
  opensTool: 'measure',
  appliesTo: { conditions: ['measure-due'] },
  source: cite('V', ['S2', 'S3', 'S4'], '§1.2'),
};

/**
 * The ending is raised explicitly some sessions before the last one, so the client can prepare for it.
 * Shown from the window's start until it has been raised, even if the latest point has passed.
 */
export function raiseEndingItem(notice: EndingNotice): AgendaItem {
  return {
    id: 'raise-ending',
    label: 'Talk about the ending',
    guidance:
      'Remind the client how many sessions are left and that treatment will end. Ask how they feel about stopping and what they want to get done before then.',
    required: true,
    appliesTo: { sessionsBeforeEnd: { min: 0, max: notice.earliest }, conditions: ['termination-not-discussed'] },
    source: notice.source,
  };
}

// ---------------------------------------------------------------------------------------------------
// Initial phase (individual IPT): [V] [S2][S3][S4] clinical-reference §1.2 unless noted.
// ---------------------------------------------------------------------------------------------------

// [V] [S1][S11] §4.6: frequency, length and a fixed number of sessions are set at the start.
export const explainFrameItem: AgendaItem = {
  id: 'explain-treatment-frame',
  label: 'Explain how treatment works',
  guidance:
    'Explain that you will meet for a set number of sessions, how often and for how long, and that each session looks at how mood and relationships affect each other.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S1', 'S11'], '§4.6'),
};

// [V] [S2][S3][S4] §1.2: psychiatric history.
export const takeHistoryItem: AgendaItem = {
  id: 'take-history',
  label: 'Symptoms and history',
  guidance:
    'Ask which problems the client has now, when they started, whether they have felt like this before, and what treatment they have had.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S2', 'S3', 'S4'], '§1.2'),
};

// [V] [S2][S3][S4] §1.2: an explicit diagnosis, framed as a treatable medical illness.
export const giveDiagnosisItem: AgendaItem = {
  id: 'give-diagnosis',
  label: 'Name the illness',
  guidance:
    'Tell the client clearly what the problem is called (for example, depression). Explain that it is a common illness, that it can be treated, and that it is not their fault.',
  required: true,
  opensTool: 'diagnosis',
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S2', 'S3', 'S4'], '§1.2'),
};

// [V] [S2][S3][S31] §4.4: the sick role.
export const sickRoleItem: AgendaItem = {
  id: 'sick-role',
  label: 'Permission to recover',
  guidance:
    'Explain that, as with any illness, it is all right to do a little less for a while and not to blame themselves. In return, their part is to come to sessions and work on getting better.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S2', 'S3', 'S31'], '§4.4'),
};

// [V] [S2][S3][S4] §1.2: assess the need for medication.
export const medicationItem: AgendaItem = {
  id: 'medication-check',
  label: 'Ask about medicines',
  guidance:
    'Ask whether the client takes any medicines for their mood. If they are very unwell or medicines might help, arrange for your supervisor or a doctor to review this.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S2', 'S3', 'S4'], '§1.2'),
};

// [V] [S2][S3][S4] §1.2: psychoeducation.
export const psychoeducationItem: AgendaItem = {
  id: 'psychoeducation',
  label: 'Explain depression',
  guidance:
    'Go through the client\'s own symptoms and explain that they belong to the illness. Give hope: most people get better with treatment.',
  required: true,
  appliesTo: { session: 'first-of-phase' },
  source: cite('V', ['S2', 'S3', 'S4'], '§1.2'),
};

// [V] [S1][S3][S4] §4.1: the interpersonal inventory.
export const inventoryItem: AgendaItem = {
  id: 'interpersonal-inventory',
  label: 'Important people',
  guidance:
    'Go through the important people in the client\'s life one by one: what each relationship gives them, what is difficult, what each expects of the other, and what has changed since the problems began.',
  required: true,
  opensTool: 'inventory',
  source: cite('V', ['S1', 'S3', 'S4'], '§4.1'),
};

// [V] [S29a][S29b] §4.2: the closeness circle (origin: FB-IPT guide).
export const closenessCircleItem: AgendaItem = {
  id: 'closeness-circle',
  label: 'Closeness circle',
  guidance:
    'If it helps, ask the client to place each important person on circles around them: the closer the person feels, the nearer the middle.',
  required: false,
  opensTool: 'closeness-circle',
  source: cite('V', ['S29a', 'S29b'], '§4.2'),
};

// [P] [S20][S27] §4.3: a timeline links the start of symptoms to life events.
export const timelineItem: AgendaItem = {
  id: 'timeline',
  label: 'Timeline of events',
  guidance:
    'Draw a simple timeline with the client: when the low mood started or got worse, and what was happening in their life and relationships at those times.',
  required: false,
  opensTool: 'timeline',
  source: cite('P', ['S20', 'S27'], '§4.3'),
};

// [V] [S3][S4] §4.5: formulation linked to one problem area, with the client's explicit agreement.
export const agreeFormulationItem: AgendaItem = {
  id: 'agree-formulation',
  label: 'Agree the focus',
  guidance:
    'Choose one problem area with the client (grief, a disagreement, a life change, or loneliness). Explain in simple words how it links to their mood, and ask whether they agree. Only move on once they do.',
  required: true,
  opensTool: 'formulation',
  appliesTo: { session: 'last-of-phase', conditions: ['formulation-not-agreed'] },
  source: cite('V', ['S3', 'S4'], '§4.5'),
};

// [V] [S1][S11] §4.6: treatment contract; [V] [S2][S3][S4] §1.2: time-limited contract ends the initial phase.
export const treatmentContractItem: AgendaItem = {
  id: 'treatment-contract',
  label: 'Agree the plan',
  guidance:
    'Write down together: how many sessions are left, how often and how long you will meet, the focus and goals, and which questionnaires you will use. Any later change is agreed openly.',
  required: true,
  opensTool: 'contract',
  appliesTo: { session: 'last-of-phase' },
  source: cite('V', ['S1', 'S11', 'S2', 'S3', 'S4'], '§4.6, §1.2'),
};

// ---------------------------------------------------------------------------------------------------
// Middle phase (individual IPT): [V] [S2][S10] clinical-reference §1.2 unless noted.
// ---------------------------------------------------------------------------------------------------

// [V] [S2][S10] §1.2: open with the interval since the last session.
export const intervalReviewItem: AgendaItem = {
  id: 'interval-review',
  label: 'Since last time',
  guidance: 'Start by asking how things have been since you last met: how their mood has been, and what has happened.',
  required: true,
  opensTool: 'worksheet',
  source: cite('V', ['S2', 'S10'], '§1.2, §3'),
};

// [V] [S2][S10] §1.2: link weekly mood to interpersonal events.
export const linkMoodItem: AgendaItem = {
  id: 'link-mood-and-events',
  label: 'Link mood and events',
  guidance:
    'Help the client see how their mood since you last met went with what happened with other people, for better or worse.',
  required: true,
  source: cite('V', ['S2', 'S10'], '§1.2'),
};

// [V] [S10] §3: no formal homework, but new behaviours are suggested; follow them up.
export const reviewTasksItem: AgendaItem = {
  id: 'review-tasks',
  label: 'What did you try?',
  guidance: 'Ask about what the client planned to try since last time: what they did, what happened, and how it affected their mood.',
  required: true,
  opensTool: 'task-review',
  appliesTo: { conditions: ['tasks-to-review'] },
  source: cite('V', ['S10'], '§3'),
};

// [V] [S2][S10] §1.2: apply the problem-area strategies (§2).
export const workOnFocusItem: AgendaItem = {
  id: 'work-on-focus',
  label: 'Work on the focus',
  guidance: 'Spend most of the session on the agreed problem area. Use its checklist to choose what to work on today.',
  required: true,
  opensTool: 'formulation',
  source: cite('V', ['S2', 'S10'], '§1.2, §2'),
};

// [V] [S9][S10] §3: communication analysis, decision analysis, role play and the other techniques.
export const techniqueItem: AgendaItem = {
  id: 'use-a-technique',
  label: 'Use a technique',
  guidance:
    'Where it fits, go through a recent difficult conversation step by step, weigh up options for a problem, or practise a conversation by role play.',
  required: false,
  opensTool: 'worksheet',
  source: cite('V', ['S9', 'S10'], '§3'),
};

// [V] [S10] §3: therapists suggest new behaviours to try between sessions.
export const somethingToTryItem: AgendaItem = {
  id: 'something-to-try',
  label: 'Something to try',
  guidance: 'If the client wants to, agree one small, concrete thing to try with another person before next time.',
  required: false,
  opensTool: 'worksheet',
  source: cite('V', ['S10'], '§3'),
};

// [V] [S3][S4] §4.5: the middle phase needs the client's agreement on the focus.
export const revisitFocusItem: AgendaItem = {
  id: 'revisit-focus',
  label: 'Focus not yet agreed',
  guidance: 'The focus has not been agreed yet. Go back to it now and ask the client whether the proposed problem area fits for them.',
  required: true,
  opensTool: 'formulation',
  appliesTo: { conditions: ['formulation-not-agreed'] },
  source: cite('V', ['S3', 'S4'], '§4.5'),
};

// ---------------------------------------------------------------------------------------------------
// Termination phase (individual IPT): [V] [S11][S5b][S13] clinical-reference §1.2, §5 unless noted.
// ---------------------------------------------------------------------------------------------------

// [V] [S11][S5b][S13] §5: the ending as a role transition with grief-like feelings.
export const endingFeelingsItem: AgendaItem = {
  id: 'feelings-about-ending',
  label: 'Feelings about ending',
  guidance:
    'Talk openly about the end of treatment. Feeling sad, worried or let down is normal; help the client say how they feel.',
  required: true,
  source: cite('V', ['S11', 'S5b', 'S13'], '§5'),
};

// [V] [S5b][S13] §5: consolidate gains, ask why the client feels better, credit the client.
export const reviewProgressItem: AgendaItem = {
  id: 'review-progress',
  label: 'Look back at progress',
  guidance:
    'Compare the questionnaire scores from the start with now. Ask what the client thinks helped, and point out that the changes are their own work.',
  required: true,
  opensTool: 'progress-review',
  source: cite('V', ['S5b', 'S13'], '§5'),
};

// [V] [S11][S5b][S13] §1.2: review how the focus was resolved; identify remaining goals.
export const reviewFocusOutcomeItem: AgendaItem = {
  id: 'review-focus-outcome',
  label: 'What happened with the focus',
  guidance: 'Go over what has changed in the problem area you worked on, and what the client still wants to work on by themselves.',
  required: true,
  opensTool: 'formulation',
  source: cite('V', ['S11', 'S5b', 'S13'], '§1.2, §5'),
};

// [V] [S5b][S13] §5: warning symptoms shared with significant others; contingency plans.
export const warningSignsItem: AgendaItem = {
  id: 'warning-signs-plan',
  label: 'Plan for hard times',
  guidance:
    'Write down the early signs that the illness may be coming back, what the client will do if they notice them, and who they will tell and ask for help.',
  required: true,
  opensTool: 'relapse-prevention',
  source: cite('V', ['S5b', 'S13'], '§5'),
};

// [V] [S5b][S12][S25a] §5: alternative treatment for non-responders, continuation or maintenance for responders.
export const furtherCareItem: AgendaItem = {
  id: 'decide-further-care',
  label: 'Decide what comes next',
  guidance:
    'If the client is not better, talk with your supervisor about another treatment or a referral. If they are better, discuss whether monthly follow-up sessions would help them stay well.',
  required: true,
  appliesTo: { session: 'last-of-phase' },
  source: cite('V', ['S5b', 'S12', 'S25a'], '§5'),
};
