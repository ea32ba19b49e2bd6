/**
 * Checks raw answers against a definition before anything is scored. Bad input is never coerced or read
 * as zero: every bad item is listed in one DomainError('validation') so a form can show all problems at once.
 */
import { DomainError } from '../errors';
import type { FieldError } from '../errors';
import type { InstrumentDefinition, InstrumentItem } from './instrument-definition';

/** Raw answers keyed by item id; `null` or an absent key means "not answered". */
export type Answers = Readonly<Record<string, unknown>>;

/** Answers that passed validation, plus the items the form's skip logic excused. */
export interface ValidatedAnswers {
  values: ReadonlyMap<string, number>;
  skipped: ReadonlySet<string>;
}

/** The problem with one answer, or null when it is acceptable for the item. */
function problemWith(item: InstrumentItem, raw: number): string | null {
  if (!Number.isInteger(raw)) return 'must be an integer';
  if (item.answerType === 'choice') {
    const allowed = item.options.map((option) => option.value);
    return allowed.includes(raw) ? null : `must be one of ${allowed.join(', ')}`;
  }
  return raw >= item.minMinutes && raw <= item.maxMinutes ? null : `must be between ${item.minMinutes} and ${item.maxMinutes} minutes`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates answers for a definition: unknown item ids, wrong types, non-integers, values that are not an
 * option, and answers to items the skip logic says were not asked (a contradiction we refuse rather than
 * silently drop, because a dropped "yes" could hide risk).
 */
export function validateAnswers(definition: InstrumentDefinition, answers: unknown): ValidatedAnswers {
  if (!isPlainObject(answers)) {
    throw new DomainError('validation', 'answers must be an object keyed by item id', { field: 'answers' });
  }
  const itemsById = new Map(definition.items.map((item) => [item.id, item]));
  const errors: FieldError[] = [];
  const values = new Map<string, number>();

  for (const [itemId, raw] of Object.entries(answers)) {
    const item = itemsById.get(itemId);
    if (item === undefined) {
      errors.push({ field: `answers.${itemId}`, message: `unknown item for ${definition.id}@${definition.version}` });
      continue;
    }
    if (raw === null || raw === undefined) continue;
    if (typeof raw !== 'number') {
      errors.push({ field: `answers.${itemId}`, message: `must be a number, got ${typeof raw}` });
      continue;
    }
    const problem = problemWith(item, raw);
    if (problem === null) values.set(itemId, raw);
    else errors.push({ field: `answers.${itemId}`, message: problem });
  }

  const skipped = new Set<string>();
  for (const rule of definition.scoring.skipLogic) {
    if (values.get(rule.when.itemId) !== rule.when.equals) continue;
    for (const itemId of rule.skip) {
      skipped.add(itemId);
      if (values.has(itemId)) {
        errors.push({
          field: `answers.${itemId}`,
          message: `is not asked when item ${rule.when.itemId} is ${rule.when.equals}; leave it unanswered or correct item ${rule.when.itemId}`,
        });
      }
    }
  }

  if (errors.length > 0) {
    const order = (field: string): number => {
      const index = definition.items.findIndex((item) => `answers.${item.id}` === field);
      return index === -1 ? Number.MAX_SAFE_INTEGER : index;
    };
    errors.sort((a, b) => order(a.field) - order(b.field));
    throw new DomainError('validation', `invalid answers for ${definition.shortTitle}: ${errors.length} problem(s)`, { errors });
  }
  return { values, skipped };
}
