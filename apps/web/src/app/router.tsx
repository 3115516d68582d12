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
const UnitFilePage = lazy(() => import('../modules/units/pages/UnitFilePage'));
const EstateSettingsPage = lazy(() => import('../modules/units/pages/EstateSettingsPage'));
const ResidentsPage = lazy(() => import('../modules/residents/pages/ResidentsPage'));
const ResidentPage = lazy(() => import('../modules/residents/pages/ResidentPage'));
const AuditPage = lazy(() => import('../modules/residents/pages/AuditPage'));
const VipPage = lazy(() => import('../modules/vip/pages/VipPage'));
const OrganizationPage = lazy(() => import('../modules/organization/pages/OrganizationPage'));
const CategoriesPage = lazy(() => import('../modules/categories/pages/CategoriesPage'));
const NotFoundPage = lazy(() => import('./layout/NotFoundPage'));
const DeskPage = lazy(() => import('../modules/desk/pages/DeskPage'));
const RequestPage = lazy(() => import('../modules/requests/pages/RequestPage'));
const RequestPrintPage = lazy(() => import('../modules/requests/pages/RequestPrintPage'));
const TechShell = lazy(() => import('../modules/technician/components/TechShell'));
const TechPage = lazy(() => import('../modules/technician/pages/TechPage'));
const TechOrderPage = lazy(() => import('../modules/technician/pages/TechOrderPage'));
const SlaSettingsPage = lazy(() => import('../modules/settings/pages/SlaSettingsPage'));
const BoardPage = lazy(() => import('../modules/board/pages/BoardPage'));
const CashierPage = lazy(() => import('../modules/payments/pages/CashierPage'));
const ArrearsPage = lazy(() => import('../modules/arrears/pages/ArrearsPage'));
const HandoverPage = lazy(() => import('../modules/handover/pages/HandoverPage'));
const CallbacksPage = lazy(() => import('../modules/callbacks/pages/CallbacksPage'));
const AlertsPage = lazy(() => import('../modules/alerts/pages/AlertsPage'));
const ComplaintEventsPage = lazy(() => import('../modules/complaints/pages/ComplaintEventsPage'));
const ComplaintWorkbenchPage = lazy(() => import('../modules/complaints/pages/ComplaintWorkbenchPage'));
const ComplaintAnalysisPage = lazy(() => import('../modules/kpis/pages/ComplaintAnalysisPage'));
const ComplaintCasesPage = lazy(() => import('../modules/complaints/pages/ComplaintCasesPage'));
const CompanyCallbacksPage = lazy(() => import('../modules/complaints/pages/CompanyCallbacksPage'));
const VisitsPage = lazy(() => import('../modules/relations/pages/VisitsPage'));
const ManagerPage = lazy(() => import('../modules/relations/pages/ManagerPage'));
const LiaisonPage = lazy(() => import('../modules/relations/pages/LiaisonPage'));
const NoticesPage = lazy(() => import('../modules/relations/pages/NoticesPage'));
const NoticePrintPage = lazy(() => import('../modules/relations/pages/NoticePrintPage'));
const GreetingsPage = lazy(() => import('../modules/relations/pages/GreetingsPage'));

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
          page('/units/:id', <UnitFilePage />),
          page('/settings/estate', <EstateSettingsPage />),
          page('/residents', <ResidentsPage />),
          page('/residents/:id', <ResidentPage />),
          page('/audit', <AuditPage />),
          page('/vip', <VipPage />),
          page('/organization', <OrganizationPage />),
          page('/categories', <CategoriesPage />),
          page('/desk', <DeskPage />),
          page('/requests/:id', <RequestPage />),
          page('/settings/sla', <SlaSettingsPage />),
          page('/board', <BoardPage />),
          page('/cashier', <CashierPage />),
          page('/arrears', <ArrearsPage />),
          page('/handover', <HandoverPage />),
          page('/callbacks', <CallbacksPage />),
          page('/alerts', <AlertsPage />),
          page('/complaints', <ComplaintWorkbenchPage />),
          page('/complaints/events', <ComplaintEventsPage />),
          page('/complaints/analysis', <ComplaintAnalysisPage />),
          page('/complaints/cases', <ComplaintCasesPage />),
          page('/complaints/company-callbacks', <CompanyCallbacksPage />),
          page('/relations/visits', <VisitsPage />),
          page('/relations/manager', <ManagerPage />),
          page('/relations/liaison', <LiaisonPage />),
          page('/relations/notices', <NoticesPage />),
          page('/relations/greetings', <GreetingsPage />),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      // Outside the staff shell: the work order prints without the app around it.
      {
        path: '/requests/:id/print',
        element: (
          <RequireAuth>
            <RequestPrintPage />
          </RequireAuth>
        ),
        errorElement: <ErrorPage />,
      },
      // A notice prints for the notice board without the app around it.
      {
        path: '/relations/notices/:id/print',
        element: (
          <RequireAuth>
            <NoticePrintPage />
          </RequireAuth>
        ),
        errorElement: <ErrorPage />,
      },
      // The technician's phone view has its own slim frame (no side menu).
      {
        path: '/tech',
        element: (
          <RequireAuth>
            <RequireRoute path="/tech">
              <TechShell />
            </RequireRoute>
          </RequireAuth>
        ),
        errorElement: <ErrorPage />,
        children: [
          { index: true, element: <TechPage /> },
          { path: ':id', element: <TechOrderPage /> },
        ],
      },
    ],
  },
]);
