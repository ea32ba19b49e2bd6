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

/** A calendar date (YYYY-MM-DD, no time zone) as the reader writes dates, e.g. "3 Mar 1990". */
export function formatCalendarDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An instant (ISO-8601 date-time) in the reader's time zone, with minutes. */
export function formatDateTime(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A count, with the reader's grouping. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}
