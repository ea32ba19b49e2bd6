/**
 * C-SSRS screener (Columbia-Suicide Severity Rating Scale, screen version): six yes/no questions on
 * suicidal ideation (past month) and behaviour (lifetime and past 3 months), with skip logic and a
 * triage level instead of a total (reference §8, [V] [S48a][S48b]).
 *
 * Public copies of the questions differ between screener versions (e.g. item 5 "Do you intend…" vs
 * "Did you intend…", item 6 "Have you ever done…" vs "Have you done…"), so the items carry the neutral
 * ideation/behaviour category names; import the exact version your service uses as an instrument pack
 * (building the C-SSRS into an EHR needs no licence [S48a]).
 */
import type { AnswerOption, InstrumentDefinition } from './instrument-definition';
import { YES_NO_OPTIONS } from './shared-options';

/** Values of item 6: the lifetime question and its "within the past 3 months?" follow-up folded into one answer. */
export const CSSRS_BEHAVIOUR = { no: 0, yesMoreThan3MonthsAgo: 1, yesWithinPast3Months: 2 } as const;
export type CssrsBehaviour = (typeof CSSRS_BEHAVIOUR)[keyof typeof CSSRS_BEHAVIOUR];

const BEHAVIOUR_OPTIONS: readonly AnswerOption[] = [
  { value: CSSRS_BEHAVIOUR.no, label: 'No' },
  { value: CSSRS_BEHAVIOUR.yesMoreThan3MonthsAgo, label: 'Yes, more than 3 months ago' },
  { value: CSSRS_BEHAVIOUR.yesWithinPast3Months, label: 'Yes, within the past 3 months' },
];

/** C-SSRS screener as data: no total; the result is a triage level (c-ssrs-triage.ts). */
export const C_SSRS_SCREENER: InstrumentDefinition = {
  id: 'c-ssrs-screener',
  version: '1',
  title: 'Columbia-Suicide Severity Rating Scale, screen version',
  shortTitle: 'C-SSRS screener',
  language: 'en',
  respondent: 'clinician',
  recallPeriod: 'Past month (items 1–5); lifetime and past 3 months (item 6)',
  instructions:
    'Neutral labels, not the validated questions: ask items 1 and 2; if item 2 is "no", go to item 6. Import the screener version your service uses as an instrument pack.',
  wording: {
    kind: 'neutral-labels',
    reason: 'Question wording differs between published screener versions; category names from reference §8 are shipped instead.',
  },
  items: [
    { id: '1', text: 'Wish to be dead (past month)', scored: true, answerType: 'choice', options: YES_NO_OPTIONS },
    { id: '2', text: 'Non-specific active suicidal thoughts (past month)', scored: true, answerType: 'choice', options: YES_NO_OPTIONS },
    { id: '3', text: 'Suicidal thoughts with a method, without intent (past month)', scored: true, answerType: 'choice', options: YES_NO_OPTIONS },
    { id: '4', text: 'Suicidal thoughts with some intent to act, without a specific plan (past month)', scored: true, answerType: 'choice', options: YES_NO_OPTIONS },
    { id: '5', text: 'Suicidal thoughts with a specific plan and intent (past month)', scored: true, answerType: 'choice', options: YES_NO_OPTIONS },
    { id: '6', text: 'Suicidal behaviour (lifetime; and whether within the past 3 months)', scored: true, answerType: 'choice', options: BEHAVIOUR_OPTIONS },
  ],
  scoring: {
    total: { kind: 'none', reason: 'The screener yields a triage level, not a score [S48a].' },
    missingItems: {
      maxMissingScoredItems: 0,
      rationale: 'An incomplete screen has no triage level unless an answer already shows the highest level.',
    },
    skipLogic: [
      // "If item 2 is 'no', skip to item 6": reference §8 [P]; printed on the public screener copies we checked.
      { when: { itemId: '2', equals: 0 }, skip: ['3', '4', '5'], source: '[S48a] [P] (reference §8, §11 item 9)' },
    ],
    extensions: [{ kind: 'c-ssrs-triage', source: '[S48a] [V] for high; moderate/low per setting-specific screeners [P] (see c-ssrs-triage.ts)' }],
  },
  maximum: null,
  bandConventions: [],
  defaultBandConvention: null,
  cutOffs: [],
  riskItems: [
    // The most worrying answers need same-session review [V] [S48a] (reference §8).
    { itemId: '4', rule: { op: '>', value: 0 }, source: '[S48a] [V] (reference §8)', about: 'Suicidal ideation with some intent, past month' },
    { itemId: '5', rule: { op: '>', value: 0 }, source: '[S48a] [V] (reference §8)', about: 'Suicidal ideation with plan and intent, past month' },
    {
      itemId: '6',
      rule: { op: '>=', value: CSSRS_BEHAVIOUR.yesWithinPast3Months },
      source: '[S48a] [V] (reference §8)',
      about: 'Suicidal behaviour within the past 3 months',
    },
  ],
  loinc: {}, // The reference gives no C-SSRS codes.
  licence: {
    holder: null,
    statement: 'Health and behavioural-health providers may build the C-SSRS into an electronic health record at no cost and without a licence.',
    status: 'V',
  },
  citation:
    'Posner K, Brown GK, Stanley B, et al. The Columbia-Suicide Severity Rating Scale: initial validity and internal consistency findings from three multisite studies with adolescents and adults. Am J Psychiatry. 2011;168(12):1266-1277.',
  sources: [
    { key: 'S48a', status: 'V', about: 'Item content, most-worrying answers, triage, EHR licence' },
    { key: 'S48b', status: 'V', about: 'Item content' },
    { key: 'C-SSRS screener public copies (docest.com, help.blueprint-health.com)', status: 'P', about: 'Skip logic; moderate level for item 3 or older behaviour' },
  ],
};
