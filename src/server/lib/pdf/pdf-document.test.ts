import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../../test/support/pdf-text';
import { bandColour } from './line-chart';
import { createPdf, formatLongDate } from './pdf-document';

const header = { organization: 'Riverside Counselling', title: 'Test document', clientName: 'Zoë Ångström', clientIdentifier: 'RC-7', date: '2026-12-06' };

async function sample(createdAt: Date, rows = 3): Promise<Buffer> {
  const w = createPdf(header, { createdAt });
  w.heading('First section');
  w.fields([['Protocol', 'IPT'], ['Sessions', '12 of 16']]);
  w.paragraph('Ελληνικά και кириллица print with the embedded font.');
  w.list(['one', 'two'], { numbered: true });
  w.table([{ header: 'Session', width: 0.3 }, { header: 'Score', width: 0.7 }], Array.from({ length: rows }, (_, i) => [String(i + 1), String(20 - i)]));
  w.lineChart({ yLabel: 'PHQ-9', xLabel: 'Session', yMax: 27, bands: [{ min: 0, max: 4, label: 'Minimal' }, { min: 5, max: 27, label: 'More' }], points: [{ x: 1, y: 20 }, { x: 2, y: 14 }], xMin: 1, xMax: 4, boundaries: [{ x: 1, label: 'Initial' }, { x: 3, label: 'Middle' }] });
  return w.finish();
}

describe('the PDF layer', () => {
  it('writes the header, the confidential marking, the content and "Page n of m" on every page', async () => {
    const pages = await pdfPages(await sample(new Date('2026-12-06T09:00:00Z'), 80));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text).toContain('Riverside Counselling');
      expect(text).toContain('CONFIDENTIAL');
      expect(text).toContain('Client: Zoë Ångström (RC-7)');
      expect(text).toContain('Date: 6 December 2026');
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(pages[0]).toContain('Ελληνικά και кириллица');
    expect(pages[0]).toContain('First section');
    // The table goes on over the page break with its header row again.
    expect(pages[1]).toContain('Session Score');
  });

  it('gives the same bytes for the same content and clock, and other bytes for another date', async () => {
    const a = await sample(new Date('2026-12-06T09:00:00Z'));
    const b = await sample(new Date('2026-12-06T09:00:00Z'));
    const c = await sample(new Date('2026-12-07T09:00:00Z'));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('formats dates in words and shades bands from green to red', () => {
    expect(formatLongDate('2026-01-09')).toBe('9 January 2026');
    expect(bandColour(0, 5)).toBe('#e2f0df');
    expect(bandColour(4, 5)).toBe('#f4d9d9');
    expect(bandColour(0, 1)).toBe('#e2f0df');
  });
});
