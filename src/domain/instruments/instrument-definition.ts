/**
 * Instrument definitions as typed data. Every clinical fact in a definition (cut-off, band, risk item,
 * code) carries the source key of docs/clinical-reference (e.g. `[S33]`) so a reviewer can check it,
 * and the generic scorer (scoring.ts) reads only this data: adding an instrument never means new
 * scoring code unless it has a genuinely new rule.
 */

/**
 * How well a fact was checked, using the tags of the clinical reference: V checked against the cited
 * source, P partly checked, U not checked (never hard-coded as a rule), D a design choice of ours.
 */
export const EvidenceStatus = { verified: 'V', partlyVerified: 'P', unverified: 'U', design: 'D' } as const;
export type EvidenceStatus = (typeof EvidenceStatus)[keyof typeof EvidenceStatus];

/** Who fills the instrument in; the UI and the FHIR export use it to choose the form's audience. */
export const Respondent = { self: 'self', clinician: 'clinician', parent: 'parent' } as const;
export type Respondent = (typeof Respondent)[keyof typeof Respondent];

/** A pointer into the clinical reference's list of sources, so every fact can be traced. */
export interface SourceRef {
  /** Source key of the clinical reference, e.g. `S33`, or a public page we looked up. */
  key: string;
  status: EvidenceStatus;
  /** What this source supports (wording, bands, risk item…). */
  about: string;
}

/** A LOINC code with the status the reference gives it; partly-verified codes are not exported to FHIR by default. */
export interface LoincCode {
  code: string;
  status: EvidenceStatus;
  note?: string;
}

/** One printed answer option: `value` is what the item scores, `label` what the respondent sees. */
export interface AnswerOption {
  value: number;
  label: string;
  /** LOINC answer code (LA…) where the reference gives one. */
  loinc?: LoincCode;
}

interface ItemBase {
  /** 1-based position on the printed form, as a string: "1", "2", … */
  id: string;
  /** Validated wording, or a neutral label when `definition.wording.kind` says so. */
  text: string;
  /** Whether the item feeds the instrument's result (total, triage). Unscored items are still recorded. */
  scored: boolean;
  loinc?: LoincCode;
}

/** A single-choice item whose answer is one of the option values. */
export interface ChoiceItem extends ItemBase {
  answerType: 'choice';
  /** In printed order, top to bottom (paper entry relies on this order). */
  options: readonly AnswerOption[];
}

/** A diary item whose answer is a clock time in minutes after the diary day's midnight, or null = not done. */
export interface ClockTimeItem extends ItemBase {
  answerType: 'clock-time';
  minMinutes: number;
  maxMinutes: number;
}

export type InstrumentItem = ChoiceItem | ClockTimeItem;

/** How the total is formed. `none` is for instruments that yield a triage level or a diary, not a score. */
export type TotalRule =
  | { kind: 'sum'; items: readonly string[] }
  | { kind: 'domain-max-sum'; domains: readonly ScoreDomain[] }
  | { kind: 'none'; reason: string };

/** A domain scored as the highest of its items (QIDS-SR16 sleep, appetite/weight, psychomotor). */
export interface ScoreDomain {
  id: string;
  label: string;
  items: readonly string[];
}

/**
 * The missing-item rule. The reference publishes no prorating rule for any shipped instrument, so the
 * only allowed value is 0: the total is null as soon as one scored item is missing. The type makes a
 * guessed prorating rule a deliberate, reviewed change.
 */
export interface MissingItemRule {
  maxMissingScoredItems: 0;
  rationale: string;
}

/** Skip logic printed on the form: when `itemId` has `equals`, the `skip` items are not asked. */
export interface SkipRule {
  when: { itemId: string; equals: number };
  skip: readonly string[];
  source: string;
}

/** Items used by the PHQ diagnostic algorithm (PHQ-9 and PHQ-A), see phq-diagnostic-algorithm.ts. */
export interface PhqDiagnosticSpec {
  kind: 'phq-diagnostic';
  symptomItems: readonly string[];
  cardinalItems: readonly string[];
  /** An item counts when its value is at least this ("More than half the days" = 2). */
  countsAtOrAbove: number;
  /** Items that count when present at all (value ≥ 1): item 9. */
  countsIfPresentItems: readonly string[];
  majorMinimum: number;
  otherMinimum: number;
  source: string;
}

/** Extra, instrument-specific results the generic scorer computes when the definition asks for them. */
export type ScoringExtension =
  | PhqDiagnosticSpec
  | { kind: 'c-ssrs-triage'; source: string }
  | { kind: 'impairment-level'; source: string };

export interface ScoringSpec {
  total: TotalRule;
  missingItems: MissingItemRule;
  skipLogic: readonly SkipRule[];
  extensions: readonly ScoringExtension[];
}

/** One severity band; bands of a convention are contiguous, non-overlapping and cover 0..maximum. */
export interface SeverityBand {
  code: string;
  label: string;
  min: number;
  max: number;
}

/** A named set of bands. HAM-D17 has two published conventions; the organisation chooses. */
export interface BandConvention {
  id: string;
  label: string;
  source: string;
  bands: readonly SeverityBand[];
}

/** A published screening threshold reported as a flag next to the band (e.g. EPDS ≥10 and ≥13). */
export interface CutOff {
  code: string;
  label: string;
  /** Met when total ≥ min. */
  min: number;
  source: string;
}

/** A rule on a single answer, e.g. value > 0 on PHQ-9 item 9. */
export interface AnswerRule {
  op: '>' | '>=';
  value: number;
}

/** An item whose answer needs a clinician's attention whatever the total. */
export interface RiskItemSpec {
  itemId: string;
  rule: AnswerRule;
  source: string;
  about: string;
}

/** Where the item wording comes from; the UI must show neutral labels as labels, not as the validated text. */
export type ItemWording =
  | { kind: 'validated'; source: string }
  | { kind: 'neutral-labels'; reason: string }
  | { kind: 'licensed-pack'; packVersion: string; language: string; holder: string };

export interface Licence {
  holder: string | null;
  statement: string;
  status: EvidenceStatus;
}

/** The whole instrument as data. */
export interface InstrumentDefinition {
  id: string;
  version: string;
  title: string;
  shortTitle: string;
  /** BCP 47 language of the item wording. */
  language: string;
  respondent: Respondent;
  recallPeriod: string | null;
  instructions: string;
  wording: ItemWording;
  items: readonly InstrumentItem[];
  scoring: ScoringSpec;
  /** Highest possible total, or null when the instrument has no total. */
  maximum: number | null;
  bandConventions: readonly BandConvention[];
  defaultBandConvention: string | null;
  cutOffs: readonly CutOff[];
  riskItems: readonly RiskItemSpec[];
  loinc: { panel?: LoincCode; total?: LoincCode };
  licence: Licence;
  citation: string;
  sources: readonly SourceRef[];
}

/** Narrowing helper: choice items carry answer options. */
export function isChoiceItem(item: InstrumentItem): item is ChoiceItem {
  return item.answerType === 'choice';
}
