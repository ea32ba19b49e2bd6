import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortState } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Pagination } from '../../../components/pagination';
import { Loading } from '../../../components/spinner';
import { isApiError } from '../../../lib/api';
import type { EntityPicker } from '../../../lib/entity-picker';
import { fieldErrorsOf } from '../../../lib/field-errors';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import type { AuditQuery, AuditSortKey } from '../api/list-audit-events';
import { useAuditEvents } from '../api/list-audit-events';
import type { AuditFilterValues } from '../components/audit-filters';
import { AuditFilters, noAuditFilters } from '../components/audit-filters';
import { AuditTable } from '../components/audit-table';

/**
 * The audit report: who did what to which record and when, filtered by period, user, client and
 * action, sortable on every column, paginated. Never shows clinical content (there is none in it).
 */
export function AuditPage({ UserPicker }: { UserPicker?: EntityPicker }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>(noAuditFilters);
  const [sort, setSort] = useState<SortState<AuditSortKey>>({ key: 'recordedAt', order: 'desc' });
  const pages = useCursorPages(JSON.stringify([filters, sort]));
  const query: AuditQuery = {
    from: filters.from || undefined,
    to: filters.to || undefined,
    userId: filters.userId || undefined,
    clientId: filters.clientId || undefined,
    action: filters.action || undefined,
    sort: sort.key,
    order: sort.order,
    cursor: pages.cursor,
  };
  const events = useAuditEvents(query);
  const badRequest = isApiError(events.error) && events.error.status === 400;

  return (
    <>
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} />
      <AuditFilters initial={filters} onApply={setFilters} UserPicker={UserPicker} serverErrors={badRequest ? fieldErrorsOf(events.error) : {}} />
      <div className="results" aria-busy={events.isFetching || undefined}>
        {events.isPending ? (
          <Loading />
        ) : events.isError && !events.data ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : events.data && events.data.items.length > 0 ? (
          <AuditTable events={events.data.items} sort={sort} onSortChange={setSort} />
        ) : (
          <EmptyState title={t('audit.emptyTitle')}>{t('audit.empty')}</EmptyState>
        )}
        <Pagination
          label={t('audit.pagination')}
          pageNumber={pages.pageNumber}
          hasPrevious={pages.hasPrevious}
          hasNext={Boolean(events.data?.nextCursor)}
          onPrevious={pages.previous}
          onNext={() => events.data?.nextCursor && pages.next(events.data.nextCursor)}
        />
      </div>
    </>
  );
}
