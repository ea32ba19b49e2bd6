import type { FieldError } from './api';
import { isApiError } from './api';

/** Field name → message, the shape form components take. */
export type FieldErrorMap = Partial<Record<string, string>>;

/** The per-field errors of a failed request, keyed by field name (first message wins). */
export function fieldErrorsOf(error: unknown): FieldErrorMap {
  if (!isApiError(error)) return {};
  return toFieldErrorMap(error.errors);
}

/** Turn a list of field errors into a map, keeping the first message for each field. */
export function toFieldErrorMap(errors: readonly FieldError[]): FieldErrorMap {
  const map: FieldErrorMap = {};
  for (const { field, message } of errors) if (map[field] === undefined) map[field] = message;
  return map;
}
