import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDateTime, formatLongCalendarDate, formatNumber } from './format';

describe('format', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', resources: { en: { translation: {} }, de: { translation: {} } } });
  });
  afterAll(async () => {
    await i18next.changeLanguage('en');
  });

  it('formats calendar dates, numbers and instants in the current language', async () => {
    await i18next.changeLanguage('en');
    expect(formatCalendarDate('1990-03-03')).toBe('Mar 3, 1990');
    expect(formatLongCalendarDate('2025-01-06')).toBe('Monday, January 6, 2025');
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatDateTime('2026-12-01T10:00:00Z')).toContain('2026');
  });

  it('keeps a formatter per language, so a change of language changes the output', async () => {
    await i18next.changeLanguage('en');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    await i18next.changeLanguage('de');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatCalendarDate('1990-03-03')).toBe('03.03.1990');
    await i18next.changeLanguage('en');
    expect(formatCalendarDate('1990-03-03')).toBe('Mar 3, 1990');
  });

  it('returns what it was given when it is not a date', () => {
    expect(formatCalendarDate('not-a-date')).toBe('not-a-date');
    expect(formatDateTime('')).toBe('');
  });
});
