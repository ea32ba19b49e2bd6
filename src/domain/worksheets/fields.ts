/**
 * Small zod building blocks for the middle-phase payloads (worksheets, workspace details, outcomes)
 * and the one place that turns a zod failure into a DomainError naming each field.
 *
 * They live in the domain, not in contracts, because the same rules check a request, a stored row
 * read back and a test fixture. No transforms: the schemas also describe responses, which the server
 * encodes through them, and a transform cannot run backwards.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import type { FieldError } from '../errors';

/** Required text a person typed: trimmed, non-empty, capped. */
export const requiredText = (max: number) =>
  z.string().trim().min(1, { message: 'must not be empty' }).max(max, { message: `must be at most ${max} characters` });

/** Optional text: may be left out, null or empty (all read as "not filled in"). */
export const optionalText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional();

/** A list of short entries (memories, goals, pros…), capped in length and count. */
export const textList = (maxItems: number, maxLength = 300) =>
  z.array(requiredText(maxLength)).max(maxItems, { message: `must have at most ${maxItems} entries` });

/** A whole-number rating on a 0–10 scale (mood, confidence, progress). */
export const rating0to10 = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must be 0 to 10' }).max(10, { message: 'must be 0 to 10' });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not). Pure: no clock involved. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/** A calendar date as YYYY-MM-DD that exists. */
export const calendarDate = z.string().refine(isCalendarDate, { message: 'must be a real date as YYYY-MM-DD' });

/** True when every entry is different, for lists whose entries must not repeat. */
export function distinct(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

/** Per-field errors from a zod failure, each field a dotted path under `prefix` (e.g. `payload.options.0.option`). */
export function fieldErrorsOf(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter((part) => part.length > 0);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...base, key].join('.'), message: 'is not a known field' }));
    return [{ field: base.join('.') || prefix, message: issue.message }];
  });
}

/**
 * Parses a value the route could not check on its own (its schema depends on the record, e.g. the
 * workspace's problem area). Throws DomainError('validation') listing every field that is wrong.
 */
export function parseFields<T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrorsOf(result.error, prefix);
  const first = errors[0] ?? { field: prefix, message: 'is not valid' };
  throw new DomainError('validation', errors.length === 1 ? `${first.field}: ${first.message}` : 'Some fields need correcting.', { field: first.field, errors });
}
