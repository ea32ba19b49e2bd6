import type { ReactNode } from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../contracts/auth.contract';
import { getSession, sessionKey } from '../features/auth/api/get-session';
import { setupStatusKey, useSetupStatus } from '../features/setup/api/get-setup-status';
import { onApiActivity, onSessionEnded, setCsrfToken } from '../lib/api';
import { dropEarly, takeEarly } from '../lib/early-requests';
import type { SessionContextValue, SessionEndReason } from '../lib/session-context';
import { SessionContext } from '../lib/session-context';

/** Seconds of grace after the server's idle timeout before the page gives up on the session. */
const idleGraceSeconds = 5;

async function probeSession(): Promise<SessionInfo | null> {
  // The first probe takes the answer main.tsx asked for at start (app/start-early-requests.ts).
  const session = await takeEarly(sessionKey[0], getSession);
  setCsrfToken(session?.csrfToken ?? null);
  return session;
}

/**
 * Holds the signed-in session for the whole app and enforces what the browser side must do:
 * - the CSRF token follows the session, in memory only;
 * - a 401 from any call made while signed in ends the session here too ("your session ended");
 * - when no request has been made for longer than the server's idle timeout (15 minutes) the server
 *   has already ended the session, so the page clears itself instead of leaving client data on an
 *   unattended screen; the same at the absolute expiry;
 * - signing out (or being signed out) drops every cached answer, so no clinical data outlives it.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const setup = useSetupStatus();
  const needsSetup = setup.data?.needsSetup;
  const query = useQuery({
    queryKey: sessionKey,
    queryFn: probeSession,
    // Asked at once, beside the first-run status rather than after it (one round trip less before
    // the first page); the answer counts only once the installation is known to be set up.
    enabled: needsSetup !== true,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: 1,
  });
  const session = needsSetup === false ? (query.data ?? null) : null;
  const [endReason, setEndReason] = useState<SessionEndReason | null>(null);
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  const signedIn = useCallback(
    (next: SessionInfo) => {
      dropEarly();
      setCsrfToken(next.csrfToken);
      queryClient.setQueryData(setupStatusKey, { needsSetup: false });
      queryClient.setQueryData(sessionKey, next);
      setEndReason(null);
    },
    [queryClient],
  );

  const signedOut = useCallback(
    (reason: SessionEndReason) => {
      dropEarly();
      setCsrfToken(null);
      sessionRef.current = null;
      setEndReason(reason);
      void queryClient.cancelQueries();
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (cached) => cached.queryKey[0] !== sessionKey[0] && cached.queryKey[0] !== setupStatusKey[0] });
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: sessionKey });
  }, [queryClient]);

  useEffect(
    () =>
      onSessionEnded(() => {
        if (sessionRef.current) signedOut('session-ended');
      }),
    [signedOut],
  );

  // Mirror the server's sliding idle timeout and absolute lifetime.
  useEffect(() => {
    if (!session) return;
    let idleTimer = 0;
    const armIdle = () => {
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(() => signedOut('session-ended'), (session.idleTimeoutSeconds + idleGraceSeconds) * 1000);
    };
    armIdle();
    const stopListening = onApiActivity(armIdle);
    const untilAbsolute = Date.parse(session.absoluteExpiresAt) - Date.now();
    const absoluteTimer = Number.isFinite(untilAbsolute) ? window.setTimeout(() => signedOut('session-ended'), Math.max(0, Math.min(untilAbsolute, 2 ** 31 - 1))) : 0;
    return () => {
      stopListening();
      window.clearTimeout(idleTimer);
      window.clearTimeout(absoluteTimer);
    };
  }, [session, signedOut]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      loading: setup.isPending || (needsSetup === false && query.isPending),
      failed: setup.isError || query.isError,
      endReason,
      signedIn,
      signedOut,
      refresh,
      can: (ability: string) => session?.abilities.includes(ability) ?? false,
    }),
    [session, setup.isPending, setup.isError, needsSetup, query.isPending, query.isError, endReason, signedIn, signedOut, refresh],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
