import { useEffect } from 'react';
import { onChange } from '../api/client';
import { OfflineBanner } from '../features/sync-status/OfflineBanner';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../features/auth/auth-store';
import { areaLabels, areasFor, roleLabels } from '../features/auth/permissions';
import { ConnectionBadge } from './ConnectionBadge';
import { followBackendEvents, useConnection } from './connection-store';

const pollMs = 10_000;

/** Header with the role's navigation and the always-visible connection badge. */
export const Layout = () => {
  const user = useAuth((s) => s.user);
  const signOut = useAuth((s) => s.signOut);
  const check = useConnection((s) => s.check);
  const location = useLocation();

  useEffect(() => {
    if (!user) return;
    void check();
    const timer = setInterval(() => void check(), pollMs);
    const stop = onChange(() => void check());
    const unfollow = followBackendEvents();
    return () => {
      clearInterval(timer);
      stop();
      unfollow();
    };
  }, [user, check]);

  if (!user) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <span className="shell__brand">Counterfoil</span>
        <nav aria-label="Main">
          <ul>
            {areasFor(user.role).map((area) => (
              <li key={area}>
                <NavLink to={`/${area}`}>{areaLabels[area]}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionBadge />
        <span className="shell__user">
          {user.username} · {roleLabels[user.role]}
        </span>
        <button type="button" className="button--quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <OfflineBanner />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
};
