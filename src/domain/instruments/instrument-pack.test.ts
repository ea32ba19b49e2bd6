import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { applyInstrumentPack } from './apply-instrument-pack';
import { EPDS } from './epds';
import { parseInstrumentPack } from './instrument-pack';
import { scoreInstrument } from './scoring';
import { SRM_5 } from './srm-5';

/** A made-up pack (placeholder text, not EPDS wording) covering every item and option. */
function epdsPack(): Record<string, unknown> {
  const items: Record<string, unknown> = {};
  for (const item of EPDS.items) {
    const options = item.answerType === 'choice' ? Object.fromEntries(item.options.map((option) => [String(option.value), `Licensed option ${option.value}`])) : undefined;
    items[item.id] = { text: `Licensed wording ${item.id}`, options };
  }
  return {
    instrumentId: 'epds',
    instrumentVersion: '1',
    packVersion: '2025.1',
    language: 'en-GB',
    title: 'Edinburgh Postnatal Depression Scale (licensed)',
    items,
    licence: { holder: 'Royal College of Psychiatrists', statement: 'Reproduced with written permission (example).' },
  };
}

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (isDomainError(error) && error.code === 'validation') return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('applyInstrumentPack', () => {
  it('replaces wording and option labels, keeping ids, values and scoring', () => {
    const licensed = applyInstrumentPack(EPDS, epdsPack());
    expect(licensed.items[2]?.text).toBe('Licensed wording 3');
    const item3 = licensed.items[2];
    expect(item3?.answerType === 'choice' && item3.options.map((option) => [option.value, option.label])).toEqual([
      [3, 'Licensed option 3'],
      [2, 'Licensed option 2'],
      [1, 'Licensed option 1'],
      [0, 'Licensed option 0'],
    ]);
    expect(licensed.wording).toEqual({ kind: 'licensed-pack', packVersion: '2025.1', language: 'en-GB', holder: 'Royal College of Psychiatrists' });
    expect(licensed.language).toBe('en-GB');
    expect(licensed.title).toBe('Edinburgh Postnatal Depression Scale (licensed)');
    expect(licensed.instructions).toBe(EPDS.instructions);
    expect(licensed.version).toBe(EPDS.version);
    const answers = Object.fromEntries(EPDS.items.map((item) => [item.id, 1]));
    expect(scoreInstrument(licensed, answers)).toEqual(scoreInstrument(EPDS, answers));
    // The original definition is untouched.
    expect(EPDS.items[2]?.text).toBe('EPDS item 3');
  });

  it('allows items without option labels (the neutral option labels stay)', () => {
    const pack = epdsPack();
    (pack.items as Record<string, unknown>)['1'] = { text: 'Only the question' };
    const item1 = applyInstrumentPack(EPDS, pack).items[0];
    expect(item1?.text).toBe('Only the question');
    expect(item1?.answerType === 'choice' && item1.options[0]?.label).toBe('First response (top)');
  });

  it('names every problem: wrong instrument, missing and unknown items, option mismatch', () => {
    const pack = epdsPack();
    pack.instrumentId = 'phq-9';
    pack.instrumentVersion = '2';
    const items = pack.items as Record<string, { text: string; options?: Record<string, string> }>;
    delete items['10'];
    items['11'] = { text: 'extra' };
    items['4'] = { text: 'x', options: { '0': 'a', '1': 'b', '2': 'c', '4': 'd' } };
    expect(fieldsOf(() => applyInstrumentPack(EPDS, pack))).toEqual([
      'instrumentId',
      'instrumentVersion',
      'items.4.options.4',
      'items.4.options.3',
      'items.10',
      'items.11',
    ]);
  });

  it('rejects options on clock-time items', () => {
    const items = Object.fromEntries(SRM_5.items.map((item) => [item.id, { text: `Activity ${item.id}` }]));
    const pack = { instrumentId: 'srm-5', instrumentVersion: '1', packVersion: '1', language: 'en', items: { ...items, '1': { text: 'a', options: { '0': 'x' } } }, licence: { holder: 'h', statement: 's' } };
    expect(fieldsOf(() => applyInstrumentPack(SRM_5, pack))).toEqual(['items.1.options']);
  });
});

describe('parseInstrumentPack (zod schema)', () => {
  it('names schema problems by JSON path', () => {
    const fields = fieldsOf(() => parseInstrumentPack({ instrumentId: 'epds', language: 'english!', items: { '1': { text: '' } }, licence: {}, extra: true }));
    expect(fields).toEqual(expect.arrayContaining(['instrumentVersion', 'packVersion', 'language', 'items.1.text', 'licence.holder', 'licence.statement', 'pack']));
  });

  it('rejects a non-object', () => {
    expect(fieldsOf(() => parseInstrumentPack('pack'))).toEqual(['pack']);
  });
});
