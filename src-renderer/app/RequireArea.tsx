import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../features/auth/auth-store';
import { areaLabels, homeFor, mayUse, type Area } from '../features/auth/permissions';

/** Guards a screen by role; the API checks again, this only keeps people out of dead ends. */
export const RequireArea = ({ area, element }: { area: Area; element: ReactNode }) => {
  const user = useAuth((s) => s.user);
  if (!user) return null;
  if (!mayUse(user.role, area)) {
    return (
      <section className="page">
        <h1>{areaLabels[area]}</h1>
        <p className="banner banner--error" role="alert">
          Your role ({user.role.replace('_', ' ')}) may not use {areaLabels[area].toLowerCase()}.
        </p>
        <Link to={homeFor(user.role)}>Go to your start screen</Link>
      </section>
    );
  }
  return element;
};
