import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_ITALIC, FONT_REGULAR } from './fonts';
import { drawLineChart, type LineChartSpec } from './line-chart';

/** What every page's header says: who made the document, what it is, whom it is about, and when. */
export interface PdfHeader {
  organization: string;
  title: string;
  clientName: string;
  clientIdentifier: string | null;
  /** The document's date (YYYY-MM-DD). */
  date: string;
  /** Whom the document is for, when it is not the client ("For: Dr Rao, general practitioner"). */
  recipient?: string | null;
}

export interface PdfOptions {
  /** The document's creation time, from the injected clock: the same input gives the same bytes. */
  createdAt: Date;
  /** Subject line of the document's metadata (never clinical content). */
  subject?: string;
}

export interface TableColumn {
  header: string;
  /** Share of the text width (the shares of all columns add up to 1). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** The building blocks a document is written with; each starts a new page when it does not fit. */
export interface PdfWriter {
  heading(text: string): void;
  subheading(text: string): void;
  paragraph(text: string, options?: { italic?: boolean; muted?: boolean }): void;
  /** Label–value lines ("Protocol: IPT, 16 sessions"). */
  fields(rows: ReadonlyArray<readonly [string, string]>): void;
  list(items: readonly string[], options?: { numbered?: boolean; empty?: string }): void;
  table(columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>, options?: { empty?: string }): void;
  /** A boxed notice (unsigned plan, draft, …). */
  notice(text: string): void;
  lineChart(spec: LineChartSpec): void;
  /** Ends the document, numbers the pages ("Page n of m") and answers its bytes. */
  finish(): Promise<Buffer>;
}

export const PAGE = { width: 595.28, height: 841.89, margin: 50, headerHeight: 74, footerHeight: 36 } as const;
const TEXT = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#9a9a9a';
const ACCENT = '#1f4e79';

/** 2026-12-06 → "6 December 2026" (the document's language; dates only, no time zone involved). */
export function formatLongDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/**
 * A4 document over pdfkit with the DejaVu fonts embedded, a header on every page (organization,
 * title, client, date, "Confidential") and a footer with "Page n of m". Pages are buffered so the
 * page count is known when the footers are written. No randomness and the creation date from the
 * caller's clock: the same content gives the same bytes.
 */
export function createPdf(header: PdfHeader, options: PdfOptions): PdfWriter {
  const doc = new PDFDocument({
    size: 'A4', bufferPages: true, autoFirstPage: false, displayTitle: true, lang: 'en-GB', pdfVersion: '1.7',
    margins: { top: PAGE.margin + PAGE.headerHeight, bottom: PAGE.margin + PAGE.footerHeight, left: PAGE.margin, right: PAGE.margin },
    info: { Title: header.title, Author: header.organization, Subject: options.subject ?? header.title, Creator: 'IPT Workbench', Producer: 'IPT Workbench', CreationDate: options.createdAt, ModDate: options.createdAt },
  });
  doc.registerFont('body', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  const bottom = () => PAGE.height - PAGE.margin - PAGE.footerHeight;

  /** The text style in use, restored after a page header is drawn in the middle of a text. */
  type FontName = 'body' | 'bold' | 'italic';
  let current: { font: FontName; size: number; color: string } = { font: 'body', size: 10.5, color: TEXT };
  const style = (font: FontName, size: number, color: string = TEXT) => {
    current = { font, size, color };
    return doc.font(font).fontSize(size).fillColor(color);
  };

  function drawHeader(): void {
    const top = PAGE.margin;
    const y = doc.y;
    doc.font('bold').fontSize(9).fillColor(ACCENT).text(header.organization, left, top, { width: width * 0.7, lineBreak: false });
    doc.font('bold').fontSize(9).fillColor('#8b0000').text('CONFIDENTIAL', left + width * 0.7, top, { width: width * 0.3, align: 'right', lineBreak: false });
    doc.font('bold').fontSize(15).fillColor(TEXT).text(header.title, left, top + 14, { width, lineBreak: false });
    const who = `Client: ${header.clientName}${header.clientIdentifier ? ` (${header.clientIdentifier})` : ''}`;
    doc.font('body').fontSize(9).fillColor(MUTED).text(who, left, top + 36, { width: width * 0.68, lineBreak: false });
    doc.font('body').fontSize(9).fillColor(MUTED).text(`Date: ${formatLongDate(header.date)}`, left + width * 0.68, top + 36, { width: width * 0.32, align: 'right', lineBreak: false });
    if (header.recipient) doc.font('body').fontSize(9).fillColor(MUTED).text(`For: ${header.recipient}`, left, top + 49, { width, lineBreak: false });
    doc.moveTo(left, top + PAGE.headerHeight - 10).lineTo(left + width, top + PAGE.headerHeight - 10).lineWidth(0.8).strokeColor(RULE).stroke();
    doc.font(current.font).fontSize(current.size).fillColor(current.color);
    doc.x = left;
    doc.y = Math.max(y, PAGE.margin + PAGE.headerHeight);
  }
  doc.on('pageAdded', drawHeader);
  doc.addPage();

  /** Starts a new page unless `needed` points still fit above the footer. */
  function ensureSpace(needed: number): void {
    if (doc.y + needed > bottom()) doc.addPage();
  }
  const body = (size = 10.5) => style('body', size);

  const writer: PdfWriter = {
    heading(text) {
      doc.moveDown(0.6);
      ensureSpace(48);
      style('bold', 13, ACCENT).text(text, left, doc.y, { width });
      doc.moveDown(0.25);
      body();
    },
    subheading(text) {
      doc.moveDown(0.3);
      ensureSpace(36);
      style('bold', 11).text(text, left, doc.y, { width });
      doc.moveDown(0.15);
      body();
    },
    paragraph(text, opts = {}) {
      style(opts.italic ? 'italic' : 'body', 10.5, opts.muted ? MUTED : TEXT);
      ensureSpace(Math.min(doc.heightOfString(text, { width }), 40));
      doc.text(text, left, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.35);
      body();
    },
    fields(rows) {
      const labelWidth = width * 0.3;
      for (const [label, value] of rows) {
        body();
        const h = Math.max(doc.font('bold').heightOfString(label, { width: labelWidth - 8 }), doc.font('body').heightOfString(value || '—', { width: width - labelWidth }));
        ensureSpace(h + 4);
        const y = doc.y;
        style('bold', 10.5).text(label, left, y, { width: labelWidth - 8 });
        style('body', 10.5).text(value || '—', left + labelWidth, y, { width: width - labelWidth });
        doc.y = y + h + 4;
      }
      doc.x = left;
      doc.moveDown(0.4);
      body();
    },
    list(items, opts = {}) {
      if (items.length === 0) {
        writer.paragraph(opts.empty ?? 'None recorded.', { muted: true });
        return;
      }
      items.forEach((item, i) => {
        body();
        const marker = opts.numbered ? `${i + 1}.` : '•';
        const h = doc.heightOfString(item, { width: width - 18 });
        ensureSpace(Math.min(h, 40) + 3);
        const y = doc.y;
        doc.text(marker, left + 2, y, { width: 16, lineBreak: false });
        doc.text(item, left + 18, y, { width: width - 18, lineGap: 1.5 });
        doc.y += 3;
      });
      doc.x = left;
      doc.moveDown(0.2);
    },
    table(columns, rows, opts = {}) {
      const widths = columns.map((c) => c.width * width);
      const pad = 4;
      const rowHeight = (cells: readonly string[], font: 'body' | 'bold') => {
        doc.font(font).fontSize(9.5);
        return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
      };
      const drawRow = (cells: readonly string[], font: 'body' | 'bold', fill: string | null) => {
        const h = rowHeight(cells, font);
        const y = doc.y;
        if (fill) doc.rect(left, y, width, h).fill(fill);
        let x = left;
        cells.forEach((c, i) => {
          style(font, 9.5).text(c || ' ', x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]?.align ?? 'left' });
          x += widths[i]!;
        });
        doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.4).strokeColor('#c8c8c8').stroke();
        doc.y = y + h;
      };
      const headerCells = columns.map((c) => c.header);
      ensureSpace(rowHeight(headerCells, 'bold') + (rows[0] ? rowHeight(rows[0], 'body') : 0));
      drawRow(headerCells, 'bold', '#e6edf4');
      if (rows.length === 0) {
        drawRow([opts.empty ?? 'None recorded.', ...columns.slice(1).map(() => '')], 'body', null);
      }
      rows.forEach((cells, i) => {
        if (doc.y + rowHeight(cells, 'body') > bottom()) {
          doc.addPage();
          drawRow(headerCells, 'bold', '#e6edf4');
        }
        drawRow(cells, 'body', i % 2 === 1 ? '#f6f6f6' : null);
      });
      doc.x = left;
      doc.moveDown(0.6);
      body();
    },
    notice(text) {
      doc.font('bold').fontSize(10.5);
      const h = doc.heightOfString(text, { width: width - 20 }) + 14;
      ensureSpace(h + 6);
      const y = doc.y;
      doc.rect(left, y, width, h).lineWidth(1.2).fillAndStroke('#fff4e5', '#b35c00');
      style('bold', 10.5, '#6b3700').text(text, left + 10, y + 7, { width: width - 20 });
      doc.y = y + h + 8;
      doc.x = left;
      body();
    },
    lineChart(spec) {
      const height = spec.height ?? 250;
      ensureSpace(height + 20);
      const y = doc.y;
      drawLineChart(doc, { x: left, y, width, height }, spec);
      doc.x = left;
      doc.y = y + height + 10;
      body();
    },
    async finish() {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i += 1) {
        doc.switchToPage(i);
        const savedBottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        const y = PAGE.height - PAGE.margin - 14;
        doc.moveTo(left, y - 6).lineTo(left + width, y - 6).lineWidth(0.5).strokeColor(RULE).stroke();
        doc.font('body').fontSize(8).fillColor(MUTED).text('Confidential: personal health information. Share only with the person it is addressed to.', left, y, { width: width * 0.75, lineBreak: false });
        doc.font('body').fontSize(8).fillColor(MUTED).text(`Page ${i - range.start + 1} of ${range.count}`, left + width * 0.75, y, { width: width * 0.25, align: 'right', lineBreak: false });
        doc.page.margins.bottom = savedBottom;
      }
      doc.flushPages();
      doc.end();
      return done;
    },
  };
  return writer;
}
