import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClientSummary } from '../../../../contracts/clients.contract';
import { pathTo, routes } from '../../../app/route-paths';
import type { Column } from '../../../components/data-table';
import { DataTable } from '../../../components/data-table';
import { formatCalendarDate, formatDateTime } from '../../../lib/format';
import { ClientRiskBadge, ClientStatusBadge } from './client-status-badge';

/** The caseload as a table, for wide screens. */
export function ClientTable({ clients, caption, showClinician }: { clients: readonly ClientSummary[]; caption: string; showClinician: boolean }) {
  const { t } = useTranslation();
  const columns: Column<ClientSummary>[] = [
    {
      key: 'name',
      header: t('clients.fields.displayName'),
      rowHeader: true,
      cell: (client) => (
        <>
          <Link to={pathTo(routes.client, { id: client.id })}>{client.displayName}</Link>
          {client.preferredName ? <span className="table__sub">{t('clients.list.preferred', { name: client.preferredName })}</span> : null}
        </>
      ),
    },
    { key: 'identifier', header: t('clients.fields.identifier'), cell: (client) => client.identifier ?? '' },
    { key: 'dateOfBirth', header: t('clients.fields.dateOfBirth'), cell: (client) => formatCalendarDate(client.dateOfBirth) },
    ...(showClinician ? [{ key: 'clinician', header: t('clients.fields.clinician'), cell: (client: ClientSummary) => client.clinicianName }] : []),
    { key: 'status', header: t('clients.fields.status'), cell: (client) => <><ClientStatusBadge status={client.status} /> <ClientRiskBadge level={client.openRiskLevel} /></> },
    { key: 'updatedAt', header: t('clients.fields.updatedAt'), cell: (client) => formatDateTime(client.updatedAt) },
  ];
  return <DataTable caption={caption} captionHidden columns={columns} rows={clients} rowKey={(client) => client.id} />;
}
