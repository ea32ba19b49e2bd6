import { Suspense, lazy } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../components/spinner';
import { withLaterMessages } from '../i18n/i18n';
import { useClient } from '../features/clients/api/get-client';
import { CaseloadPage } from '../features/clients/pages/caseload-page';
import { ClientPage } from '../features/clients/pages/client-page';
import { NewClientPage } from '../features/clients/pages/new-client-page';
import { SupervisedClinicianPicker } from '../features/supervision/components/supervised-clinician-picker';
import { useSession, useSignedInSession } from '../lib/session-context';

/*
 * Pages that need something from another feature get it here, because features may not import
 * each other: the clients pages get the supervision feature's clinician picker (for supervisors),
 * and the client page gets the episodes feature's "Treatment" section.
 * (The audit report is composed in audit-route.tsx, the session page in session-route.tsx, both
 * loaded on demand.)
 */

// The client's treatment section is loaded after the record, so the caseload's bundle stays small.
const ClientEpisodes = lazy(() => withLaterMessages(import('../features/episodes/components/client-episodes')).then((module) => ({ default: module.ClientEpisodes })));
// The risk banner and "Raise a concern" come from the episodes feature (the safety workflow lives there).
const RiskBanner = lazy(() => withLaterMessages(import('../features/episodes/components/risk/risk-banner')).then((module) => ({ default: module.RiskBanner })));
const RaiseConcern = lazy(() => withLaterMessages(import('../features/episodes/components/risk/raise-concern')).then((module) => ({ default: module.RaiseConcern })));

/** The caseload, with a clinician filter for supervisors. */
export function CaseloadRoute() {
  const { can } = useSession();
  return <CaseloadPage ClinicianPicker={can('supervision.read') ? SupervisedClinicianPicker : undefined} />;
}

/** New client, where a supervisor may assign the case to a supervised clinician. */
export function NewClientRoute() {
  const { can } = useSession();
  return <NewClientPage ClinicianPicker={can('supervision.read') ? SupervisedClinicianPicker : undefined} />;
}

/**
 * The client record, with transfer to a supervised clinician for those allowed, and below it the
 * client's courses of treatment with "Start treatment" (not for someone reading through emergency
 * access, which is read-only). The record query is shared with the page, so it is fetched once.
 */
export function ClientRoute() {
  const { can } = useSession();
  const session = useSignedInSession();
  const { id = '' } = useParams();
  const client = useClient(id);
  const record = client.data;
  const emergencyOnly =
    record !== undefined && record.clinicianId !== session.user.id && record.breakGlassGrants.some((grant) => grant.userId === session.user.id && Date.parse(grant.expiresAt) > client.dataUpdatedAt);
  const mayStart = can('client.update') && record?.status === 'active' && !emergencyOnly;
  return (
    <>
      {id ? (
        <Suspense fallback={null}>
          <RiskBanner clientId={id} />
        </Suspense>
      ) : null}
      <ClientPage ClinicianPicker={can('client.transfer') ? SupervisedClinicianPicker : undefined} />
      {record ? (
        <Suspense fallback={<Loading />}>
          <ClientEpisodes clientId={record.id} mayStart={mayStart} />
        </Suspense>
      ) : null}
      {record && mayStart ? (
        <Suspense fallback={null}>
          <RaiseConcern clientId={record.id} />
        </Suspense>
      ) : null}
    </>
  );
}
