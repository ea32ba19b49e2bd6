/**
 * SRM-5 (Social Rhythm Metric, 5 activities): a daily diary of when five anchor activities happened,
 * used in IPSRT (reference §1.7). One response is one day; the regularity score comes from a week of
 * days via `scoreSocialRhythmMetric` (srm-score.ts), so this definition has no per-day total.
 */
import type { InstrumentDefinition } from './instrument-definition';

/**
 * Latest accepted clock time, in minutes after the diary day's midnight: 35:59, so an activity after
 * midnight that belongs to the same diary day (going to bed at 00:30 = 24:30 = 1470) keeps a time on the
 * same line as the evening before. A design choice [D]: the reference does not say how SRM handles it.
 */
export const SRM_MAX_MINUTES = 36 * 60 - 1;

// The five SRM-5 activities [V] [S28a] (Monk 2002, reference §1.7). These are the activity names, used as labels.
const ACTIVITIES = [
  'Get out of bed',
  'First contact with another person',
  'Start work, housework or volunteer activities',
  'Have dinner',
  'Go to bed',
] as const;

/** SRM-5 as data: five clock-time items per day; not done = no answer. */
export const SRM_5: InstrumentDefinition = {
  id: 'srm-5',
  version: '1',
  title: 'Social Rhythm Metric (5 activities)',
  shortTitle: 'SRM-5',
  language: 'en',
  respondent: 'self',
  recallPeriod: 'Each day (diary)',
  instructions: 'Each day, record the clock time at which you did each activity. Leave an activity empty if you did not do it that day.',
  wording: { kind: 'neutral-labels', reason: 'Activity names from Monk 2002 [S28a]; the diary form wording is not in the reference.' },
  items: ACTIVITIES.map((text, index) => ({
    id: String(index + 1),
    text,
    scored: false,
    answerType: 'clock-time' as const,
    minMinutes: 0,
    maxMinutes: SRM_MAX_MINUTES,
  })),
  scoring: {
    total: { kind: 'none', reason: 'A day has no score; the SRM (0–7) is computed over a week by scoreSocialRhythmMetric [S28b].' },
    missingItems: { maxMissingScoredItems: 0, rationale: 'No item is scored per day; an empty activity means "not done".' },
    skipLogic: [],
    extensions: [],
  },
  maximum: null,
  bandConventions: [],
  defaultBandConvention: null,
  cutOffs: [],
  riskItems: [],
  loinc: {},
  licence: { holder: null, statement: 'Licence not stated in the reference [U].', status: 'U' },
  citation: 'Monk TH, Frank E, Potts JM, Kupfer DJ. A simple way to measure daily lifestyle regularity. J Sleep Res. 2002;11(3):183-190.',
  sources: [
    { key: 'S28a', status: 'V', about: 'The five activities (Monk 2002)' },
    { key: 'S28b', status: 'V', about: 'SRM range 0–7, averaged over 2 weeks' },
    { key: 'reference §1.7 scoring algorithm', status: 'P', about: 'Hit window ±45 min, outliers > 1.5 SD, activities done ≥ 3 times' },
  ],
};
