import { Fragment, type ReactNode } from 'react';
import { createHashRouter, Navigate, RouterProvider, useParams } from 'react-router';
import { AuditPage } from '../features/audit/AuditPage';
import { useAuth } from '../features/auth/auth-store';
import { homeFor } from '../features/auth/permissions';
import { SignInPage } from '../features/auth/SignInPage';
import { ClaimPage } from '../features/claims/ClaimPage';
import { ClaimsLookupPage } from '../features/claims/ClaimsLookupPage';
import { MemberCarePage } from '../features/member-care/MemberCarePage';
import { OfferDetailsPage } from '../features/offers/OfferDetailsPage';
import { OfferEditorPage } from '../features/offers/OfferEditorPage';
import { OffersDashboard } from '../features/offers/OffersDashboard';
import { OrgDefinitionsPage } from '../features/org-definitions/OrgDefinitionsPage';
import { RatesPage } from '../features/rates/RatesPage';
import { ReconciliationPage } from '../features/reconciliation/ReconciliationPage';
import { RevokePage } from '../features/revoke/RevokePage';
import { FirstRunPage } from '../features/setup/FirstRunPage';
import { SettingsPage } from '../features/setup/SettingsPage';
import { OfflineChangesPage } from '../features/sync-status/OfflineChangesPage';
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
 * Remounts an offer screen when the offer changes, so nothing typed or open for one offer
 * (a preview, a chosen mode) carries over to another or to a new one.
 */
const PerOffer = ({ children }: { children: ReactNode }) => {
  const { id } = useParams();
  return <Fragment key={id ?? 'new'}>{children}</Fragment>;
};

const offerArea = (screen: ReactNode) => (
  <RequireArea area="offers" element={<PerOffer>{screen}</PerOffer>} />
);

/**
 * Hash routes: the same build works from file:// inside Electron and from the headless
 * app's HTTP server without a history fallback.
 */
const router = createHashRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/setup', element: <FirstRunPage /> },
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'till', element: <RequireArea area="till" element={<TillPage />} /> },
      { path: 'offers', element: <RequireArea area="offers" element={<OffersDashboard />} /> },
      { path: 'offers/new', element: offerArea(<OfferEditorPage />) },
      { path: 'offers/:id', element: offerArea(<OfferDetailsPage />) },
      { path: 'offers/:id/edit', element: offerArea(<OfferEditorPage />) },
      { path: 'offers/:id/uploads', element: offerArea(<UploadsPage />) },
      { path: 'offers/:id/revoke', element: offerArea(<RevokePage />) },
      { path: 'offers/:id/claim', element: offerArea(<ClaimPage />) },
      { path: 'claims', element: <RequireArea area="offers" element={<ClaimsLookupPage />} /> },
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
      { path: 'audit', element: <RequireArea area="audit" element={<AuditPage />} /> },
      { path: 'settings', element: <RequireArea area="settings" element={<SettingsPage />} /> },
      {
        path: 'currency-rates',
        element: <RequireArea area="currency-rates" element={<RatesPage />} />,
      },
      {
        path: 'org-definitions',
        element: <RequireArea area="org-definitions" element={<OrgDefinitionsPage />} />,
      },
      {
        path: 'offline-changes',
        element: <RequireArea area="offline-changes" element={<OfflineChangesPage />} />,
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export const App = () => <RouterProvider router={router} />;
