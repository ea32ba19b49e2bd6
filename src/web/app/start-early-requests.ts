import { getSession, sessionKey } from '../features/auth/api/get-session';
import { getSetupStatus, setupStatusKey } from '../features/setup/api/get-setup-status';
import { startEarly } from '../lib/early-requests';

// Imported first by main.tsx, so these two run before the rest of the app's script is evaluated:
// is the installation set up, and who is signed in. On a slow phone this takes a round trip off the
// first page (docs/decisions/0004-web-delivery.md). The queries that need the answers take them.
startEarly(setupStatusKey[0], getSetupStatus);
startEarly(sessionKey[0], getSession);
