import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import { Badge } from '../../../components/badge';
import type { Column } from '../../../components/data-table';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { useEnumLabel } from '../../../lib/enum-label';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { Episode } from '../api/types';

type Row = Episode['sessions'][number];

/** The sessions of the episode: number (opening it), date, attendance, phase, note status and the charted score. */
export function SessionsTable({ episode, phaseLabel }: { episode: Episode; phaseLabel: (phase: string) => string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const instrument = episode.chart?.instrumentTitle ?? 'PHQ-9';
  const severity = (code: string | null) => (code ? (episode.chart?.bands.find((band) => band.code === code)?.label ?? code) : null);
  if (episode.sessions.length === 0) return <EmptyState title={t('episodes.sessions.emptyTitle')}>{t('episodes.sessions.empty')}</EmptyState>;
  const columns: Column<Row>[] = [
    {
      key: 'number',
      header: t('episodes.sessions.number'),
      rowHeader: true,
      cell: (row) => <Link className="nowrap" to={pathTo(routes.session, { id: row.id })}>{t('episodes.sessions.session', { number: formatNumber(row.number) })}</Link>,
    },
    { key: 'startsAt', header: t('episodes.sessions.date'), cell: (row) => <span className="nowrap">{formatDateTime(row.startsAt)}</span> },
    { key: 'attendance', header: t('episodes.sessions.attendance'), cell: (row) => label('sessions.attendance', row.attendance) },
    { key: 'phase', header: t('episodes.sessions.phase'), cell: (row) => phaseLabel(row.phase) },
    {
      key: 'note',
      header: t('episodes.sessions.note'),
      cell: (row) => <Badge tone={row.noteStatus === 'signed' ? 'success' : 'warning'}>{label('sessions.noteStatus', row.noteStatus)}</Badge>,
    },
    {
      key: 'total',
      header: instrument,
      className: 'numeric',
      cell: (row) =>
        row.total === null ? (
          <span className="muted">{t('episodes.sessions.noScore')}</span>
        ) : (
          <>
            {formatNumber(row.total)}
            {severity(row.severityCode) ? <span className="table__sub">{severity(row.severityCode)}</span> : null}
          </>
        ),
    },
  ];
  return <DataTable caption={t('episodes.sessions.caption')} captionHidden columns={columns} rows={episode.sessions} rowKey={(row) => row.id} />;
}
