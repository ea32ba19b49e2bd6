import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/button';
import { ErrorState } from '../components/error-state';
import { Loading } from '../components/spinner';
import { useSetupStatus } from '../features/setup/api/get-setup-status';
import { useSession } from '../lib/session-context';
import { NotFoundPage } from './not-found-page';
import { routes } from './route-paths';

/** Where a redirect to sign-in came from, so that signing in returns there. */
export interface FromState {
  from?: { pathname: string; search: string };
}

/**
 * First gate: until the server says the installation is set up, only /setup exists; afterwards
 * /setup is gone. Also waits for the session probe, so no page flashes the wrong state.
 */
export function SetupGate() {
  const { t } = useTranslation();
  const setup = useSetupStatus();
  const { loading, failed } = useSession();
  const { pathname } = useLocation();
  if (setup.isPending) return <Loading />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;
  if (setup.data.needsSetup) return pathname === routes.setup ? <Outlet /> : <Navigate to={routes.setup} replace />;
  if (pathname === routes.setup) return <Navigate to={routes.home} replace />;
  if (loading) return <Loading />;
  if (failed)
    return (
      <div className="stack">
        <ErrorState error={null} />
        <div>
          <Button variant="secondary" onClick={() => window.location.reload()}>
            {t('common.retry')}
          </Button>
        </div>
      </div>
    );
  return <Outlet />;
}

/** Pages for signed-in people: otherwise to sign-in (remembering where they were going). MFA enrolment comes first when required. */
export function RequireSession() {
  const { session, endReason } = useSession();
  const location = useLocation();
  if (!session) {
    // After a deliberate sign-out the next person starts afresh; after a time-out, return to the page.
    const state: FromState = endReason === 'signed-out' ? {} : { from: { pathname: location.pathname, search: location.search } };
    return <Navigate to={routes.signIn} replace state={state} />;
  }
  if (session.mfaEnrolmentRequired && location.pathname !== routes.account) return <Navigate to={routes.account} replace />;
  return <Outlet />;
}

/** The sign-in page is for signed-out people; once signed in, go where they were heading. */
export function SignedOutOnly() {
  const { session } = useSession();
  const location = useLocation();
  if (session) {
    const from = (location.state as FromState | null)?.from;
    return <Navigate to={from ? from.pathname + from.search : routes.home} replace />;
  }
  return <Outlet />;
}

/** A page only some roles may use; to everyone else it does not exist (like the server's 404). */
export function RequireAbility({ ability }: { ability: string }) {
  const { can } = useSession();
  return can(ability) ? <Outlet /> : <NotFoundPage />;
}

/** "/" sends each person to the first page their role has. */
export function HomeRedirect() {
  const { can } = useSession();
  const target = can('client.list') ? routes.clients : can('user.list') ? routes.adminUsers : can('audit.read') ? routes.adminAudit : routes.account;
  return <Navigate to={target} replace />;
}
