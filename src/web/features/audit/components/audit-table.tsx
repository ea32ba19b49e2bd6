import { useTranslation } from 'react-i18next';
import type { Column, SortState } from '../../../components/data-table';
import { DataTable } from '../../../components/data-table';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { AuditEvent, AuditSortKey } from '../api/list-audit-events';
import { auditActions } from './audit-filters';

/** The last 8 characters of an id: UUIDv7 ids begin with a timestamp, so their ends tell them apart. */
function shortId(id: string | null): string {
  return id ? `…${id.slice(-8)}` : '';
}

/** The audit events, every column sortable on the server (ONC §170.315(d)(3): sort by each recorded field). */
export function AuditTable({ events, sort, onSortChange }: { events: readonly AuditEvent[]; sort: SortState<AuditSortKey>; onSortChange: (sort: SortState<AuditSortKey>) => void }) {
  const { t } = useTranslation();
  const actionLabel = (action: string) => ((auditActions as readonly string[]).includes(action) ? t(`audit.actions.${action as (typeof auditActions)[number]}`) : action);
  const columns: Column<AuditEvent, AuditSortKey>[] = [
    { key: 'recordedAt', header: t('audit.columns.recordedAt'), sortable: true, firstOrder: 'desc', cell: (event) => <time dateTime={event.recordedAt}>{formatDateTime(event.recordedAt)}</time>, className: 'nowrap' },
    { key: 'actorName', header: t('audit.columns.actorName'), sortable: true, cell: (event) => event.actorName ?? t('audit.system') },
    { key: 'actorRole', header: t('audit.columns.actorRole'), sortable: true, cell: (event) => event.actorRole ?? '' },
    {
      key: 'action',
      header: t('audit.columns.action'),
      sortable: true,
      cell: (event) => (
        <>
          {actionLabel(event.action)}
          {event.reason ? <span className="table__sub">{t('audit.reason', { reason: event.reason })}</span> : null}
        </>
      ),
    },
    {
      key: 'entityType',
      header: t('audit.columns.entityType'),
      sortable: true,
      cell: (event) => (
        <>
          {event.entityType}
          {event.entityId ? <span className="table__sub" title={event.entityId}>{shortId(event.entityId)}</span> : null}
        </>
      ),
    },
    { key: 'clientId', header: t('audit.columns.clientId'), sortable: true, cell: (event) => (event.clientId ? <span title={event.clientId}>{shortId(event.clientId)}</span> : ''), className: 'mono' },
    { key: 'outcome', header: t('audit.columns.outcome'), sortable: true, cell: (event) => event.outcome },
    { key: 'sourceIp', header: t('audit.columns.sourceIp'), sortable: true, cell: (event) => event.sourceIp ?? '', className: 'mono' },
    {
      key: 'seq',
      header: t('audit.columns.seq'),
      sortable: true,
      // Chain 0 is the only one on SQLite and under light load; others are named beside the number.
      cell: (event) => (
        <>
          {formatNumber(event.seq)}
          {event.chain > 0 ? <span className="table__sub">{t('audit.chain', { chain: event.chain })}</span> : null}
        </>
      ),
      className: 'numeric',
    },
  ];
  return <DataTable caption={t('audit.caption')} columns={columns} rows={events} rowKey={(event) => event.id} sort={sort} onSortChange={onSortChange} />;
}
