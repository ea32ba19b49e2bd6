/**
 * HAM-D17 (Hamilton Depression Rating Scale, 17 items): clinician-rated depression severity, past week.
 * The item anchors differ between published versions and the licence is unverified, so items carry
 * neutral symptom labels and numeric options; import the version in use as an instrument pack.
 */
import type { InstrumentDefinition } from './instrument-definition';
import { itemIds, neutralScoreOptions } from './shared-options';

// Item maxima of the widely used 17-item version whose total is 0–52 (reference §6.3, [P] [S39]):
// items 1, 2, 3, 7, 8, 9, 10, 11, 15 are rated 0–4 and items 4, 5, 6, 12, 13, 14, 16, 17 are rated 0–2
// (9 × 4 + 8 × 2 = 52). Checked against public copies of the scale (S39 pages, medicalcriteria.com,
// scales.arabpsychology.com): the insomnia, somatic, genital, weight and insight items have three anchors.
// Hamilton's 1960 form rated agitation 0–2 (total 50); we follow the 0–52 version the reference uses.
const ITEMS: ReadonlyArray<readonly [string, 2 | 4]> = [
  ['Depressed mood', 4],
  ['Feelings of guilt', 4],
  ['Suicide', 4],
  ['Insomnia: early in the night', 2],
  ['Insomnia: middle of the night', 2],
  ['Insomnia: early hours of the morning', 2],
  ['Work and activities', 4],
  ['Retardation (slowness of thought, speech and movement)', 4],
  ['Agitation', 4],
  ['Anxiety: psychic', 4],
  ['Anxiety: somatic', 4],
  ['Somatic symptoms: gastrointestinal', 2],
  ['Somatic symptoms: general', 2],
  ['Genital symptoms', 2],
  ['Hypochondriasis', 4],
  ['Loss of weight', 2],
  ['Insight', 2],
];

/** HAM-D17 as data: 17 clinician-rated items, total 0–52, two published band conventions. */
export const HAM_D17: InstrumentDefinition = {
  id: 'ham-d17',
  version: '1',
  title: 'Hamilton Depression Rating Scale (17 items)',
  shortTitle: 'HAM-D17',
  language: 'en',
  respondent: 'clinician',
  recallPeriod: 'Past week',
  instructions:
    'Neutral labels, not the validated anchors: rate each item from the clinical interview using the HAM-D17 version your service has adopted. Import its wording as an instrument pack.',
  wording: { kind: 'neutral-labels', reason: 'Anchor wording differs between published versions and the licence is unverified [U].' },
  items: ITEMS.map(([text, max], index) => ({
    id: String(index + 1),
    text,
    scored: true,
    answerType: 'choice' as const,
    options: neutralScoreOptions(0, max),
  })),
  scoring: {
    total: { kind: 'sum', items: itemIds(17) }, // 0–52 [P] [S39]
    missingItems: {
      maxMissingScoredItems: 0,
      rationale: 'No published missing-item rule in the reference: any unrated item leaves the total unscored.',
    },
    skipLogic: [],
    extensions: [],
  },
  maximum: 52,
  bandConventions: [
    {
      id: 'zimmerman-2013',
      label: 'Zimmerman 2013: 0–7 / 8–16 / 17–23 / ≥24',
      source: '[S39] [P] (reference §6.3)',
      bands: [
        { code: 'no-depression', label: 'No depression', min: 0, max: 7 },
        { code: 'mild', label: 'Mild', min: 8, max: 16 },
        { code: 'moderate', label: 'Moderate', min: 17, max: 23 },
        { code: 'severe', label: 'Severe', min: 24, max: 52 },
      ],
    },
    {
      id: 'five-band',
      label: 'Five bands: 0–7 / 8–13 / 14–18 / 19–22 / ≥23',
      source: '[S39] [P] (reference §6.3)',
      bands: [
        { code: 'normal', label: 'Normal', min: 0, max: 7 },
        { code: 'mild', label: 'Mild', min: 8, max: 13 },
        { code: 'moderate', label: 'Moderate', min: 14, max: 18 },
        { code: 'severe', label: 'Severe', min: 19, max: 22 },
        { code: 'very-severe', label: 'Very severe', min: 23, max: 52 },
      ],
    },
  ],
  // Default chosen because it names a published derivation; an organisation may pick the other [D].
  defaultBandConvention: 'zimmerman-2013',
  cutOffs: [],
  riskItems: [
    {
      itemId: '3',
      // Item 3 (suicide, 0–4) is the HAM-D17 risk item [P] [S39] (reference §6.3). Threshold > 0 is a
      // conservative design choice [D]: any rating above "absent" gets a review.
      rule: { op: '>', value: 0 },
      source: '[S39] [P] (item); threshold > 0 is a conservative design choice [D]',
      about: 'Suicide item',
    },
  ],
  loinc: {}, // No HAM-D codes found [U] (reference §6.4).
  licence: { holder: null, statement: 'Licence not verified [U]: check the terms of the version you use before distributing its wording.', status: 'U' },
  citation: 'Hamilton M. A rating scale for depression. J Neurol Neurosurg Psychiatry. 1960;23:56-62.',
  sources: [
    { key: 'S39', status: 'P', about: 'Items, total 0–52, both band conventions, remission ≤7, risk item' },
    { key: 'public copies of the 17-item scale', status: 'P', about: 'Which items are rated 0–2 (three anchors)' },
  ],
};
