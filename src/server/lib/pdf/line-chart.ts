/** A score chart drawn with pdfkit's vector primitives: shaded severity bands, phase lines, axes, the scores. */
export interface LineChartSpec {
  yLabel: string;
  xLabel: string;
  /** The highest possible score (the top of the y axis). */
  yMax: number;
  /** Severity bands, lowest first; each is shaded from its minimum to the next band's minimum. */
  bands: ReadonlyArray<{ min: number; max: number; label: string }>;
  /** Scores by session number. */
  points: ReadonlyArray<{ x: number; y: number }>;
  /** The sessions the x axis spans. */
  xMin: number;
  xMax: number;
  /** Where each phase began (its first session) and its name. */
  boundaries: ReadonlyArray<{ x: number; label: string }>;
  height?: number;
}

interface Box { x: number; y: number; width: number; height: number }

/** The subset of PDFKit.PDFDocument the chart draws with. */
type Doc = PDFKit.PDFDocument;

const GREEN = [0xe2, 0xf0, 0xdf];
const YELLOW = [0xfb, 0xf1, 0xd0];
const RED = [0xf4, 0xd9, 0xd9];

/** Light band colours from green (lowest band) through yellow to red (highest). */
export function bandColour(index: number, count: number): string {
  const t = count <= 1 ? 0 : index / (count - 1);
  const [a, b, u] = t <= 0.5 ? [GREEN, YELLOW, t * 2] : [YELLOW, RED, (t - 0.5) * 2];
  const mix = a!.map((v, i) => Math.round(v + (b![i]! - v) * u));
  return `#${mix.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export function drawLineChart(doc: Doc, box: Box, spec: LineChartSpec): void {
  const plot = { left: box.x + 44, right: box.x + box.width - 118, top: box.y + 20, bottom: box.y + box.height - 34 };
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const slots = Math.max(1, spec.xMax - spec.xMin + 1);
  const yOf = (v: number) => plot.bottom - (Math.max(0, Math.min(spec.yMax, v)) / spec.yMax) * plotHeight;
  const xOf = (session: number) => plot.left + ((session - spec.xMin + 0.5) / slots) * plotWidth;
  const edgeOf = (session: number) => plot.left + ((session - spec.xMin) / slots) * plotWidth;

  doc.save();
  // Severity bands, shaded, with their names to the right of the plot.
  spec.bands.forEach((band, i) => {
    const next = spec.bands[i + 1];
    const from = i === 0 ? 0 : band.min;
    const to = next ? next.min : spec.yMax;
    const top = yOf(to);
    const bottom = yOf(from);
    doc.rect(plot.left, top, plotWidth, bottom - top).fill(bandColour(i, spec.bands.length));
    doc.font('body').fontSize(7).fillColor('#444444')
      .text(`${band.label} (${band.min}–${band.max})`, plot.right + 6, (top + bottom) / 2 - 4, { width: box.x + box.width - plot.right - 6, lineBreak: false });
  });
  // Grid and y ticks.
  const step = spec.yMax <= 30 ? 5 : 10;
  for (let v = 0; v <= spec.yMax; v += step) {
    const y = yOf(v);
    doc.moveTo(plot.left, y).lineTo(plot.right, y).lineWidth(0.3).strokeColor('#b8b8b8').stroke();
    doc.font('body').fontSize(7.5).fillColor('#333333').text(String(v), plot.left - 24, y - 4, { width: 20, align: 'right', lineBreak: false });
  }
  // x ticks: every session, or every other one when there are many.
  const every = slots > 20 ? 2 : 1;
  for (let s = spec.xMin; s <= spec.xMax; s += every) {
    const x = xOf(s);
    doc.moveTo(x, plot.bottom).lineTo(x, plot.bottom + 3).lineWidth(0.5).strokeColor('#333333').stroke();
    doc.font('body').fontSize(7.5).fillColor('#333333').text(String(s), x - 10, plot.bottom + 5, { width: 20, align: 'center', lineBreak: false });
  }
  // Axes and their labels.
  doc.moveTo(plot.left, plot.top).lineTo(plot.left, plot.bottom).lineTo(plot.right, plot.bottom).lineWidth(0.8).strokeColor('#333333').stroke();
  doc.font('body').fontSize(8).fillColor('#1a1a1a').text(spec.xLabel, plot.left, plot.bottom + 18, { width: plotWidth, align: 'center', lineBreak: false });
  doc.save();
  doc.rotate(-90, { origin: [box.x + 8, (plot.top + plot.bottom) / 2] });
  doc.font('body').fontSize(8).fillColor('#1a1a1a').text(spec.yLabel, box.x + 8 - plotHeight / 2, (plot.top + plot.bottom) / 2 - 4, { width: plotHeight, align: 'center', lineBreak: false });
  doc.restore();
  // Phase boundaries: a dashed line where each later phase began, every phase named at the top.
  const sorted = [...spec.boundaries].sort((a, b) => a.x - b.x);
  sorted.forEach((boundary, i) => {
    const x = boundary.x <= spec.xMin ? plot.left : edgeOf(boundary.x);
    if (boundary.x > spec.xMin) {
      doc.moveTo(x, plot.top - 2).lineTo(x, plot.bottom).lineWidth(0.9).dash(3, { space: 2 }).strokeColor('#1f4e79').stroke();
      doc.undash();
    }
    const next = sorted[i + 1];
    const end = next ? (next.x <= spec.xMin ? plot.left : edgeOf(next.x)) : plot.right;
    const room = Math.max(0, end - x - 4);
    if (room > 12) doc.font('bold').fontSize(7).fillColor('#1f4e79').text(boundary.label, x + 3, plot.top - 12, { width: room, height: 9, lineBreak: false, ellipsis: true });
  });
  // The scores: a line through them, a dot and the value at each.
  const points = [...spec.points].filter((p) => p.x >= spec.xMin && p.x <= spec.xMax).sort((a, b) => a.x - b.x);
  if (points.length > 0) {
    points.forEach((p, i) => (i === 0 ? doc.moveTo(xOf(p.x), yOf(p.y)) : doc.lineTo(xOf(p.x), yOf(p.y))));
    doc.lineWidth(1.6).strokeColor('#10325a').stroke();
    for (const p of points) {
      doc.circle(xOf(p.x), yOf(p.y), 2.6).fill('#10325a');
      doc.font('bold').fontSize(7.5).fillColor('#10325a').text(String(p.y), xOf(p.x) - 10, yOf(p.y) - 12, { width: 20, align: 'center', lineBreak: false });
    }
  }
  doc.restore();
}
