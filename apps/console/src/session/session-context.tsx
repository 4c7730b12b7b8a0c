import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../api/api-error.ts';
import { onUnauthorized, setCsrfToken } from '../api/client.ts';
import { getMe, signOut as requestSignOut, updateMe } from '../api/endpoints.ts';
import type { Locale, Me } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { detectBrowserLocale, storeLocale } from '../i18n/locales.ts';
import { navigate } from '../router/history.ts';

export type SessionState =
  | { status: 'loading' }
  /** `deliberate`: the person signed out (the sign-in page then offers no way back to where they were). */
  | { status: 'signed-out'; deliberate?: boolean }
  | { status: 'unavailable'; error: unknown }
  | { status: 'signed-in'; me: Me };

export interface Session {
  state: SessionState;
  /** Takes the `Me` answered by sign-in or accept-invitation. */
  acceptMe(me: Me): void;
  reloadMe(): Promise<void>;
  /** Ends this session; `alreadyEnded` when the server ended it (sign out everywhere). */
  signOut(options?: { alreadyEnded?: boolean }): Promise<void>;
  /** Shows `locale` now and remembers it: in localStorage, and on the server when signed in. `null` = browser's. */
  chooseLocale(locale: Locale | null): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { setDisplayLocale } = useI18n();
  // Signing out ends the session on the server before the request answers, so a 401 of another request (or the
  // socket's close) can come first: it must not turn a deliberate sign-out into "session expired, come back here".
  const signingOut = useRef(false);
  const endSession = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'signed-out', deliberate: signingOut.current });
  }, []);

  const acceptMe = useCallback(
    (me: Me) => {
      signingOut.current = false;
      setCsrfToken(me.csrfToken);
      if (me.user.locale) {
        setDisplayLocale(me.user.locale);
        storeLocale(me.user.locale);
      }
      setState({ status: 'signed-in', me });
    },
    [setDisplayLocale],
  );

  const reloadMe = useCallback(async () => {
    try {
      acceptMe(await getMe());
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        endSession();
      } else {
        setState((previous) => (previous.status === 'signed-in' ? previous : { status: 'unavailable', error }));
      }
    }
  }, [acceptMe, endSession]);

  useEffect(() => {
    void reloadMe();
  }, [reloadMe]);

  useEffect(() => onUnauthorized(endSession), [endSession]);

  const signOut = useCallback(async (options: { alreadyEnded?: boolean } = {}) => {
    signingOut.current = true;
    try {
      if (!options.alreadyEnded) await requestSignOut();
    } finally {
      // A deliberate sign-out lands on a plain sign-in page (no `?next=` back into the console).
      navigate('/sign-in', { replace: true });
      endSession();
    }
  }, [endSession]);

  const chooseLocale = useCallback(
    async (locale: Locale | null) => {
      setDisplayLocale(locale ?? detectBrowserLocale());
      storeLocale(locale);
      if (state.status === 'signed-in') {
        const me = await updateMe({ locale });
        setCsrfToken(me.csrfToken);
        setState({ status: 'signed-in', me });
      }
    },
    [setDisplayLocale, state.status],
  );

  const value = useMemo<Session>(
    () => ({ state, acceptMe, reloadMe, signOut, chooseLocale }),
    [state, acceptMe, reloadMe, signOut, chooseLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user's `Me`; only for components rendered behind the sign-in gate. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe needs a signed-in session');
  return state.me;
}
