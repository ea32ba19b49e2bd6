import { createBrowserRouter } from 'react-router';
import { withLaterMessages } from '../i18n/i18n';
import { AcceptInvitationPage } from '../features/auth/pages/accept-invitation-page';
import { ResetPasswordPage } from '../features/auth/pages/reset-password-page';
import { SignInPage } from '../features/auth/pages/sign-in-page';
import { SetupPage } from '../features/setup/pages/setup-page';
import { AppLayout, FirstLoadFrame } from './app-layout';
import { CaseloadRoute, ClientRoute, NewClientRoute } from './composed-pages';
import { NotFoundPage } from './not-found-page';
import { HomeRedirect, RequireAbility, RequireSession, SetupGate, SignedOutOnly } from './route-guards';
import { RouteErrorPage } from './route-error-page';
import { routes } from './route-paths';

/**
 * The window as the router sees it, without sessionStorage. At start-up React Router reads the view
 * transitions it saved there (this app has none, and keeps nothing in browser storage); the first
 * use of sessionStorage in a page waits on the browser process, which on a slow phone is a long
 * part of the router's start. Reading it fails here, which the router handles as "nothing saved".
 */
function windowWithoutStorage(): Window {
  return new Proxy(window, {
    get(target, key) {
      if (key === 'sessionStorage') return undefined;
      const value: unknown = Reflect.get(target, key);
      // The window's own methods (addEventListener, scrollTo…) must be called on the window itself.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The route tree. Gates are layout routes: SetupGate (first run) wraps everything, RequireSession
 * wraps the signed-in pages, RequireAbility wraps pages of one ability. Paths come from
 * route-paths.ts. Sign-in, first run, the caseload and the client record are in the main bundle
 * (the 200 KB budget is for them); the treatment pages (day, episode, session, questionnaires, with
 * the chart library) and pages only some roles use are loaded when first opened (`lazy`), with the
 * rest of the message catalogue. Made by main.tsx in a task of its own at start-up.
 */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      hydrateFallbackElement: <FirstLoadFrame />,
      children: [
        {
          errorElement: <RouteErrorPage />,
          element: <SetupGate />,
          children: [
            { path: routes.setup, element: <SetupPage /> },
            { element: <SignedOutOnly />, children: [{ path: routes.signIn, element: <SignInPage /> }] },
            { path: routes.invite, element: <AcceptInvitationPage /> },
            { path: routes.resetPassword, element: <ResetPasswordPage /> },
            {
              element: <RequireSession />,
              children: [
                { path: routes.home, element: <HomeRedirect /> },
                { path: routes.account, lazy: async () => ({ Component: (await withLaterMessages(import('../features/account/pages/account-page'))).AccountPage }) },
                { element: <RequireAbility ability="client.list" />, children: [{ path: routes.clients, element: <CaseloadRoute /> }] },
                { element: <RequireAbility ability="client.create" />, children: [{ path: routes.newClient, element: <NewClientRoute /> }] },
                { path: routes.client, element: <ClientRoute /> },
                {
                  element: <RequireAbility ability="client.list" />,
                  children: [{ path: routes.today, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/day-page'))).DayPage }) }],
                },
                { path: routes.episode, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/episode-page'))).EpisodePage }) },
                { path: routes.session, lazy: async () => ({ Component: (await withLaterMessages(import('./session-route'))).SessionRoute }) },
                { path: routes.riskFlag, lazy: async () => ({ Component: (await withLaterMessages(import('./risk-routes'))).RiskFlagRoute }) },
                { path: routes.safetyPlan, lazy: async () => ({ Component: (await withLaterMessages(import('./risk-routes'))).SafetyPlanRoute }) },
                { path: routes.episodeInventory, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/initial-phase/inventory-page'))).InventoryPage }) },
                { path: routes.episodeCloseness, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/initial-phase/closeness-page'))).ClosenessPage }) },
                { path: routes.episodeTimeline, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/initial-phase/timeline-page'))).TimelinePage }) },
                { path: routes.episodeDiagnosis, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/initial-phase/diagnosis-page'))).DiagnosisPage }) },
                { path: routes.episodeFormulation, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/initial-phase/formulation-page'))).FormulationPage }) },
                { path: routes.episodeTermination, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/termination/termination-page'))).TerminationPage }) },
                { path: routes.episodeContract, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/initial-phase/contract-page'))).ContractPage }) },
                { path: routes.episodeWorkspaces, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/middle-phase/workspaces-page'))).WorkspacesPage }) },
                { path: routes.workspace, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/middle-phase/workspace-page'))).WorkspacePage }) },
                { path: routes.sessionWork, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/middle-phase/session-work-page'))).SessionWorkPage }) },
                { path: routes.newWorksheet, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/middle-phase/worksheet-pages'))).NewWorksheetPage }) },
                { path: routes.worksheet, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/middle-phase/worksheet-pages'))).WorksheetPage }) },
                {
                  element: <RequireAbility ability="instrument.read" />,
                  children: [
                    { path: routes.instruments, lazy: async () => ({ Component: (await withLaterMessages(import('../features/instruments/pages/instrument-library-page'))).InstrumentLibraryPage }) },
                    { path: routes.instrument, lazy: async () => ({ Component: (await withLaterMessages(import('../features/instruments/pages/instrument-page'))).InstrumentPage }) },
                  ],
                },
                {
                  element: <RequireAbility ability="supervision.read" />,
                  children: [{ path: routes.supervision, lazy: async () => ({ Component: (await withLaterMessages(import('../features/supervision/pages/supervision-page'))).SupervisionPage }) }],
                },
                {
                  element: <RequireAbility ability="risk.acknowledge" />,
                  children: [{ path: routes.supervisionRisk, lazy: async () => ({ Component: (await withLaterMessages(import('../features/episodes/pages/risk/supervision-risk-page'))).SupervisionRiskPage }) }],
                },
                {
                  element: <RequireAbility ability="user.list" />,
                  children: [{ path: routes.adminUsers, lazy: async () => ({ Component: (await withLaterMessages(import('../features/users/pages/users-page'))).UsersPage }) }],
                },
                {
                  element: <RequireAbility ability="organization.update" />,
                  children: [{ path: routes.adminSettings, lazy: async () => ({ Component: (await withLaterMessages(import('../features/users/pages/organization-settings-page'))).OrganizationSettingsPage }) }],
                },
                {
                  element: <RequireAbility ability="audit.read" />,
                  children: [{ path: routes.adminAudit, lazy: async () => ({ Component: (await withLaterMessages(import('./audit-route'))).AuditRoute }) }],
                },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ], { window: windowWithoutStorage() });
}
