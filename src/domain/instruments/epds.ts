/**
 * EPDS (Edinburgh Postnatal Depression Scale): 10 items, past 7 days, total 0–30 (reference §6.3).
 * The wording is © RCPsych and may not be republished without written permission, so we ship neutral
 * item labels and scoring only; an organisation with permission imports the wording as an instrument pack.
 *
 * Answers hold the scored option value. The printed order runs top to bottom; items 1, 2 and 4 score
 * 0→3 down the page and items 3 and 5–10 are reversed (3→0) [V] [S38a][S38b], so the reversal lives in
 * the option data and `valueFromPrintedPosition` (paper-entry.ts) maps a ticked box to its value.
 */
import type { AnswerOption, InstrumentDefinition } from './instrument-definition';
import { valueFromPrintedPosition } from './paper-entry';
import { itemIds } from './shared-options';

/** EPDS items scored 0→3 down the page; all others are reversed. [V] [S38a][S38b] */
export const EPDS_FORWARD_ITEMS: readonly string[] = ['1', '2', '4'];

const POSITION_LABELS = ['First response (top)', 'Second response', 'Third response', 'Fourth response (bottom)'] as const;

function epdsOptions(forward: boolean): readonly AnswerOption[] {
  return POSITION_LABELS.map((label, position) => ({ value: forward ? position : 3 - position, label }));
}

/** EPDS as data: ten 0–3 items with per-option values (reversed items in the data), total 0–30. */
export const EPDS: InstrumentDefinition = {
  id: 'epds',
  version: '1',
  title: 'Edinburgh Postnatal Depression Scale',
  shortTitle: 'EPDS',
  language: 'en',
  respondent: 'self',
  recallPeriod: 'Past 7 days',
  instructions:
    'Neutral labels: the EPDS wording is © RCPsych and is not included. Record which printed response was chosen for each item; the scored value is applied automatically.',
  wording: { kind: 'neutral-labels', reason: '© RCPsych 1987: written permission is needed to distribute or republish, including online.' },
  items: itemIds(10).map((id) => ({
    id,
    text: `EPDS item ${id}`,
    scored: true,
    answerType: 'choice' as const,
    options: epdsOptions(EPDS_FORWARD_ITEMS.includes(id)),
  })),
  scoring: {
    total: { kind: 'sum', items: itemIds(10) }, // 0–30 [V] [S38a][S38b]
    missingItems: {
      maxMissingScoredItems: 0,
      rationale: 'No published missing-item rule in the reference: any missing item leaves the total unscored.',
    },
    skipLogic: [],
    extensions: [],
  },
  maximum: 30,
  bandConventions: [
    {
      id: 'standard',
      label: 'EPDS screening thresholds (≥10, ≥13)',
      // ≥13 assess for possible depression; ≥10 for higher sensitivity [V] [S38a][S38b] (reference §6.3).
      source: '[S38a][S38b] [V] (reference §6.3)',
      bands: [
        { code: 'below-10', label: 'Below the screening thresholds', min: 0, max: 9 },
        { code: '10-to-12', label: 'At or above 10 (higher-sensitivity threshold)', min: 10, max: 12 },
        { code: '13-or-more', label: 'At or above 13: assess for possible depression', min: 13, max: 30 },
      ],
    },
  ],
  defaultBandConvention: 'standard',
  cutOffs: [
    { code: 'epds-ge-10', label: 'At or above 10 (higher sensitivity)', min: 10, source: '[S38a][S38b] [V] (reference §6.3)' },
    { code: 'epds-ge-13', label: 'At or above 13 (assess for possible depression)', min: 13, source: '[S38a][S38b] [V] (reference §6.3)' },
  ],
  riskItems: [
    // Item 10 (self-harm thoughts) > 0 → further assessment [V] [S38a][S38b] (reference §6.3, §8).
    { itemId: '10', rule: { op: '>', value: 0 }, source: '[S38a][S38b] [V] (reference §6.3, §8)', about: 'Thoughts of self-harm' },
  ],
  loinc: {
    // Reference §6.4: [P], public code look-ups disagree on the display names.
    panel: { code: '71354-5', status: 'P', note: 'Display names disagree between look-ups (reference §6.4).' },
    total: { code: '99046-5', status: 'P', note: 'Display names disagree between look-ups (reference §6.4).' },
  },
  licence: {
    holder: 'Royal College of Psychiatrists',
    statement: '© The Royal College of Psychiatrists 1987. Photocopy for own use only; written permission is needed to distribute or republish, including online.',
    status: 'V',
  },
  citation: 'Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression: development of the 10-item Edinburgh Postnatal Depression Scale. Br J Psychiatry. 1987;150:782-786.',
  sources: [
    { key: 'S38a', status: 'V', about: 'Scoring direction, total, thresholds, item 10, licence' },
    { key: 'S38b', status: 'V', about: 'Scoring direction, thresholds, licence' },
  ],
};

/**
 * Paper entry for the EPDS: the scored value of the response printed at `position` (0 = top, 3 = bottom),
 * so items 1, 2, 4 give 0→3 and the reversed items give 3→0 without manual reversal.
 */
export function epdsValueFromPrintedPosition(itemId: string, position: number): number {
  return valueFromPrintedPosition(EPDS, itemId, position);
}
