/**
 * WSAS (Work and Social Adjustment Scale): functional impairment in five areas of life, self-report.
 * The five areas and the 0–8 anchors are from the reference (§6.3, [V] [S41]); the full item sentences
 * are not, so the items carry the area names as neutral labels.
 */
import type { AnswerOption, InstrumentDefinition } from './instrument-definition';
import { itemIds } from './shared-options';

// 0–8 scale; anchors at the even points [V] [S41] (reference §6.3). Odd points have no printed anchor.
const ANCHORS: Readonly<Record<number, string>> = { 0: 'Not at all', 2: 'Slightly', 4: 'Definitely', 6: 'Markedly', 8: 'Very severely' };
const OPTIONS: readonly AnswerOption[] = Array.from({ length: 9 }, (_, value) => {
  const anchor = ANCHORS[value];
  return { value, label: anchor === undefined ? String(value) : `${value} – ${anchor}` };
});

const AREAS = ['Work', 'Home management', 'Social leisure activities', 'Private leisure activities', 'Close relationships'] as const;

/** WSAS as data: five items 0–8, total 0–40, impairment level from the total. */
export const WSAS: InstrumentDefinition = {
  id: 'wsas',
  version: '1',
  title: 'Work and Social Adjustment Scale',
  shortTitle: 'WSAS',
  language: 'en',
  respondent: 'self',
  recallPeriod: null, // Not stated in the reference.
  instructions:
    'Neutral labels, not the validated wording: rate how much your problem impairs your ability to carry out each activity, from 0 (not at all) to 8 (very severely). Import the published wording as an instrument pack.',
  wording: { kind: 'neutral-labels', reason: 'The reference names the five areas but not the item sentences; ship area labels and scoring only.' },
  items: AREAS.map((text, index) => ({ id: String(index + 1), text, scored: true, answerType: 'choice' as const, options: OPTIONS })),
  scoring: {
    total: { kind: 'sum', items: itemIds(5) }, // 0–40 [V] [S41]
    missingItems: {
      maxMissingScoredItems: 0,
      rationale:
        'No published missing-item rule in the reference. The "not working for unrelated reasons" tick box is left out because how it is scored is not in the reference: a missing work item leaves the total unscored.',
    },
    skipLogic: [],
    extensions: [{ kind: 'impairment-level', source: '[S41] [V] (reference §6.3)' }],
  },
  maximum: 40,
  bandConventions: [
    {
      id: 'standard',
      label: 'WSAS impairment levels',
      // <10 subclinical; 10–20 significant impairment; >20 moderately severe or worse [V] [S41].
      source: '[S41] [V] (reference §6.3)',
      bands: [
        { code: 'subclinical', label: 'Subclinical', min: 0, max: 9 },
        { code: 'significant', label: 'Significant functional impairment', min: 10, max: 20 },
        { code: 'moderately-severe-or-worse', label: 'Moderately severe impairment or worse', min: 21, max: 40 },
      ],
    },
  ],
  defaultBandConvention: 'standard',
  cutOffs: [],
  riskItems: [],
  loinc: {}, // No WSAS codes found [U] (reference §6.4).
  licence: { holder: null, statement: 'Licence not verified [U]: check with the authors before distributing the wording.', status: 'U' },
  citation: 'Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale: a simple measure of impairment in functioning. Br J Psychiatry. 2002;180:461-464.',
  sources: [{ key: 'S41', status: 'V', about: 'Areas, 0–8 anchors, total, impairment levels' }],
};
