import { getSession, sessionKey } from '../features/auth/api/get-session';
import { clientListEarlyName, defaultCaseloadFilters, listClients } from '../features/clients/api/list-clients';
import { getInstrument, instrumentEarlyName } from '../features/instruments/api/get-instrument';
import { getSetupStatus, setupStatusKey } from '../features/setup/api/get-setup-status';
import { startEarly } from '../lib/early-requests';

// Imported first by main.tsx, so these run before the rest of the app's script is evaluated: is the
// installation set up, and who is signed in. On a slow phone this takes a round trip off the first
// page (docs/decisions/0004-web-delivery.md). The queries that need the answers take them.
startEarly(setupStatusKey[0], getSetupStatus);
startEarly(sessionKey[0], getSession);

// The page's own data too, for the pages opened most often by address (the caseload without
// filters, a questionnaire form), beside the session probe rather than after it and after the
// page's code: one or two round trips less. Should the person turn out to be signed out, the
// answer is a 401 that nothing takes (early-requests.ts: takeEarlyPageData).
const { pathname, search } = window.location;
const instrument = /^\/instruments\/([^/]+)\/?$/.exec(pathname);
if (/^\/clients\/?$/.test(pathname) && search === '') {
  startEarly(clientListEarlyName(defaultCaseloadFilters), () => listClients(defaultCaseloadFilters, undefined, true));
} else if (instrument) {
  const id = decodeURIComponent(instrument[1]!);
  startEarly(instrumentEarlyName(id), () => getInstrument(id, undefined, true));
}
