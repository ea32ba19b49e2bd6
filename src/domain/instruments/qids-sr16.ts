/**
 * QIDS-SR16 (Quick Inventory of Depressive Symptomatology, self-report, 16 items), past 7 days.
 * The total is 9 symptom domains (0–27), three of them the highest of several items (reference §6.3).
 * We do not ship the validated item and answer wording (not in the reference and we could not confirm
 * every statement): items carry neutral domain labels; import the wording as an instrument pack.
 */
import type { InstrumentDefinition, ScoreDomain } from './instrument-definition';
import { neutralScoreOptions } from './shared-options';

/**
 * The nine QIDS-SR16 domains: max(1–4) + 5 + max(6–9) + 10 + 11 + 12 + 13 + 14 + max(15,16).
 * [V] [S40] (reference §6.3); matches the Rush 2003 scoring used by public implementations.
 */
export const QIDS_SR16_DOMAINS: readonly ScoreDomain[] = [
  { id: 'sleep', label: 'Sleep (highest of items 1–4)', items: ['1', '2', '3', '4'] },
  { id: 'sad-mood', label: 'Sad mood (item 5)', items: ['5'] },
  { id: 'appetite-weight', label: 'Appetite/weight (highest of items 6–9)', items: ['6', '7', '8', '9'] },
  { id: 'concentration', label: 'Concentration/decision making (item 10)', items: ['10'] },
  { id: 'self-outlook', label: 'View of myself (item 11)', items: ['11'] },
  { id: 'suicidal-ideation', label: 'Thoughts of death or suicide (item 12)', items: ['12'] },
  { id: 'interest', label: 'General interest (item 13)', items: ['13'] },
  { id: 'energy', label: 'Energy level (item 14)', items: ['14'] },
  { id: 'psychomotor', label: 'Psychomotor slowing/agitation (highest of items 15–16)', items: ['15', '16'] },
];

// Neutral labels naming each item's domain (item order per Rush 2003, as listed by public calculators). These are
// labels, not the validated wording.
const LABELS = [
  'Sleep onset insomnia',
  'Mid-nocturnal insomnia',
  'Early morning insomnia',
  'Hypersomnia',
  'Sad mood',
  'Decreased appetite',
  'Increased appetite',
  'Decreased weight (within the last two weeks)',
  'Increased weight (within the last two weeks)',
  'Concentration / decision making',
  'View of myself',
  'Thoughts of death or suicide',
  'General interest',
  'Energy level',
  'Feeling slowed down',
  'Feeling restless',
] as const;

const OPTIONS = neutralScoreOptions(0, 3);

/** QIDS-SR16 as data: 16 items scored 0–3, total by domains 0–27, five severity bands. */
export const QIDS_SR16: InstrumentDefinition = {
  id: 'qids-sr16',
  version: '1',
  title: 'Quick Inventory of Depressive Symptomatology, Self-Report (16 items)',
  shortTitle: 'QIDS-SR16',
  language: 'en',
  respondent: 'self',
  recallPeriod: 'Past 7 days',
  instructions:
    'Neutral labels, not the validated wording: for each item choose the response (scored 0–3) that best describes the past 7 days. Import the published wording as an instrument pack.',
  wording: { kind: 'neutral-labels', reason: 'Validated item and answer wording not in the reference and not confirmed; ship domain labels and scoring only.' },
  items: LABELS.map((text, index) => ({ id: String(index + 1), text, scored: true, answerType: 'choice' as const, options: OPTIONS })),
  scoring: {
    total: { kind: 'domain-max-sum', domains: QIDS_SR16_DOMAINS },
    missingItems: {
      maxMissingScoredItems: 0,
      rationale: 'The reference gives no published rule for missing QIDS items, so the total (and any domain with a missing item) is left unscored.',
    },
    skipLogic: [],
    extensions: [],
  },
  maximum: 27,
  bandConventions: [
    {
      id: 'standard',
      label: 'QIDS-SR16 severity bands',
      source: '[S40] [V] (reference §6.3)',
      bands: [
        { code: 'none', label: 'None', min: 0, max: 5 },
        { code: 'mild', label: 'Mild', min: 6, max: 10 },
        { code: 'moderate', label: 'Moderate', min: 11, max: 15 },
        { code: 'severe', label: 'Severe', min: 16, max: 20 },
        { code: 'very-severe', label: 'Very severe', min: 21, max: 27 },
      ],
    },
  ],
  defaultBandConvention: 'standard',
  cutOffs: [],
  riskItems: [
    {
      itemId: '12',
      // Item 12 is the QIDS-SR16 risk item (death/suicide) [V] [S40] (reference §6.3). The reference gives no
      // threshold: "> 0" is our conservative choice [D] (any thought of death or suicide gets a review).
      rule: { op: '>', value: 0 },
      source: '[S40] [V] (item); threshold > 0 is a conservative design choice [D]',
      about: 'Thoughts of death or suicide',
    },
  ],
  loinc: {}, // No QIDS codes found [U] (reference §6.4).
  licence: {
    holder: null,
    statement:
      'Paper versions free for clinicians and researchers without permission; the IVR version is licensed to Healthcare Technology Systems.',
    status: 'V',
  },
  citation:
    'Rush AJ, Trivedi MH, Ibrahim HM, et al. The 16-Item Quick Inventory of Depressive Symptomatology (QIDS), clinician rating (QIDS-C), and self-report (QIDS-SR): a psychometric evaluation in patients with chronic major depression. Biol Psychiatry. 2003;54(5):573-583.',
  sources: [
    { key: 'S40', status: 'V', about: 'Domain scoring, bands, risk item, licence' },
    { key: 'guidelinecentral.com QIDS calculator', status: 'P', about: 'Item order and domain names used for the neutral labels' },
  ],
};
