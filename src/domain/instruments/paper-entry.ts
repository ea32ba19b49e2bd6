/**
 * Paper entry: a clerk copying a paper form records which box was ticked (0 = top), and the definition's
 * option order turns it into the scored value. This is how reversed items (EPDS 3, 5–10) stay correct
 * without anyone doing the reversal in their head.
 */
import { DomainError } from '../errors';
import type { InstrumentDefinition } from './instrument-definition';

/** The scored value of the option printed at `position` (0 = top of the page) for one item. */
export function valueFromPrintedPosition(definition: InstrumentDefinition, itemId: string, position: number): number {
  const field = `answers.${itemId}`;
  const item = definition.items.find((candidate) => candidate.id === itemId);
  if (item === undefined) throw new DomainError('validation', `unknown item for ${definition.id}`, { field });
  if (item.answerType !== 'choice') throw new DomainError('validation', 'item has no printed options', { field });
  const option = Number.isInteger(position) ? item.options[position] : undefined;
  if (option === undefined) {
    throw new DomainError('validation', `printed position must be an integer from 0 to ${item.options.length - 1}`, { field });
  }
  return option.value;
}
