/**
 * PHQ-9 (Patient Health Questionnaire, 9 items): depression severity, self-report, last 2 weeks.
 * Wording, bands, LOINC codes and licence from docs/clinical-reference §6.1 and §6.4.
 */
import type { InstrumentDefinition, SeverityBand } from './instrument-definition';
import { difficultyOptions, frequencyOptions, itemIds } from './shared-options';

/**
 * PHQ-9 severity bands: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.
 * [V] [S33][S34] (reference §6.1). The PHQ-A reuses them [V] [S37d][S37e] (reference §6.3).
 */
export const PHQ_SEVERITY_BANDS: readonly SeverityBand[] = [
  { code: 'minimal', label: 'Minimal', min: 0, max: 4 },
  { code: 'mild', label: 'Mild', min: 5, max: 9 },
  { code: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { code: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
  { code: 'severe', label: 'Severe', min: 20, max: 27 },
];

const FREQUENCY = frequencyOptions('V');

// Item wording exactly as in reference §6.1 [V] [S32a]; item LOINC codes [V] [S32c][S32d][S37a][S37b].
const ITEM_TEXT_AND_LOINC: ReadonlyArray<readonly [string, string]> = [
  ['Little interest or pleasure in doing things', '44250-9'],
  ['Feeling down, depressed, or hopeless', '44255-8'],
  ['Trouble falling or staying asleep, or sleeping too much', '44259-0'],
  ['Feeling tired or having little energy', '44254-1'],
  ['Poor appetite or overeating', '44251-7'],
  ['Feeling bad about yourself — or that you are a failure or have let yourself or your family down', '44258-2'],
  ['Trouble concentrating on things, such as reading the newspaper or watching television', '44252-5'],
  [
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    '44253-3',
  ],
  ['Thoughts that you would be better off dead or of hurting yourself in some way', '44260-8'],
];

const SYMPTOM_ITEMS = itemIds(9);

/** PHQ-9 as data: items 1–9 scored 0–3 (total 0–27), item 10 (difficulty) recorded but not scored. */
export const PHQ_9: InstrumentDefinition = {
  id: 'phq-9',
  version: '1',
  title: 'Patient Health Questionnaire-9',
  shortTitle: 'PHQ-9',
  language: 'en',
  respondent: 'self',
  recallPeriod: 'Last 2 weeks',
  instructions: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  wording: { kind: 'validated', source: '[S32a] (reference §6.1, exact wording) [V]' },
  items: [
    ...ITEM_TEXT_AND_LOINC.map(([text, code], index) => ({
      id: String(index + 1),
      text,
      scored: true,
      answerType: 'choice' as const,
      options: FREQUENCY,
      loinc: { code, status: 'V' as const },
    })),
    {
      id: '10',
      text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
      scored: false,
      answerType: 'choice',
      options: difficultyOptions(true),
      // Difficulty item code 69722-7 is [P] in the reference §6.4.
      loinc: { code: '69722-7', status: 'P', note: 'Reference §6.4 marks the difficulty-item code as partly checked.' },
    },
  ],
  scoring: {
    total: { kind: 'sum', items: SYMPTOM_ITEMS }, // Sum of items 1–9, 0–27 [V] [S33]
    missingItems: {
      maxMissingScoredItems: 0,
      rationale: 'The reference gives no published prorating rule for the PHQ-9, so any missing item 1–9 leaves the total unscored.',
    },
    skipLogic: [],
    extensions: [
      {
        kind: 'phq-diagnostic',
        symptomItems: SYMPTOM_ITEMS,
        cardinalItems: ['1', '2'],
        countsAtOrAbove: 2,
        countsIfPresentItems: ['9'],
        majorMinimum: 5,
        otherMinimum: 2,
        // Reference §6.1 marks the algorithm [P]: Pfizer instruction card [S34]; item-9 rule from Kroenke 2001 [S33] (not re-read).
        source: '[S34] [P]; item 9 rule [S33] [P] (reference §6.1)',
      },
    ],
  },
  maximum: 27,
  bandConventions: [{ id: 'standard', label: 'PHQ-9 severity bands (Kroenke 2001)', source: '[S33][S34] [V] (reference §6.1)', bands: PHQ_SEVERITY_BANDS }],
  defaultBandConvention: 'standard',
  cutOffs: [{ code: 'phq-9-ge-10', label: 'At or above 10 (major depression cut-off)', min: 10, source: '[S33] [V] (reference §6.1)' }],
  riskItems: [
    {
      itemId: '9',
      rule: { op: '>', value: 0 },
      // Any answer above 0 needs a clinician's same-session safety review: [V] [S37e][S38a] (reference §6.1, §8).
      source: '[S37e][S38a] [V] (reference §6.1, §8)',
      about: 'Thoughts of being better off dead or of self-harm',
    },
  ],
  loinc: { panel: { code: '44249-1', status: 'V' }, total: { code: '44261-6', status: 'V' } },
  licence: {
    holder: 'Pfizer Inc.',
    statement: '© Pfizer Inc. No permission required to reproduce, translate, display or distribute. Copyrighted; not public domain in the strict sense.',
    status: 'V',
  },
  citation: 'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med. 2001;16(9):606-613.',
  sources: [
    { key: 'S32a', status: 'V', about: 'Item and option wording' },
    { key: 'S33', status: 'V', about: 'Total 0–27, severity bands, ≥10 cut-off' },
    { key: 'S34', status: 'P', about: 'Severity bands; diagnostic algorithm (instruction card)' },
    { key: 'S35', status: 'V', about: 'Licence statement' },
    { key: 'S37e', status: 'V', about: 'Item 9 > 0 needs a safety review' },
    { key: 'S32c', status: 'V', about: 'LOINC panel, total, item and answer codes' },
  ],
};
