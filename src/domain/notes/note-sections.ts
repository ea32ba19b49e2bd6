/**
 * The sections of a structured session (progress) note, by phase. The order follows how an IPT
 * session runs: initial sessions start with the symptom review [V] [S2][S4] (clinical-reference §1.2);
 * middle sessions open with a measure and "how have things been since we last met?", then work on
 * the focus [V] [S2][S10] (§1.2, seed 001 "The middle phase"); termination sessions cover feelings
 * about ending, progress and recurrence plans [V] [S11][S5b][S13] (§5). The section split itself is a
 * design choice [D].
 */
export const NoteSectionId = {
  moodCheckIn: 'moodCheckIn',
  intervalHistory: 'intervalHistory',
  measureReview: 'measureReview',
  assessment: 'assessment',
  inventoryAndFocus: 'inventoryAndFocus',
  problemAreaWork: 'problemAreaWork',
  techniquesUsed: 'techniquesUsed',
  tasks: 'tasks',
  endingAndProgress: 'endingAndProgress',
  riskReview: 'riskReview',
  plan: 'plan',
} as const;
export type NoteSectionId = (typeof NoteSectionId)[keyof typeof NoteSectionId];

export interface NoteSection {
  id: NoteSectionId;
  label: string;
  hint: string;
}

const S: Record<NoteSectionId, NoteSection> = {
  moodCheckIn: { id: 'moodCheckIn', label: 'Mood check-in', hint: 'How the client says their mood has been, in their words; the 0–10 rating is recorded beside it.' },
  intervalHistory: { id: 'intervalHistory', label: 'Since we last met', hint: 'Events of the week and how mood moved with them.' },
  measureReview: { id: 'measureReview', label: 'Measure review', hint: 'Today\'s questionnaire score and how it compares with earlier ones.' },
  assessment: { id: 'assessment', label: 'Symptoms and diagnosis', hint: 'Symptoms reviewed, the diagnosis given as a treatable illness, the sick role discussed.' },
  inventoryAndFocus: { id: 'inventoryAndFocus', label: 'Relationships and focus', hint: 'Important people discussed, the link to when symptoms began, the focus being considered or agreed.' },
  problemAreaWork: { id: 'problemAreaWork', label: 'Work on the focus', hint: 'What was worked on in the chosen problem area and what moved.' },
  techniquesUsed: { id: 'techniquesUsed', label: 'Techniques used', hint: 'Communication analysis, decision analysis, role play or others, and what came of them.' },
  tasks: { id: 'tasks', label: 'Things to try', hint: 'What the client tried since last time, and what they will try before next time.' },
  endingAndProgress: { id: 'endingAndProgress', label: 'Ending and progress', hint: 'Feelings about ending, progress reviewed, warning signs and plans for later.' },
  riskReview: { id: 'riskReview', label: 'Risk review', hint: 'Any risk answers or concerns, what was asked and what was done.' },
  plan: { id: 'plan', label: 'Plan', hint: 'What happens next, including the next session.' },
};

const BY_PHASE: Record<string, readonly NoteSectionId[]> = {
  'pre-group': ['moodCheckIn', 'measureReview', 'assessment', 'inventoryAndFocus', 'riskReview', 'plan'],
  initial: ['moodCheckIn', 'measureReview', 'assessment', 'inventoryAndFocus', 'riskReview', 'plan'],
  middle: ['moodCheckIn', 'intervalHistory', 'measureReview', 'problemAreaWork', 'techniquesUsed', 'tasks', 'riskReview', 'plan'],
  maintenance: ['moodCheckIn', 'intervalHistory', 'measureReview', 'problemAreaWork', 'tasks', 'riskReview', 'plan'],
  termination: ['moodCheckIn', 'intervalHistory', 'measureReview', 'endingAndProgress', 'riskReview', 'plan'],
};

/** The note sections for a session in this phase (unknown phases get the middle-phase set). */
export function noteSectionsFor(phaseId: string): NoteSection[] {
  return (BY_PHASE[phaseId] ?? BY_PHASE.middle!).map((id) => S[id]);
}

export const ALL_NOTE_SECTIONS: readonly NoteSectionId[] = Object.keys(S) as NoteSectionId[];
