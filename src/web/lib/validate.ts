import i18next from 'i18next';
import type { FieldErrorMap } from './field-errors';

/**
 * Quick checks in the browser before a round trip, with catalog messages. They mirror the contract
 * (the server checks everything again): required text, the 12-character password minimum, 6-digit
 * codes, and YYYY-MM-DD dates.
 */
export const minimumPasswordLength = 12;

type Check = (value: string) => string | null;

/** Required, non-blank text. */
export const required: Check = (value) => (value.trim() === '' ? i18next.t('validation.required') : null);

/** At least the minimum password length. */
export const newPassword: Check = (value) =>
  value.length < minimumPasswordLength ? i18next.t('validation.passwordTooShort', { min: minimumPasswordLength }) : null;

/** A 6-digit authenticator code. */
export const totpCode: Check = (value) => (/^\d{6}$/.test(value.trim()) ? null : i18next.t('validation.totpCode'));

/** Something that looks like an e-mail address (the server decides). */
export const email: Check = (value) => (/^[^\s@]+@[^\s@]+$/.test(value.trim()) ? null : i18next.t('validation.email'));

/** A real calendar date as YYYY-MM-DD (what <input type="date"> gives). */
export const calendarDate: Check = (value) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return i18next.t('validation.date');
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value ? null : i18next.t('validation.date');
};

/** Run checks per field (first failure wins) and collect the messages. */
export function validate<Field extends string>(values: Record<Field, string>, rules: Partial<Record<Field, Check[]>>): FieldErrorMap {
  const errors: FieldErrorMap = {};
  for (const field of Object.keys(rules) as Field[]) {
    for (const check of rules[field] ?? []) {
      const message = check(values[field] ?? '');
      if (message) {
        errors[field] = message;
        break;
      }
    }
  }
  return errors;
}

/** True when there is nothing in the map. */
export function isEmpty(errors: FieldErrorMap): boolean {
  return Object.keys(errors).length === 0;
}
