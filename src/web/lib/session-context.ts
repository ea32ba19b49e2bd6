import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../contracts/auth.contract';

/** Why there is no session any more; the sign-in page says so. */
export type SessionEndReason = 'session-ended' | 'signed-out';

/**
 * The signed-in user for every page. It lives in lib/ (not app/) so that features can read it
 * without importing each other; app/session-provider.tsx fills it.
 */
export interface SessionContextValue {
  /** null while signed out (or not yet known). */
  session: SessionInfo | null;
  /** True until the first answer from the server says whether there is a session. */
  loading: boolean;
  /** The session probe itself failed (server unreachable): pages show an error, not sign-in. */
  failed: boolean;
  /** Why the last session ended, until the next sign-in. */
  endReason: SessionEndReason | null;
  /** Store a session the server just gave us (sign-in, setup, invitation, MFA confirmation). */
  signedIn(session: SessionInfo): void;
  /** Ask the server again (after a change that the answer did not include, e.g. MFA turned off). */
  refresh(): Promise<void>;
  /** Forget the session and every cached answer (clinical data must not outlive the session). */
  signedOut(reason: SessionEndReason): void;
  /** Does the server say this user may take this action? The server stays the authority. */
  can(ability: string): boolean;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

/** Read the session; throws if used outside the provider, which is a programming error. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The session for pages that are only reachable when signed in. */
export function useSignedInSession(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('useSignedInSession used on a page that is reachable while signed out');
  return session;
}
