import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { FullPageSpin } from '../../shared/ui/FullPageSpin';
import { useAuth } from './AuthProvider';

/** Renders its children for a signed-in user; otherwise sends them to the login page and back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, endedBy } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'anonymous') {
    if (endedBy === 'logout') return <Navigate to="/login" replace />;
    const target = `${location.pathname}${location.search}${location.hash}`;
    const search = target && target !== '/' ? `?redirect=${encodeURIComponent(target)}` : '';
    return <Navigate to={`/login${search}`} replace />;
  }
  return <>{children}</>;
}

/** A redirect target from the query string, only if it is a path inside this app. */
export function safeRedirect(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}
