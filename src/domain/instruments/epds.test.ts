import { describe, expect, it } from 'vitest';
import { EPDS, epdsValueFromPrintedPosition } from './epds';
import { scoreInstrument } from './scoring';

/** Answers from the printed positions ticked (0 = top), converted the way paper entry does. */
function fromPositions(positions: readonly number[]): Record<string, number> {
  return Object.fromEntries(positions.map((position, index) => [String(index + 1), epdsValueFromPrintedPosition(String(index + 1), position)]));
}

describe('EPDS reversed items live in the option data [S38a][S38b]', () => {
  it('items 1, 2, 4 score 0→3 down the page; 3 and 5–10 score 3→0', () => {
    for (const itemId of ['1', '2', '4']) expect([0, 1, 2, 3].map((p) => epdsValueFromPrintedPosition(itemId, p))).toEqual([0, 1, 2, 3]);
    for (const itemId of ['3', '5', '6', '7', '8', '9', '10']) expect([0, 1, 2, 3].map((p) => epdsValueFromPrintedPosition(itemId, p))).toEqual([3, 2, 1, 0]);
  });

  it('ticking the top box everywhere scores 7 × 3 = 21', () => {
    expect(scoreInstrument(EPDS, fromPositions([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).total).toBe(21);
  });

  it('ticking the bottom box everywhere scores 3 × 3 = 9', () => {
    expect(scoreInstrument(EPDS, fromPositions([3, 3, 3, 3, 3, 3, 3, 3, 3, 3])).total).toBe(9);
  });

  it('rejects a printed position outside 0–3', () => {
    expect(() => epdsValueFromPrintedPosition('3', 4)).toThrow(expect.objectContaining({ code: 'validation', field: 'answers.3' }));
    expect(() => epdsValueFromPrintedPosition('11', 0)).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});

describe('EPDS thresholds ≥10 and ≥13 [S38a][S38b]', () => {
  // Values (not positions), items 1..10.
  const rows: Array<[number[], number, string, string[]]> = [
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'below-10', []],
    [[3, 3, 3, 0, 0, 0, 0, 0, 0, 0], 9, 'below-10', []],
    [[3, 3, 3, 1, 0, 0, 0, 0, 0, 0], 10, '10-to-12', ['epds-ge-10']],
    [[3, 3, 3, 3, 0, 0, 0, 0, 0, 0], 12, '10-to-12', ['epds-ge-10']],
    [[3, 3, 3, 3, 1, 0, 0, 0, 0, 0], 13, '13-or-more', ['epds-ge-10', 'epds-ge-13']],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3, 3], 30, '13-or-more', ['epds-ge-10', 'epds-ge-13']],
  ];
  it.each(rows)('%j → %i, %s', (values, total, band, cutOffs) => {
    const answers = Object.fromEntries(values.map((value, index) => [String(index + 1), value]));
    const result = scoreInstrument(EPDS, answers);
    expect(result.total).toBe(total);
    expect(result.severity?.code).toBe(band);
    expect(result.cutOffsMet).toEqual(cutOffs);
  });

  it('item 10 > 0 is a risk item, also on a partial answer set', () => {
    const result = scoreInstrument(EPDS, { '10': 1 });
    expect(result.total).toBeNull();
    expect(result.riskItems.map((item) => [item.itemId, item.value])).toEqual([['10', 1]]);
    expect(scoreInstrument(EPDS, { '10': 0 }).riskItems).toEqual([]);
  });

  it('ships neutral labels only: no RCPsych wording', () => {
    expect(EPDS.wording.kind).toBe('neutral-labels');
    expect(EPDS.items.map((item) => item.text)).toEqual(Array.from({ length: 10 }, (_, index) => `EPDS item ${index + 1}`));
  });
});
