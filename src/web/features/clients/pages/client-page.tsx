import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { routes } from '../../../app/route-paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { isApiError } from '../../../lib/api';
import type { EntityPicker } from '../../../lib/entity-picker';
import { formatDateTime } from '../../../lib/format';
import { useSignedInSession, useSession } from '../../../lib/session-context';
import { useClient } from '../api/get-client';
import { ArchiveClientDialog } from '../components/archive-client-dialog';
import { BreakGlassGrants } from '../components/break-glass-grants';
import { BreakGlassRequest } from '../components/break-glass-request';
import { ClientDetails } from '../components/client-details';
import { ClientEditForm } from '../components/client-edit-form';
import { ClientStatusBadge } from '../components/client-status-badge';
import { TransferClientDialog } from '../components/transfer-client-dialog';

/**
 * One client record: details, edit, archive and (for supervisors) transfer. A record the person
 * may not see answers 404 exactly like a missing one; people allowed to use emergency access are
 * offered it there. Someone reading through emergency access gets a read-only page that says so;
 * the clinician who holds the case sees every emergency access to it.
 */
export function ClientPage({ ClinicianPicker }: { ClinicianPicker?: EntityPicker }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const session = useSignedInSession();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const client = useClient(id);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'archive' | 'transfer' | null>(null);
  const [saved, setSaved] = useState(false);

  if (client.isPending) return <Loading />;

  if (client.isError) {
    if (isApiError(client.error) && client.error.status === 404) {
      return (
        <>
          <PageHeader title={t('clients.notFound.title')} lead={t('clients.notFound.lead')} />
          <p>
            <Link to={routes.clients}>{t('clients.notFound.back')}</Link>
          </p>
          {can('client.break-glass') ? <BreakGlassRequest clientId={id} onGranted={() => void client.refetch()} /> : null}
        </>
      );
    }
    return (
      <>
        <PageHeader title={t('clients.detail.title')} />
        <ErrorState error={client.error} onRetry={() => void client.refetch()} />
      </>
    );
  }

  const record = client.data;
  const isOwner = record.clinicianId === session.user.id;
  // Whether my grant was current when the record was fetched (the server decides on every read).
  const myGrant = record.breakGlassGrants.find((grant) => grant.userId === session.user.id && Date.parse(grant.expiresAt) > client.dataUpdatedAt);
  const emergencyOnly = !isOwner && myGrant !== undefined;
  const mayEdit = can('client.update') && !emergencyOnly;
  const mayArchive = can('client.archive') && !emergencyOnly && record.status === 'active';
  const mayTransfer = can('client.transfer') && !emergencyOnly && record.status === 'active' && ClinicianPicker !== undefined;

  const reload = () => {
    setEditing(false);
    void client.refetch();
  };

  return (
    <>
      <PageHeader
        title={record.displayName}
        lead={
          <>
            <ClientStatusBadge status={record.status} /> {t('clients.detail.heldBy', { clinician: record.clinicianName })}
          </>
        }
        actions={
          !editing && (mayEdit || mayArchive || mayTransfer) ? (
            <>
              {mayEdit ? (
                <Button
                  onClick={() => {
                    setSaved(false);
                    setEditing(true);
                  }}
                >
                  {t('clients.detail.edit')}
                </Button>
              ) : null}
              {mayTransfer ? (
                <Button variant="secondary" onClick={() => setDialog('transfer')}>
                  {t('clients.detail.transfer')}
                </Button>
              ) : null}
              {mayArchive ? (
                <Button variant="secondary" onClick={() => setDialog('archive')}>
                  {t('clients.detail.archive')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      {emergencyOnly && myGrant ? (
        <Alert tone="warning" title={t('clients.breakGlass.activeTitle')}>
          {t('clients.breakGlass.active', { expires: formatDateTime(myGrant.expiresAt) })}
        </Alert>
      ) : null}
      {isOwner ? <BreakGlassGrants grants={record.breakGlassGrants} /> : null}
      {created && !saved && !editing ? <Alert tone="success">{t('clients.new.created')}</Alert> : null}
      {saved && !editing ? <Alert tone="success">{t('clients.edit.saved')}</Alert> : null}
      {editing ? (
        <ClientEditForm
          key={record.version}
          client={record}
          onReload={reload}
          onDone={(didSave) => {
            setSaved(didSave);
            setEditing(false);
          }}
        />
      ) : (
        <ClientDetails client={record} />
      )}
      <ArchiveClientDialog client={record} open={dialog === 'archive'} onClose={() => setDialog(null)} />
      {ClinicianPicker ? <TransferClientDialog client={record} open={dialog === 'transfer'} onClose={() => setDialog(null)} ClinicianPicker={ClinicianPicker} /> : null}
    </>
  );
}
