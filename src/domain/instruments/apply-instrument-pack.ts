/**
 * Applies an instrument pack to a definition, returning a definition with the licensed wording. The pack
 * must cover every item and, where it gives option labels, every option value: a half-translated form
 * mixing licensed and neutral text would be worse than either.
 */
import { DomainError } from '../errors';
import type { FieldError } from '../errors';
import type { InstrumentDefinition, InstrumentItem } from './instrument-definition';
import { parseInstrumentPack } from './instrument-pack';
import type { InstrumentPack } from './instrument-pack';

function checkItems(definition: InstrumentDefinition, pack: InstrumentPack): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(definition.items.map((item) => item.id));
  for (const item of definition.items) {
    const packed = pack.items[item.id];
    if (packed === undefined) {
      errors.push({ field: `items.${item.id}`, message: `wording missing for item ${item.id}` });
      continue;
    }
    if (packed.options === undefined) continue;
    if (item.answerType !== 'choice') {
      errors.push({ field: `items.${item.id}.options`, message: 'this item has no answer options' });
      continue;
    }
    const values = new Set(item.options.map((option) => String(option.value)));
    for (const key of Object.keys(packed.options)) {
      if (!values.has(key)) errors.push({ field: `items.${item.id}.options.${key}`, message: `no option with value ${key}` });
    }
    for (const value of values) {
      if (packed.options[value] === undefined) errors.push({ field: `items.${item.id}.options.${value}`, message: `label missing for option value ${value}` });
    }
  }
  for (const key of Object.keys(pack.items)) {
    if (!known.has(key)) errors.push({ field: `items.${key}`, message: `unknown item for ${definition.id}@${definition.version}` });
  }
  return errors;
}

function applyToItem(item: InstrumentItem, pack: InstrumentPack): InstrumentItem {
  const packed = pack.items[item.id];
  if (packed === undefined) return item;
  if (item.answerType !== 'choice' || packed.options === undefined) return { ...item, text: packed.text };
  const labels = packed.options;
  return { ...item, text: packed.text, options: item.options.map((option) => ({ ...option, label: labels[String(option.value)] ?? option.label })) };
}

/**
 * Validates `pack` (untrusted JSON or an already parsed pack) against `definition` and returns a new
 * definition carrying the pack's wording. Ids, values, scoring and version are unchanged, so stored
 * responses keep their `id@version` key; the wording's origin is recorded in `wording` and `licence`.
 */
export function applyInstrumentPack(definition: InstrumentDefinition, pack: unknown): InstrumentDefinition {
  const parsed = parseInstrumentPack(pack);
  const errors: FieldError[] = [];
  if (parsed.instrumentId !== definition.id) errors.push({ field: 'instrumentId', message: `must be ${definition.id}` });
  if (parsed.instrumentVersion !== definition.version) errors.push({ field: 'instrumentVersion', message: `must be ${definition.version}` });
  errors.push(...checkItems(definition, parsed));
  if (errors.length > 0) {
    throw new DomainError('validation', `instrument pack does not fit ${definition.id}@${definition.version}: ${errors.length} problem(s)`, { errors });
  }
  return {
    ...definition,
    title: parsed.title ?? definition.title,
    instructions: parsed.instructions ?? definition.instructions,
    language: parsed.language,
    wording: { kind: 'licensed-pack', packVersion: parsed.packVersion, language: parsed.language, holder: parsed.licence.holder },
    // The statement is the importing organisation's declaration, which we cannot check: status U.
    licence: { holder: parsed.licence.holder, statement: parsed.licence.statement, status: 'U' },
    items: definition.items.map((item) => applyToItem(item, parsed)),
  };
}
