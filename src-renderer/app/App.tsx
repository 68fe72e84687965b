import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { useAuth } from '../features/auth/auth-store';
import { homeFor } from '../features/auth/permissions';
import { SignInPage } from '../features/auth/SignInPage';
import { ClaimPage } from '../features/claims/ClaimPage';
import { MemberCarePage } from '../features/member-care/MemberCarePage';
import { OfferDetailsPage } from '../features/offers/OfferDetailsPage';
import { OfferEditorPage } from '../features/offers/OfferEditorPage';
import { OffersDashboard } from '../features/offers/OffersDashboard';
import { ReconciliationPage } from '../features/reconciliation/ReconciliationPage';
import { RevokePage } from '../features/revoke/RevokePage';
import { StoreSyncPage } from '../features/store-sync/StoreSyncPage';
import { TillPage } from '../features/till/TillPage';
import { UploadsPage } from '../features/uploads/UploadsPage';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { RequireArea } from './RequireArea';

const Home = () => {
  const user = useAuth((s) => s.user);
  return <Navigate to={user ? homeFor(user.role) : '/sign-in'} replace />;
};

/**
 * Hash routes: the same build works from file:// inside Electron and from the headless
 * app's HTTP server without a history fallback.
 */
const router = createHashRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'till', element: <RequireArea area="till" element={<TillPage />} /> },
      { path: 'offers', element: <RequireArea area="offers" element={<OffersDashboard />} /> },
      { path: 'offers/new', element: <RequireArea area="offers" element={<OfferEditorPage />} /> },
      { path: 'offers/:id', element: <RequireArea area="offers" element={<OfferDetailsPage />} /> },
      {
        path: 'offers/:id/edit',
        element: <RequireArea area="offers" element={<OfferEditorPage />} />,
      },
      {
        path: 'offers/:id/uploads',
        element: <RequireArea area="offers" element={<UploadsPage />} />,
      },
      {
        path: 'offers/:id/revoke',
        element: <RequireArea area="offers" element={<RevokePage />} />,
      },
      { path: 'offers/:id/claim', element: <RequireArea area="offers" element={<ClaimPage />} /> },
      {
        path: 'member-care',
        element: <RequireArea area="member-care" element={<MemberCarePage />} />,
      },
      {
        path: 'store-sync',
        element: <RequireArea area="store-sync" element={<StoreSyncPage />} />,
      },
      {
        path: 'reconciliation',
        element: <RequireArea area="reconciliation" element={<ReconciliationPage />} />,
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export const App = () => <RouterProvider router={router} />;
