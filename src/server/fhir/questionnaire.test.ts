import { describe, expect, it } from 'vitest';
import { applyInstrumentPack } from '../../domain/instruments/apply-instrument-pack';
import { C_SSRS_SCREENER } from '../../domain/instruments/c-ssrs-screener';
import { EPDS } from '../../domain/instruments/epds';
import { GAD_7 } from '../../domain/instruments/gad-7';
import { PHQ_9 } from '../../domain/instruments/phq-9';
import { listInstruments } from '../../domain/instruments/registry';
import { SRM_5 } from '../../domain/instruments/srm-5';
import { questionnaireCanonical, toFhirQuestionnaire } from './questionnaire';

describe('toFhirQuestionnaire', () => {
  it('builds the PHQ-9 Questionnaire with LOINC panel, item and answer codes', () => {
    const q = toFhirQuestionnaire(PHQ_9);
    expect(q).toMatchObject({
      resourceType: 'Questionnaire',
      id: 'phq-9',
      url: 'urn:ipt-workbench:questionnaire:phq-9',
      version: '1',
      name: 'PHQ_9',
      title: 'Patient Health Questionnaire-9',
      status: 'active',
      subjectType: ['Patient'],
      language: 'en',
      code: [{ system: 'http://loinc.org', code: '44249-1' }],
    });
    expect(q.copyright).toMatch(/^© Pfizer Inc\. No permission required/);
    expect(q.item.map((item) => item.linkId)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(q.item[0]).toEqual({
      linkId: '1',
      text: 'Little interest or pleasure in doing things',
      type: 'choice',
      required: true,
      code: [{ system: 'http://loinc.org', code: '44250-9' }],
      answerOption: [
        { valueCoding: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 0 }], system: 'http://loinc.org', code: 'LA6568-5', display: 'Not at all' } },
        { valueCoding: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 1 }], system: 'http://loinc.org', code: 'LA6569-3', display: 'Several days' } },
        { valueCoding: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 2 }], system: 'http://loinc.org', code: 'LA6570-1', display: 'More than half the days' } },
        { valueCoding: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 3 }], system: 'http://loinc.org', code: 'LA6571-9', display: 'Nearly every day' } },
      ],
    });
    expect(q.item[8]?.code).toEqual([{ system: 'http://loinc.org', code: '44260-8' }]);
  });

  it('includes the difficulty item as not required; its [P] code only on request', () => {
    const item10 = toFhirQuestionnaire(PHQ_9).item[9];
    expect(item10).toMatchObject({ linkId: '10', type: 'choice', required: false });
    expect(item10?.code).toBeUndefined();
    expect(item10?.answerOption?.map((option) => option.valueCoding.code)).toEqual(['0', '1', '2', 'LA6574-3']);
    expect(item10?.answerOption?.[0]?.valueCoding.system).toBe('urn:ipt-workbench:answer:phq-9');
    expect(toFhirQuestionnaire(PHQ_9, { includePartlyVerifiedCodes: true }).item[9]?.code).toEqual([{ system: 'http://loinc.org', code: '69722-7' }]);
  });

  it('leaves out partly-checked GAD-7 codes (last two items, inferred answer codes) by default', () => {
    const q = toFhirQuestionnaire(GAD_7);
    expect(q.code).toEqual([{ system: 'http://loinc.org', code: '69737-5', display: GAD_7.title }]);
    expect(q.item.map((item) => item.code?.[0]?.code ?? null)).toEqual(['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', null, null, null]);
    expect(q.item[0]?.answerOption?.[0]?.valueCoding.system).toBe('urn:ipt-workbench:answer:gad-7');
    const all = toFhirQuestionnaire(GAD_7, { includePartlyVerifiedCodes: true });
    expect(all.item[5]?.code?.[0]?.code).toBe('69689-8');
    expect(all.item[0]?.answerOption?.[0]?.valueCoding.code).toBe('LA6568-5');
  });

  it('exports EPDS reversed items with their scored values and no [P] panel code by default', () => {
    const q = toFhirQuestionnaire(EPDS);
    expect(q.code).toBeUndefined();
    expect(q.item[2]?.answerOption?.map((option) => [option.valueCoding.code, option.valueCoding.extension?.[0]?.valueDecimal])).toEqual([
      ['3', 3],
      ['2', 2],
      ['1', 1],
      ['0', 0],
    ]);
    expect(q.item[2]?.text).toBe('EPDS item 3');
    expect(toFhirQuestionnaire(EPDS, { includePartlyVerifiedCodes: true }).code?.[0]?.code).toBe('71354-5');
  });

  it('turns C-SSRS skip logic into enableWhen on items 3–5', () => {
    const q = toFhirQuestionnaire(C_SSRS_SCREENER);
    for (const linkId of ['3', '4', '5']) {
      const item = q.item.find((candidate) => candidate.linkId === linkId);
      expect(item?.enableWhen).toEqual([
        {
          question: '2',
          operator: '=',
          answerCoding: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 1 }], system: 'urn:ipt-workbench:answer:c-ssrs-screener', code: '1', display: 'Yes' },
        },
      ]);
      expect(item?.enableBehavior).toBe('any');
    }
    expect(q.item.find((item) => item.linkId === '6')?.enableWhen).toBeUndefined();
    expect(q.item[5]?.answerOption).toHaveLength(3);
  });

  it('exports SRM-5 clock times as integer minutes with bounds', () => {
    const item = toFhirQuestionnaire(SRM_5).item[0];
    expect(item).toMatchObject({ linkId: '1', type: 'integer', required: false });
    expect(item?.extension).toEqual([
      { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0 },
      { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 2159 },
    ]);
  });

  it('carries licensed wording when a pack is applied', () => {
    const items = Object.fromEntries(EPDS.items.map((item) => [item.id, { text: `Licensed ${item.id}` }]));
    const licensed = applyInstrumentPack(EPDS, { instrumentId: 'epds', instrumentVersion: '1', packVersion: '1', language: 'en-GB', items, licence: { holder: 'Holder', statement: 'With permission.' } });
    const q = toFhirQuestionnaire(licensed);
    expect(q.item[0]?.text).toBe('Licensed 1');
    expect(q.language).toBe('en-GB');
    expect(q.copyright).toBe('Holder: With permission.');
  });

  it('gives every built-in instrument a valid, JSON-safe resource with unique linkIds', () => {
    for (const definition of listInstruments()) {
      const q = toFhirQuestionnaire(definition);
      expect(JSON.parse(JSON.stringify(q))).toEqual(q);
      expect(q.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
      expect(q.name).toMatch(/^[A-Z]([A-Za-z0-9_]){0,254}$/);
      expect(new Set(q.item.map((item) => item.linkId)).size).toBe(definition.items.length);
      expect(questionnaireCanonical(definition)).toBe(`${q.url}|${q.version}`);
    }
  });
});
