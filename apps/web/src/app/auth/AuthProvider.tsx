/**
 * The signed-in staff member. Asks the server who we are on start (`/auth/me`), holds the CSRF token
 * for writes, and ends the session when any call answers 401.
 */

import { useQueryClient } from '@tanstack/react-query';
import type { Locale } from '@wuye/contracts';
import { App } from 'antd';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { configureApiClient, isApiError, setCsrfToken } from '../../shared/api/client';
import type { SessionUser } from '../../shared/api/types';
import { useI18n } from '../i18n/I18nProvider';
import { authApi } from './auth.api';

type AuthStatus = 'loading' | 'authenticated' | 'anonymous';

type AuthValue = {
  status: AuthStatus;
  user: SessionUser | null;
  /** Why the last session ended: signing out sends the user to a plain login page, not back. */
  endedBy: 'logout' | 'expired' | null;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** Switch the UI language; saved to the user's preferences when signed in. */
  changeLocale: (locale: Locale) => void;
};

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale, t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [endedBy, setEndedBy] = useState<'logout' | 'expired' | null>(null);
  /** The language was chosen on the login page: keep it and save it to the account after sign-in. */
  const chosenWhileSignedOut = useRef(false);
  const userRef = useRef<SessionUser | null>(null);
  userRef.current = user;
  const tRef = useRef(t);
  tRef.current = t;

  const endSession = useCallback(
    (reason: 'logout' | 'expired') => {
      setEndedBy(reason);
      setCsrfToken(null);
      setUser(null);
      setStatus('anonymous');
      queryClient.clear();
    },
    [queryClient],
  );

  useEffect(() => {
    configureApiClient({
      onUnauthenticated: () => {
        if (!userRef.current) return;
        endSession('expired');
        message.warning({ content: tRef.current('common.sessionExpired'), key: 'session-expired' });
      },
    });
  }, [endSession, message]);

  useEffect(() => {
    let cancelled = false;
    authApi
      .me()
      .then((res) => {
        if (cancelled) return;
        setCsrfToken(res.csrfToken);
        setUser(res.user);
        setStatus('authenticated');
        if (res.user.locale) setLocale(res.user.locale);
      })
      .catch(() => {
        if (cancelled) return;
        setStatus('anonymous');
      });
    return () => {
      cancelled = true;
    };
  }, [setLocale]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await authApi.login(username, password);
      setCsrfToken(res.csrfToken);
      queryClient.clear();
      let sessionUser = res.user;
      if (chosenWhileSignedOut.current && res.user.locale !== locale) {
        sessionUser = { ...res.user, locale };
        authApi.savePreferences(locale).catch(() => {});
      } else if (res.user.locale) {
        setLocale(res.user.locale);
      }
      chosenWhileSignedOut.current = false;
      setUser(sessionUser);
      setEndedBy(null);
      setStatus('authenticated');
      return sessionUser;
    },
    [locale, queryClient, setLocale],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (e) {
      // The session is dropped locally either way; a 401 just means it had already ended.
      if (!isApiError(e)) throw e;
    }
    endSession('logout');
  }, [endSession]);

  const changeLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      const current = userRef.current;
      if (!current) {
        chosenWhileSignedOut.current = true;
        return;
      }
      setUser({ ...current, locale: next });
      authApi.savePreferences(next).catch((e: unknown) => {
        if (isApiError(e) && e.status !== 401) message.error(e.message);
      });
    },
    [message, setLocale],
  );

  const value = useMemo<AuthValue>(
    () => ({ status, user, endedBy, login, logout, changeLocale }),
    [status, user, endedBy, login, logout, changeLocale],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components under <RequireAuth>. */
export function useCurrentUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser needs a signed-in user');
  return user;
}
