/** Routes. Pages load on demand so the first screen (the login page) stays small. */
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { FullPageSpin } from '../shared/ui/FullPageSpin';
import { RequireAuth } from './auth/RequireAuth';
import { ErrorPage } from './layout/ErrorPage';
import { RequireRoute } from './layout/RequireRoute';

const LoginPage = lazy(() => import('../modules/auth/pages/LoginPage'));
const StaffShell = lazy(() => import('./layout/StaffShell'));
const HomePage = lazy(() => import('../modules/home/pages/HomePage'));
const RequestsPage = lazy(() => import('../modules/requests/pages/RequestsPage'));
const UnitsPage = lazy(() => import('../modules/units/pages/UnitsPage'));
const ResidentsPage = lazy(() => import('../modules/residents/pages/ResidentsPage'));
const OrganizationPage = lazy(() => import('../modules/organization/pages/OrganizationPage'));
const CategoriesPage = lazy(() => import('../modules/categories/pages/CategoriesPage'));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage'));

function page(path: string, element: ReactNode) {
  return { path, element: <RequireRoute path={path}>{element}</RequireRoute>, errorElement: <ErrorPage /> };
}

export const router = createBrowserRouter([
  {
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    ),
    errorElement: <ErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: (
          <RequireAuth>
            <StaffShell />
          </RequireAuth>
        ),
        children: [
          { ...page('/', <HomePage />), path: undefined, index: true },
          page('/requests', <RequestsPage />),
          page('/units', <UnitsPage />),
          page('/residents', <ResidentsPage />),
          page('/organization', <OrganizationPage />),
          page('/categories', <CategoriesPage />),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
