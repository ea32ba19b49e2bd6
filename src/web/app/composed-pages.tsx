import { CaseloadPage } from '../features/clients/pages/caseload-page';
import { ClientPage } from '../features/clients/pages/client-page';
import { NewClientPage } from '../features/clients/pages/new-client-page';
import { SupervisedClinicianPicker } from '../features/supervision/components/supervised-clinician-picker';
import { useSession } from '../lib/session-context';

/*
 * Pages that need something from another feature get it here, because features may not import
 * each other: the clients pages get the supervision feature's clinician picker (for supervisors).
 * (The audit report is composed in audit-route.tsx, loaded on demand.)
 */

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

/** The client record, with transfer to a supervised clinician for those allowed. */
export function ClientRoute() {
  const { can } = useSession();
  return <ClientPage ClinicianPicker={can('client.transfer') ? SupervisedClinicianPicker : undefined} />;
}
