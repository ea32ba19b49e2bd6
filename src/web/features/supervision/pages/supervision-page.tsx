import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import type { Column } from '../../../components/data-table';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { formatNumber } from '../../../lib/format';
import type { SupervisedClinicianView } from '../api/list-supervised-clinicians';
import { useSupervisedClinicians } from '../api/list-supervised-clinicians';

/** The clinicians this person supervises, with their active caseload size, each opening that caseload. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const clinicians = useSupervisedClinicians();
  const columns: Column<SupervisedClinicianView>[] = [
    {
      key: 'name',
      header: t('supervision.clinician'),
      rowHeader: true,
      cell: (clinician) => <Link to={pathTo(routes.clients, undefined, { clinicianId: clinician.id })}>{clinician.name}</Link>,
    },
    { key: 'email', header: t('supervision.email'), cell: (clinician) => clinician.email },
    { key: 'activeClients', header: t('supervision.activeClients'), cell: (clinician) => formatNumber(clinician.activeClients), className: 'numeric' },
  ];
  return (
    <>
      <PageHeader title={t('supervision.title')} lead={t('supervision.lead')} />
      {clinicians.isPending ? (
        <Loading />
      ) : clinicians.isError ? (
        <ErrorState error={clinicians.error} onRetry={() => void clinicians.refetch()} />
      ) : clinicians.data.items.length === 0 ? (
        <EmptyState title={t('supervision.emptyTitle')}>{t('supervision.empty')}</EmptyState>
      ) : (
        <DataTable caption={t('supervision.caption')} captionHidden columns={columns} rows={clinicians.data.items} rowKey={(clinician) => clinician.id} />
      )}
    </>
  );
}
