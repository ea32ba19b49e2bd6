/**
 * Property tests over every instrument with a total: totals stay in range, removing an answer never
 * raises a total, and the band returned always contains the total.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { InstrumentDefinition } from './instrument-definition';
import { listInstruments } from './registry';
import { scoreInstrument } from './scoring';

const scoredInstruments = listInstruments().filter((definition) => definition.scoring.total.kind !== 'none');

/** Arbitrary answer sets: each choice item unanswered or one of its option values. */
function answersArbitrary(definition: InstrumentDefinition): fc.Arbitrary<Record<string, number>> {
  const perItem = definition.items.map((item) =>
    item.answerType === 'choice'
      ? fc.option(fc.constantFrom(...item.options.map((option) => option.value)), { nil: undefined })
      : fc.constant(undefined),
  );
  return fc.tuple(...perItem).map((values) => {
    const answers: Record<string, number> = {};
    values.forEach((value, index) => {
      const item = definition.items[index];
      if (value !== undefined && item !== undefined) answers[item.id] = value;
    });
    return answers;
  });
}

describe.each(scoredInstruments.map((definition) => [definition.id, definition] as const))('%s properties', (_id, definition) => {
  it('total is null or an integer within 0..maximum', () => {
    fc.assert(
      fc.property(answersArbitrary(definition), (answers) => {
        const { total, maximum } = scoreInstrument(definition, answers);
        return total === null || (Number.isInteger(total) && total >= 0 && maximum !== null && total <= maximum);
      }),
    );
  });

  it('removing an answer never raises the total (null counts as not higher)', () => {
    fc.assert(
      fc.property(answersArbitrary(definition), fc.nat(), (answers, pick) => {
        const keys = Object.keys(answers);
        fc.pre(keys.length > 0);
        const removed = { ...answers };
        delete removed[keys[pick % keys.length] as string];
        const before = scoreInstrument(definition, answers).total;
        const after = scoreInstrument(definition, removed).total;
        return after === null || (before !== null && after <= before);
      }),
    );
  });

  it('every band convention returns a band that contains the total', () => {
    fc.assert(
      fc.property(answersArbitrary(definition), (answers) => {
        return definition.bandConventions.every((convention) => {
          const result = scoreInstrument(definition, answers, { bandConvention: convention.id });
          if (result.total === null) return result.severity === null;
          const band = convention.bands.find((candidate) => candidate.code === result.severity?.code);
          return band !== undefined && band.min <= result.total && result.total <= band.max;
        });
      }),
    );
  });

  it('a complete answer set always has a total', () => {
    const complete = fc.tuple(
      ...definition.items.map((item) => (item.answerType === 'choice' ? fc.constantFrom(...item.options.map((option) => option.value)) : fc.constant(0))),
    );
    fc.assert(
      fc.property(complete, (values) => {
        const answers = Object.fromEntries(values.map((value, index) => [String(index + 1), value]));
        return scoreInstrument(definition, answers).total !== null;
      }),
    );
  });
});
