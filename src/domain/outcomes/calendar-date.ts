/**
 * Calendar dates as plain `YYYY-MM-DD` strings turned into day numbers, without the Date object: the
 * domain has no clock and no time zone, so "week 8" means the same on every server.
 */
import { DomainError } from '../errors';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Days since 1970-01-01 for a `YYYY-MM-DD` date (proleptic Gregorian, "days from civil"); a bad date is a
 * validation error on `field`.
 */
export function toDayNumber(value: unknown, field: string): number {
  if (!isCalendarDate(value)) throw new DomainError('validation', 'must be a calendar date written YYYY-MM-DD', { field });
  const [yearText, monthText, dayText] = value.split('-');
  const month = Number(monthText);
  const day = Number(dayText);
  const year = Number(yearText) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
