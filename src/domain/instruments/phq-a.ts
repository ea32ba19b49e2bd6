/**
 * PHQ-A (PHQ-9 modified for adolescents): depression severity for teens, self-report, past two weeks.
 * Scoring and bands as the PHQ-9 (reference §6.3). Item order and wording differ from the PHQ-9:
 * item 1 is depressed/irritable mood, item 2 loss of interest.
 */
import type { InstrumentDefinition } from './instrument-definition';
import { PHQ_SEVERITY_BANDS } from './phq-9';
import { YES_NO_OPTIONS, difficultyOptions, itemIds } from './shared-options';

// PHQ-A frequency answers. Same printed answers as the PHQ-9; the reference gives no PHQ-A item or answer
// LOINC codes ([U], reference §6.4), so none are attached.
const FREQUENCY = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
] as const;

// Items 1–11: wording as published by NIMH [S37d] and matching [S37f] (checked 2 public copies; they differ
// only in commas in items 10–11, NIMH's punctuation is used). Items 12–13: wording of the GLAD-PC form
// [S37e], identical across the public copies we checked apart from capitalised emphasis.
const SYMPTOM_TEXT = [
  'Feeling down, depressed, irritable, or hopeless?',
  'Little interest or pleasure in doing things?',
  'Trouble falling asleep, staying asleep, or sleeping too much?',
  'Poor appetite, weight loss, or overeating?',
  'Feeling tired, or having little energy?',
  'Feeling bad about yourself – or feeling that you are a failure, or that you have let yourself or your family down?',
  'Trouble concentrating on things like school work, reading, or watching TV?',
  'Moving or speaking so slowly that other people could have noticed? Or the opposite – being so fidgety or restless that you were moving around a lot more than usual?',
  'Thoughts that you would be better off dead, or of hurting yourself in some way?',
] as const;

const SYMPTOM_ITEMS = itemIds(9);

/** PHQ-A as data: items 1–9 scored 0–3 (0–27); 10 (past year, yes/no) and 11 (difficulty) unscored; 12–13 suicide questions. */
export const PHQ_A: InstrumentDefinition = {
  id: 'phq-a',
  version: '1',
  title: 'PHQ-9 modified for Adolescents',
  shortTitle: 'PHQ-A',
  language: 'en',
  respondent: 'self',
  recallPeriod: 'Past two weeks (items 1–9); past year (item 10); past month (item 12); lifetime (item 13)',
  instructions:
    'How often have you been bothered by each of the following symptoms during the past two weeks? For each symptom put an “X” in the box beneath the answer that best describes how you have been feeling.',
  wording: { kind: 'validated', source: '[S37d] NIMH PHQ-A page, matching [S37f]; items 12–13 [S37e] [V]' },
  items: [
    ...SYMPTOM_TEXT.map((text, index) => ({ id: String(index + 1), text, scored: true, answerType: 'choice' as const, options: FREQUENCY })),
    {
      id: '10',
      text: 'In the past year have you felt depressed or sad most days, even if you felt okay sometimes?',
      scored: false,
      answerType: 'choice',
      options: YES_NO_OPTIONS,
    },
    {
      id: '11',
      text: 'If you are experiencing any of the problems on this form, how difficult have these problems made it for you to do your work, take care of things at home or get along with other people?',
      scored: false,
      answerType: 'choice',
      options: difficultyOptions(false),
    },
    {
      id: '12',
      text: 'Has there been a time in the past month when you have had serious thoughts about ending your life?',
      scored: false,
      answerType: 'choice',
      options: YES_NO_OPTIONS,
    },
    {
      id: '13',
      text: 'Have you EVER, in your WHOLE LIFE, tried to kill yourself or made a suicide attempt?',
      scored: false,
      answerType: 'choice',
      options: YES_NO_OPTIONS,
    },
  ],
  scoring: {
    total: { kind: 'sum', items: SYMPTOM_ITEMS }, // Sum 0–27 [V] [S37d][S37e]
    missingItems: {
      maxMissingScoredItems: 0,
      rationale: 'No published prorating rule in the reference, so any missing item 1–9 leaves the total unscored.',
    },
    skipLogic: [],
    extensions: [
      {
        kind: 'phq-diagnostic',
        symptomItems: SYMPTOM_ITEMS,
        // In the PHQ-A the two cardinal symptoms (depressed/irritable mood, loss of interest) are items 1 and 2 too.
        cardinalItems: ['1', '2'],
        countsAtOrAbove: 2,
        countsIfPresentItems: ['9'],
        majorMinimum: 5,
        otherMinimum: 2,
        // The PHQ-9 algorithm [S34] [P] applied to the PHQ-A by analogy (same items, same scale): a design choice [D].
        source: '[S34] [P] applied to the PHQ-A by analogy [D] (reference §6.1, §6.3)',
      },
    ],
  },
  maximum: 27,
  bandConventions: [{ id: 'standard', label: 'PHQ-9 severity bands', source: '[S37d][S37e] [V] (reference §6.3: PHQ-9 bands)', bands: PHQ_SEVERITY_BANDS }],
  defaultBandConvention: 'standard',
  cutOffs: [{ code: 'phq-a-ge-10', label: 'At or above 10 (MDD cut-off, GLAD-PC)', min: 10, source: '[S37e] [V] (reference §6.3)' }],
  riskItems: [
    // Item 9 ≥ 1 and the two suicide questions [V] [S37e] (reference §6.3, §8).
    { itemId: '9', rule: { op: '>', value: 0 }, source: '[S37e][S38a] [V] (reference §6.3, §8)', about: 'Thoughts of being better off dead or of self-harm' },
    { itemId: '12', rule: { op: '>', value: 0 }, source: '[S37e] [V] (reference §6.3)', about: 'Serious thoughts of ending life in the past month' },
    { itemId: '13', rule: { op: '>', value: 0 }, source: '[S37e] [V] (reference §6.3)', about: 'Lifetime suicide attempt' },
  ],
  loinc: { panel: { code: '89206-7', status: 'V' }, total: { code: '89204-2', status: 'V' } },
  licence: {
    holder: null,
    statement: 'The GLAD-PC copy says "Use with permission" [P]; confirm the terms with the rights holder before distributing the wording.',
    status: 'P',
  },
  citation:
    'Johnson JG, Harris ES, Spitzer RL, Williams JBW. The patient health questionnaire for adolescents: validation of an instrument for the assessment of mental disorders among adolescent primary care patients. J Adolesc Health. 2002;30(3):196-204.',
  sources: [
    { key: 'S37d', status: 'V', about: 'Wording of items 1–11 (NIMH), bands' },
    { key: 'S37e', status: 'V', about: 'Risk items, ≥10 cut-off, suicide questions' },
    { key: 'S37f', status: 'V', about: 'Second public copy of the wording' },
    { key: 'S37a', status: 'V', about: 'LOINC panel and total codes' },
  ],
};
