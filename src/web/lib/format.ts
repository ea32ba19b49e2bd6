import i18next from 'i18next';

/**
 * Dates and numbers are shown through Intl in the current language, never formatted by hand, so
 * that a translation also gets the right date order and digits.
 */
function locale(): string {
  const language = i18next.language || 'en';
  // Use the reader's regional variant when it is of the same language (en-GB → 24-hour clock, day first).
  const regional = typeof navigator === 'undefined' ? undefined : navigator.languages.find((tag) => tag === language || tag.startsWith(`${language}-`));
  return regional ?? language;
}

// Building an Intl formatter costs far more than formatting with one (a caseload page formats a date
// per row), so each locale and style gets one formatter, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

const dateStyles = {
  calendar: { dateStyle: 'medium', timeZone: 'UTC' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
  longCalendar: { dateStyle: 'full', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function dateFormatter(style: keyof typeof dateStyles): Intl.DateTimeFormat {
  const tag = locale();
  const key = `date:${style}:${tag}`;
  let formatter = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(tag, dateStyles[style]);
    formatters.set(key, formatter);
  }
  return formatter;
}

function numberFormatter(): Intl.NumberFormat {
  const tag = locale();
  const key = `number:${tag}`;
  let formatter = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) {
    formatter = new Intl.NumberFormat(tag);
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Makes the formatters the first pages use (the caseload's dates and counts, a questionnaire's
 * numbers) ahead of time. The first Intl formatter of a page loads the language's data, a few
 * milliseconds on a slow phone; done while the page waits for its data, that time is not added to
 * the render that shows the data.
 */
export function prepareFormatters(): void {
  numberFormatter();
  dateFormatter('calendar');
}

/** A calendar date (YYYY-MM-DD, no time zone) as the reader writes dates, e.g. "3 Mar 1990". */
export function formatCalendarDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return dateFormatter('calendar').format(date);
}

/** An instant (ISO-8601 date-time) in the reader's time zone, with minutes. */
export function formatDateTime(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return dateFormatter('dateTime').format(date);
}

/** A count, with the reader's grouping. */
export function formatNumber(value: number): string {
  return numberFormatter().format(value);
}

/** A clock time of an instant (ISO-8601 date-time) in the reader's time zone, e.g. "14:30". */
export function formatTime(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return dateFormatter('time').format(date);
}

/** A calendar date (YYYY-MM-DD) with the weekday, for headings such as the day view's, e.g. "Monday 6 January 2025". */
export function formatLongCalendarDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return dateFormatter('longCalendar').format(date);
}

/** The reader's local calendar date today (or of `at`) as YYYY-MM-DD, the value an <input type="date"> takes. */
export function localIsoDate(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** An instant as the value an <input type="datetime-local"> takes (local time, minutes). */
export function toDateTimeLocalValue(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localIsoDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of an <input type="datetime-local"> (local time) as an ISO-8601 instant, or null when it is not a time. */
export function fromDateTimeLocalValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
