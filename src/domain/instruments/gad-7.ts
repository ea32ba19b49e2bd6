/**
 * GAD-7 (Generalized Anxiety Disorder, 7 items): anxiety severity, self-report, last 2 weeks.
 * Wording, bands and codes from docs/clinical-reference §6.2 and §6.4.
 */
import type { InstrumentDefinition } from './instrument-definition';
import { difficultyOptions, frequencyOptions, itemIds } from './shared-options';

// The GAD-7 uses the PHQ-9's printed answers [V] [S36a]; the reference lists the LA answer codes only under
// the PHQ-9, so for the GAD-7 they are marked partly checked (inferred from the identical answer text).
const FREQUENCY = frequencyOptions('P');

// Wording exactly as in reference §6.2 [V] [S36a]. Item codes [V] [S37b][S37g]; the last two are [P]
// because one public mapping swaps them (reference §6.4).
const ITEM_TEXT_AND_LOINC: ReadonlyArray<readonly [string, string, 'V' | 'P']> = [
  ['Feeling nervous, anxious or on edge', '69725-0', 'V'],
  ['Not being able to stop or control worrying', '68509-9', 'V'],
  ['Worrying too much about different things', '69733-4', 'V'],
  ['Trouble relaxing', '69734-2', 'V'],
  ['Being so restless that it is hard to sit still', '69735-9', 'V'],
  ['Becoming easily annoyed or irritable', '69689-8', 'P'],
  ['Feeling afraid as if something awful might happen', '69736-7', 'P'],
];

/** GAD-7 as data: items 1–7 scored 0–3 (total 0–21), item 8 (difficulty, as PHQ-9 item 10) not scored. */
export const GAD_7: InstrumentDefinition = {
  id: 'gad-7',
  version: '1',
  title: 'Generalized Anxiety Disorder 7-item scale',
  shortTitle: 'GAD-7',
  language: 'en',
  respondent: 'self',
  recallPeriod: 'Last 2 weeks',
  instructions: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  wording: { kind: 'validated', source: '[S36a] (reference §6.2) [V]; punctuation differs between copies [P]' },
  items: [
    ...ITEM_TEXT_AND_LOINC.map(([text, code, status], index) => ({
      id: String(index + 1),
      text,
      scored: true,
      answerType: 'choice' as const,
      options: FREQUENCY,
      loinc: status === 'P' ? { code, status, note: 'One public mapping swaps the codes of items 6 and 7 (reference §6.4).' } : { code, status },
    })),
    {
      id: '8',
      // Same difficulty item as PHQ-9 item 10 [V] [S36c].
      text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
      scored: false,
      answerType: 'choice',
      options: difficultyOptions(false),
    },
  ],
  scoring: {
    total: { kind: 'sum', items: itemIds(7) }, // 0–21 [V] [S36a]
    missingItems: {
      maxMissingScoredItems: 0,
      rationale: 'The reference gives no published prorating rule for the GAD-7, so any missing item 1–7 leaves the total unscored.',
    },
    skipLogic: [],
    extensions: [],
  },
  maximum: 21,
  bandConventions: [
    {
      id: 'standard',
      label: 'GAD-7 severity bands (5 / 10 / 15)',
      source: '[S36a] [V] (reference §6.2)',
      bands: [
        { code: 'minimal', label: 'Minimal', min: 0, max: 4 },
        { code: 'mild', label: 'Mild', min: 5, max: 9 },
        { code: 'moderate', label: 'Moderate', min: 10, max: 14 },
        { code: 'severe', label: 'Severe', min: 15, max: 21 },
      ],
    },
  ],
  defaultBandConvention: 'standard',
  cutOffs: [{ code: 'gad-7-ge-10', label: 'At or above 10 (further evaluation)', min: 10, source: '[S36a] [V] (reference §6.2)' }],
  riskItems: [],
  loinc: {
    panel: { code: '69737-5', status: 'V', note: 'Panel code, not a score.' },
    total: { code: '70274-6', status: 'V' },
  },
  licence: {
    holder: 'Pfizer Inc.',
    statement: 'Usually stated to carry the same terms as the PHQ (Pfizer, no permission required); no explicit GAD-7 statement was found.',
    status: 'U',
  },
  citation: 'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-1097.',
  sources: [
    { key: 'S36a', status: 'V', about: 'Wording, total, bands, ≥10 cut-off' },
    { key: 'S36c', status: 'V', about: 'Difficulty item' },
    { key: 'S37b', status: 'V', about: 'LOINC total and item codes' },
    { key: 'S37g', status: 'V', about: 'LOINC codes' },
  ],
};
