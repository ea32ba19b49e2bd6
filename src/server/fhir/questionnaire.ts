/**
 * FHIR R4 Questionnaire resources built from instrument definitions, so other systems can render and
 * code our questionnaires. Pure: the definition in (with an organisation's licensed wording applied when
 * it has one), JSON out. LOINC codes the clinical reference marks only partly checked are left out unless
 * the caller asks for them, because a wrong code is worse than no code.
 */
import type { AnswerOption, EvidenceStatus, InstrumentDefinition, InstrumentItem, LoincCode } from '../../domain/instruments/instrument-definition';

export const LOINC_SYSTEM = 'http://loinc.org';
const ORDINAL_VALUE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const MIN_VALUE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/maxValue';

export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
  extension?: Array<{ url: string; valueDecimal: number }>;
}

export interface FhirQuestionnaireItem {
  linkId: string;
  text: string;
  type: 'choice' | 'integer';
  required: boolean;
  code?: FhirCoding[];
  answerOption?: Array<{ valueCoding: FhirCoding }>;
  enableWhen?: Array<{ question: string; operator: '='; answerCoding: FhirCoding }>;
  enableBehavior?: 'any';
  extension?: Array<{ url: string; valueInteger: number }>;
}

/** The subset of the R4 Questionnaire resource this export fills. */
export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active';
  subjectType: ['Patient'];
  language: string;
  description: string;
  copyright: string;
  code?: FhirCoding[];
  item: FhirQuestionnaireItem[];
}

export interface QuestionnaireOptions {
  /** Also export LOINC codes the reference marks [P] (partly checked). Off by default. */
  includePartlyVerifiedCodes?: boolean;
}

/** Canonical URL of an instrument's Questionnaire (without version). */
export function questionnaireUrl(definition: Pick<InstrumentDefinition, 'id'>): string {
  return `urn:ipt-workbench:questionnaire:${definition.id}`;
}

/** Versioned canonical reference, `url|version`, for QuestionnaireResponse.questionnaire. */
export function questionnaireCanonical(definition: Pick<InstrumentDefinition, 'id' | 'version'>): string {
  return `${questionnaireUrl(definition)}|${definition.version}`;
}

/** Code system for answers without a LOINC answer code: one per instrument, code = the option's value. */
export function localAnswerSystem(definition: Pick<InstrumentDefinition, 'id'>): string {
  return `urn:ipt-workbench:answer:${definition.id}`;
}

function usable(code: LoincCode | undefined, options: QuestionnaireOptions): code is LoincCode {
  if (code === undefined) return false;
  const allowed: readonly EvidenceStatus[] = options.includePartlyVerifiedCodes === true ? ['V', 'P'] : ['V'];
  return allowed.includes(code.status);
}

function answerCoding(definition: InstrumentDefinition, option: AnswerOption, options: QuestionnaireOptions): FhirCoding {
  const ordinal = [{ url: ORDINAL_VALUE_EXTENSION, valueDecimal: option.value }];
  return usable(option.loinc, options)
    ? { extension: ordinal, system: LOINC_SYSTEM, code: option.loinc.code, display: option.label }
    : { extension: ordinal, system: localAnswerSystem(definition), code: String(option.value), display: option.label };
}

function enableWhenFor(definition: InstrumentDefinition, item: InstrumentItem, options: QuestionnaireOptions): Pick<FhirQuestionnaireItem, 'enableWhen' | 'enableBehavior'> {
  const rule = definition.scoring.skipLogic.find((candidate) => candidate.skip.includes(item.id));
  const controller = rule === undefined ? undefined : definition.items.find((candidate) => candidate.id === rule.when.itemId);
  if (rule === undefined || controller === undefined || controller.answerType !== 'choice') return {};
  // Asked when the controlling item has any answer other than the one that skips it.
  const enabling = controller.options.filter((option) => option.value !== rule.when.equals);
  return {
    enableWhen: enabling.map((option) => ({ question: controller.id, operator: '=' as const, answerCoding: answerCoding(definition, option, options) })),
    enableBehavior: 'any',
  };
}

function toItem(definition: InstrumentDefinition, item: InstrumentItem, options: QuestionnaireOptions): FhirQuestionnaireItem {
  const base = {
    linkId: item.id,
    text: item.text,
    // Scored items are expected on the form; the scorer still accepts them missing (total null).
    required: item.scored,
    ...(usable(item.loinc, options) ? { code: [{ system: LOINC_SYSTEM, code: item.loinc.code }] } : {}),
    ...enableWhenFor(definition, item, options),
  };
  if (item.answerType === 'choice') {
    return { ...base, type: 'choice', answerOption: item.options.map((option) => ({ valueCoding: answerCoding(definition, option, options) })) };
  }
  return {
    ...base,
    type: 'integer',
    extension: [
      { url: MIN_VALUE_EXTENSION, valueInteger: item.minMinutes },
      { url: MAX_VALUE_EXTENSION, valueInteger: item.maxMinutes },
    ],
  };
}

/** FHIR-safe computable name: `phq-9` → `PHQ_9`. */
function computableName(id: string): string {
  const name = id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return /^[A-Z]/.test(name) ? name : `Q_${name}`;
}

/**
 * The definition as a FHIR R4 Questionnaire: one item per definition item (linkId = item id), choice
 * items with coded answer options carrying their scored value (ordinalValue), skip logic as enableWhen,
 * and LOINC panel/item/answer codes where the reference gives them.
 */
export function toFhirQuestionnaire(definition: InstrumentDefinition, options: QuestionnaireOptions = {}): FhirQuestionnaire {
  const { holder, statement } = definition.licence;
  const copyright = holder === null || statement.includes(holder) ? statement : `${holder}: ${statement}`;
  return {
    resourceType: 'Questionnaire',
    id: definition.id,
    url: questionnaireUrl(definition),
    version: definition.version,
    name: computableName(definition.id),
    title: definition.title,
    status: 'active',
    subjectType: ['Patient'],
    language: definition.language,
    description: definition.instructions,
    copyright,
    ...(usable(definition.loinc.panel, options) ? { code: [{ system: LOINC_SYSTEM, code: definition.loinc.panel.code, display: definition.title }] } : {}),
    item: definition.items.map((item) => toItem(definition, item, options)),
  };
}
