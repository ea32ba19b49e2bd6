/**
 * Calendar dates (`YYYY-MM-DD`) as whole days, for timing rules such as "near the onset". The domain has
 * no clock: dates come in from the caller and are compared with each other only.
 */
import { DomainError } from '../errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * The day number (days since 1970-01-01, UTC) of a `YYYY-MM-DD` date. Throws DomainError('validation')
 * naming `field` when the text is not a real calendar date (e.g. 2025-02-30).
 */
export function parseIsoDate(value: unknown, field: string): number {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match !== null) {
    const [, y, m, d] = match;
    const year = Number(y);
    const month = Number(m);
    const day = Number(d);
    const time = Date.UTC(year, month - 1, day);
    const check = new Date(time);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return Math.round(time / MS_PER_DAY);
    }
  }
  throw new DomainError('validation', 'Write the date as YYYY-MM-DD, for example 2025-03-31.', { field });
}
