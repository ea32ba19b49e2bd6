/**
 * Content checks over every built-in definition: the shape rules that make scoring and forms safe.
 */
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from './instrument-definition';
import { listInstruments } from './registry';

function maxOptionValue(definition: InstrumentDefinition, itemId: string): number {
  const item = definition.items.find((candidate) => candidate.id === itemId);
  if (item === undefined || item.answerType !== 'choice') throw new Error(`${definition.id}: ${itemId} is not a choice item`);
  return Math.max(...item.options.map((option) => option.value));
}

describe.each(listInstruments().map((definition) => [definition.id, definition] as const))('%s', (_id, definition) => {
  it('has item ids "1".."n", contiguous and unique', () => {
    expect(definition.items.map((item) => item.id)).toEqual(definition.items.map((_, index) => String(index + 1)));
  });

  it('has non-empty item text and distinct option values within each item', () => {
    for (const item of definition.items) {
      expect(item.text.trim()).not.toBe('');
      if (item.answerType === 'choice') {
        const values = item.options.map((option) => option.value);
        expect(new Set(values).size).toBe(values.length);
        expect(values.every((value) => Number.isInteger(value) && value >= 0)).toBe(true);
        expect(item.options.every((option) => option.label.trim() !== '')).toBe(true);
      } else {
        expect(item.minMinutes).toBeLessThanOrEqual(item.maxMinutes);
      }
    }
  });

  it('has sources, a licence statement and a citation', () => {
    expect(definition.sources.length).toBeGreaterThan(0);
    expect(definition.licence.statement.trim()).not.toBe('');
    expect(definition.citation.trim()).not.toBe('');
    expect(definition.title.trim()).not.toBe('');
    expect(definition.instructions.trim()).not.toBe('');
  });

  it('refers only to existing items (total rule, skip logic, risk items, extensions), all scored', () => {
    const ids = new Set(definition.items.map((item) => item.id));
    const scored = new Set(definition.items.filter((item) => item.scored).map((item) => item.id));
    const total = definition.scoring.total;
    const totalItems = total.kind === 'sum' ? total.items : total.kind === 'domain-max-sum' ? total.domains.flatMap((domain) => domain.items) : [];
    for (const itemId of totalItems) expect(scored.has(itemId)).toBe(true);
    for (const rule of definition.scoring.skipLogic) {
      expect(ids.has(rule.when.itemId)).toBe(true);
      for (const itemId of rule.skip) expect(ids.has(itemId)).toBe(true);
    }
    for (const risk of definition.riskItems) {
      expect(ids.has(risk.itemId)).toBe(true);
      expect(risk.source).toMatch(/\[S\d+[a-z]?\]/);
      // The rule can fire: some option value meets it.
      const max = maxOptionValue(definition, risk.itemId);
      expect(risk.rule.op === '>' ? max > risk.rule.value : max >= risk.rule.value).toBe(true);
    }
    for (const extension of definition.scoring.extensions) {
      expect(extension.source).toMatch(/\[S\d+[a-z]?\]/);
      if (extension.kind === 'phq-diagnostic') {
        for (const itemId of [...extension.symptomItems, ...extension.cardinalItems, ...extension.countsIfPresentItems]) expect(scored.has(itemId)).toBe(true);
      }
    }
  });

  it('declares a maximum equal to the highest possible total', () => {
    const total = definition.scoring.total;
    if (total.kind === 'sum') {
      expect(definition.maximum).toBe(total.items.reduce((sum, itemId) => sum + maxOptionValue(definition, itemId), 0));
    } else if (total.kind === 'domain-max-sum') {
      expect(definition.maximum).toBe(total.domains.reduce((sum, domain) => sum + Math.max(...domain.items.map((itemId) => maxOptionValue(definition, itemId))), 0));
    } else {
      expect(definition.maximum).toBeNull();
    }
  });

  it('has contiguous, non-overlapping bands covering 0..maximum in every convention, each with a source', () => {
    if (definition.maximum === null) {
      expect(definition.bandConventions).toEqual([]);
      expect(definition.defaultBandConvention).toBeNull();
      return;
    }
    expect(definition.bandConventions.length).toBeGreaterThan(0);
    expect(definition.bandConventions.map((convention) => convention.id)).toContain(definition.defaultBandConvention);
    for (const convention of definition.bandConventions) {
      expect(convention.source).toMatch(/\[S\d+[a-z]?\]/);
      expect(convention.bands[0]?.min).toBe(0);
      expect(convention.bands.at(-1)?.max).toBe(definition.maximum);
      convention.bands.forEach((band, index) => {
        expect(band.min).toBeLessThanOrEqual(band.max);
        const next = convention.bands[index + 1];
        if (next !== undefined) expect(next.min).toBe(band.max + 1);
      });
      expect(new Set(convention.bands.map((band) => band.code)).size).toBe(convention.bands.length);
    }
  });

  it('has cut-offs inside 0..maximum with sources', () => {
    for (const cutOff of definition.cutOffs) {
      expect(cutOff.min).toBeGreaterThan(0);
      expect(cutOff.min).toBeLessThanOrEqual(definition.maximum ?? -1);
      expect(cutOff.source).toMatch(/\[S\d+[a-z]?\]/);
    }
  });

  it('marks neutral labels in the instructions so nobody reads them as validated wording', () => {
    if (definition.wording.kind === 'neutral-labels' && definition.id !== 'srm-5' && definition.id !== 'epds') {
      expect(definition.instructions).toMatch(/^Neutral labels/);
    }
  });
});

describe('the registry', () => {
  it('holds each id@version once', () => {
    const keys = listInstruments().map((definition) => `${definition.id}@${definition.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ships validated wording only for PHQ-9, GAD-7 and PHQ-A; EPDS wording is never shipped', () => {
    const validated = listInstruments().filter((definition) => definition.wording.kind === 'validated').map((definition) => definition.id);
    expect(validated.sort()).toEqual(['gad-7', 'phq-9', 'phq-a']);
  });
});
