import { describe, expect, it } from 'vitest';
import { PHQ_9 } from './phq-9';
import { findInstrument, getInstrument, getInstrumentByKey, instrumentKey, listInstruments, parseInstrumentKey } from './registry';

describe('registry', () => {
  it('lists the nine built-in instruments', () => {
    expect(listInstruments().map(instrumentKey)).toEqual([
      'phq-9@1',
      'gad-7@1',
      'phq-a@1',
      'qids-sr16@1',
      'wsas@1',
      'ham-d17@1',
      'c-ssrs-screener@1',
      'srm-5@1',
      'epds@1',
    ]);
  });

  it('gets by id, by id and version, and by key', () => {
    expect(getInstrument('phq-9')).toBe(PHQ_9);
    expect(getInstrument('phq-9', '1')).toBe(PHQ_9);
    expect(getInstrumentByKey('phq-9@1')).toBe(PHQ_9);
    expect(findInstrument('phq-9', '2')).toBeUndefined();
  });

  it('unknown instruments are not-found; malformed keys are validation errors', () => {
    expect(() => getInstrument('bdi-ii')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => getInstrumentByKey('phq-9@7')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => parseInstrumentKey('phq-9')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(parseInstrumentKey('c-ssrs-screener@1')).toEqual({ id: 'c-ssrs-screener', version: '1' });
  });
});
