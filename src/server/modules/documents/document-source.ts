import type { DocumentKind, RecipientKind } from '../../../contracts/documents.contract';
import type { EpisodeView } from '../../../contracts/episodes.contract';
import type { Executor } from '../../db/database';
import type { Sensitivity } from '../../lib/audit';
import type { LineChartSpec } from '../../lib/pdf/line-chart';
import { formatLongDate, type PdfWriter } from '../../lib/pdf/pdf-document';
import type { ClientTable } from '../clients/clients.table';
import type { EpisodeTable } from '../episodes/episodes.table';

/** Everything a document is made from, loaded and authorized by the service. Never private process notes. */
export interface DocumentSource {
  db: Executor;
  organizationId: string;
  organizationName: string;
  client: Pick<ClientTable, 'id' | 'display_name' | 'preferred_name' | 'identifier' | 'date_of_birth'>;
  episode: EpisodeTable | null;
  /** The episode as its page shows it (sessions, scores, chart); null for client-level documents. */
  episodeView: EpisodeView | null;
  recipient: { kind: RecipientKind; name: string | null; consentGivenOn: string | null };
  /** The document's date (YYYY-MM-DD), from the clock. */
  date: string;
}

/** What a document kind makes: its title, which version of its source it shows, and its pages. */
export interface DocumentPlan {
  kind: DocumentKind;
  title: string;
  /** Which version of the source records the document shows (kept in the disclosure log). */
  version: string;
  sensitivity: Sensitivity;
  render(w: PdfWriter): void;
}

export const RECIPIENT_LABELS: Record<RecipientKind, string> = {
  client: 'the client', referrer: 'referrer', 'general-practitioner': 'general practitioner', 'other-professional': 'professional involved in care',
};

/** The name to greet the client by in a letter to them. */
export function greetingName(source: DocumentSource): string {
  return source.client.preferred_name ?? source.client.display_name;
}

/** The salutation of a letter: to the client, or to the named third party with the consent stated. */
export function openLetter(w: PdfWriter, source: DocumentSource, purposeLine: string): void {
  if (source.recipient.kind === 'client') {
    w.paragraph(`Dear ${greetingName(source)},`);
    w.paragraph(purposeLine);
    return;
  }
  w.paragraph(`Dear ${source.recipient.name ?? 'colleague'},`);
  w.paragraph(purposeLine);
  w.paragraph(`${source.client.display_name} (date of birth ${formatLongDate(source.client.date_of_birth)}) agreed on ${formatLongDate(source.recipient.consentGivenOn ?? source.date)} that this document may be shared with you. `
    + 'Please do not pass it on to anyone else without their agreement.', { muted: true });
}

export function dateOrDash(date: string | null | undefined): string {
  return date ? formatLongDate(date) : '—';
}

/** The episode's symptom chart as a PDF chart: the protocol's sessions on x, the instrument's range on y. */
export function chartSpecOf(view: EpisodeView): LineChartSpec | null {
  const chart = view.chart;
  if (!chart || chart.maximum === null) return null;
  const numbered = chart.points.filter((p): p is typeof p & { sessionNumber: number; total: number } => p.sessionNumber !== null && p.total !== null);
  const lastSession = Math.max(view.contractedSessions, ...numbered.map((p) => p.sessionNumber), ...view.sessions.map((s) => s.number), 1);
  return {
    yLabel: `${chart.instrumentTitle} total`, xLabel: 'Session', yMax: chart.maximum,
    bands: chart.bands.map((b) => ({ min: b.min, max: b.max, label: b.label })),
    points: numbered.map((p) => ({ x: p.sessionNumber, y: p.total })),
    xMin: 1, xMax: lastSession,
    boundaries: chart.phaseBoundaries.map((b) => ({ x: b.fromSession, label: b.label })),
  };
}

/** The scores as table rows: session, date, total, band. */
export function scoreRows(view: EpisodeView): string[][] {
  const chart = view.chart;
  if (!chart) return [];
  const bandLabel = (code: string | null) => chart.bands.find((b) => b.code === code)?.label ?? '—';
  // The date of the session the score belongs to (the day it was held), else the day it was given.
  const sessionDate = new Map(view.sessions.map((s) => [s.number, s.startsAt.slice(0, 10)]));
  return chart.points.filter((p) => p.total !== null)
    .map((p) => [p.sessionNumber === null ? '—' : String(p.sessionNumber), formatLongDate((p.sessionNumber !== null ? sessionDate.get(p.sessionNumber) : undefined) ?? p.date), String(p.total), bandLabel(p.severityCode)]);
}

export const SCORE_COLUMNS = [
  { header: 'Session', width: 0.16 }, { header: 'Date', width: 0.3 }, { header: 'Score', width: 0.14, align: 'right' as const }, { header: 'Severity', width: 0.4 },
];
