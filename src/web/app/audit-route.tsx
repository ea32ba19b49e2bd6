import { AuditPage } from '../features/audit/pages/audit-page';
import { UserPicker } from '../features/users/components/user-picker';
import { useSession } from '../lib/session-context';

/**
 * The audit report, given the users feature's picker for its user filter (features do not import
 * each other). A module of its own so that the router can load it only when an administrator opens it.
 */
export function AuditRoute() {
  const { can } = useSession();
  return <AuditPage UserPicker={can('user.list') ? UserPicker : undefined} />;
}
