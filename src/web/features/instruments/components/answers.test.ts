import { describe, expect, it } from 'vitest';
import { C_SSRS_SCREENER } from '../../../../domain/instruments/c-ssrs-screener';
import { PHQ_9 } from '../../../../domain/instruments/phq-9';
import { formatClockTime, itemsToAsk, parseClockTime, progressOf, skippedItemIds, toAnswers } from './answers';

describe('questionnaire answers', () => {
  it('counts progress over the scored items only (PHQ-9: 9, not the difficulty item)', () => {
    expect(progressOf(PHQ_9, {})).toEqual({ answered: 0, total: 9 });
    expect(progressOf(PHQ_9, { '1': 0, '2': 3, '10': 1, '3': null })).toEqual({ answered: 2, total: 9 });
  });

  it('sends only answered items, as numbers keyed by item id', () => {
    expect(toAnswers(PHQ_9, { '1': 2, '2': null, '9': 1, '10': 0 })).toEqual({ '1': 2, '9': 1, '10': 0 });
  });

  it('follows the printed skip logic and drops answers to skipped items', () => {
    const rule = C_SSRS_SCREENER.scoring.skipLogic[0]!;
    const draft = { [rule.when.itemId]: rule.when.equals, [rule.skip[0]!]: 1 };
    expect([...skippedItemIds(C_SSRS_SCREENER, draft)]).toEqual([...rule.skip]);
    expect(itemsToAsk(C_SSRS_SCREENER, draft).map((item) => item.id)).not.toContain(rule.skip[0]);
    expect(toAnswers(C_SSRS_SCREENER, draft)).not.toHaveProperty(rule.skip[0]!);
  });

  it('reads diary times as minutes after midnight, past midnight included', () => {
    expect(parseClockTime('')).toBeNull();
    expect(parseClockTime('7:30')).toBe(450);
    expect(parseClockTime('24.30')).toBe(1470);
    expect(parseClockTime('7:75')).toBe('invalid');
    expect(parseClockTime('half past seven')).toBe('invalid');
    expect(formatClockTime(1470)).toBe('24:30');
  });
});
