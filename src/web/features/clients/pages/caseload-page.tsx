import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { routes } from '../../../app/route-paths';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { LinkButton } from '../../../components/link-button';
import { PageHeader } from '../../../components/page-header';
import { Pagination } from '../../../components/pagination';
import { SelectField } from '../../../components/select-field';
import { Loading } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import type { EntityPicker } from '../../../lib/entity-picker';
import { formatNumber } from '../../../lib/format';
import { useSession } from '../../../lib/session-context';
import { useCursorPages } from '../../../lib/use-cursor-pages';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useMediaQuery } from '../../../lib/use-media-query';
import type { ClientListFilters } from '../api/list-clients';
import { useClientList } from '../api/list-clients';
import { ClientCards } from '../components/client-cards';
import { ClientTable } from '../components/client-table';

const statuses = ['active', 'archived', 'all'] as const;
type StatusFilter = (typeof statuses)[number];

function statusOf(value: string | null): StatusFilter {
  return (statuses as readonly string[]).includes(value ?? '') ? (value as StatusFilter) : 'active';
}

/**
 * The caseload: the clients this person may see, searchable by name or identifier, filtered by
 * status and (for supervisors) by clinician. Filters live in the URL so that a link
 * (`/clients?clinicianId=…` from the supervision page) opens the right view. Cards on phones,
 * a table on wide screens.
 */
export function CaseloadPage({ ClinicianPicker }: { ClinicianPicker?: EntityPicker }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const wide = useMediaQuery('(min-width: 48rem)');
  const status = statusOf(params.get('status'));
  const clinicianId = params.get('clinicianId') ?? '';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 300);
  const pages = useCursorPages(JSON.stringify([q, status, clinicianId]));
  const showClinician = Boolean(ClinicianPicker) && can('supervision.read');

  // The search box writes to the URL once the typing pauses (replace: no history entry per key).
  // Not on opening the page: the URL already says what the box holds, and a navigation then would
  // render the whole page again.
  const writtenQuery = useRef(q);
  useEffect(() => {
    if (writtenQuery.current === q) return;
    writtenQuery.current = q;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const filters: ClientListFilters = { q: q || undefined, status, clinicianId: clinicianId || undefined, cursor: pages.cursor };
  const list = useClientList(filters);

  const setParam = (name: string, value: string, fallback = '') => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && value !== fallback) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };

  const items = list.data?.items ?? [];
  const filtered = Boolean(q) || status !== 'active' || Boolean(clinicianId);
  const caption = t('clients.list.caption');

  return (
    <>
      <PageHeader
        title={t('clients.list.title')}
        actions={can('client.create') ? <LinkButton to={routes.newClient} variant="primary">{t('clients.list.new')}</LinkButton> : null}
      />
      <search className="filters" aria-label={t('clients.list.filters')}>
        <TextField
          id="caseload-search"
          type="search"
          label={t('clients.list.search')}
          hint={t('clients.list.searchHint')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          className="filters__search"
        />
        <SelectField id="caseload-status" label={t('clients.list.status')} value={status} onChange={(event) => setParam('status', event.currentTarget.value, 'active')}>
          {statuses.map((value) => (
            <option key={value} value={value}>
              {t(`clients.list.statusOption.${value}`)}
            </option>
          ))}
        </SelectField>
        {showClinician && ClinicianPicker ? (
          <ClinicianPicker id="caseload-clinician" label={t('clients.list.clinician')} value={clinicianId} onChange={(value) => setParam('clinicianId', value)} emptyLabel={t('clients.list.allClinicians')} />
        ) : null}
      </search>
      <div className="results" aria-busy={list.isFetching || undefined}>
        <p className="results__count" role="status">
          {list.isSuccess ? t('clients.list.count', { count: items.length, shown: formatNumber(items.length) }) : ''}
        </p>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState title={t('clients.list.noMatchTitle')}>{t('clients.list.noMatch')}</EmptyState>
          ) : (
            <EmptyState
              title={t('clients.list.emptyTitle')}
              action={can('client.create') ? <LinkButton to={routes.newClient} variant="primary">{t('clients.list.new')}</LinkButton> : null}
            >
              {t('clients.list.empty')}
            </EmptyState>
          )
        ) : wide ? (
          <ClientTable clients={items} caption={caption} showClinician={showClinician} />
        ) : (
          <ClientCards clients={items} label={caption} showClinician={showClinician} />
        )}
        <Pagination
          label={t('clients.list.pagination')}
          pageNumber={pages.pageNumber}
          hasPrevious={pages.hasPrevious}
          hasNext={Boolean(list.data?.nextCursor)}
          onPrevious={pages.previous}
          onNext={() => list.data?.nextCursor && pages.next(list.data.nextCursor)}
        />
      </div>
    </>
  );
}
