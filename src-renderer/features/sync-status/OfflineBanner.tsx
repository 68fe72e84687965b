import { Link } from 'react-router';
import { useConnection } from '#renderer/app/connection-store';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { mayCall } from '../auth/permissions';
import { useAuth } from '../auth/auth-store';
import './sync-status.css';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Across the top of every screen while a till cannot reach its hub: what still works, what
 * waits (exact counts, refreshed after every change made here), and where to see it.
 */
export const OfflineBanner = () => {
  const { status, source, health } = useConnection();
  const role = useAuth((s) => s.user?.role);
  const zones = useTimeZones();
  if (source !== 'hub' || !health) return null;
  const waiting = health.pendingFacts + health.pendingCommands;
  if (status !== 'offline' && waiting === 0) return null;
  const parts = [
    health.pendingFacts > 0 ? count(health.pendingFacts, 'sale', 'sales') : '',
    health.pendingCommands > 0
      ? count(health.pendingCommands, 'back-office change', 'back-office changes')
      : '',
  ].filter(Boolean);
  const link = mayCall(role, 'sync-commands-list') ? (
    <Link to="/offline-changes">See changes made offline</Link>
  ) : null;
  if (status !== 'offline') {
    return (
      <div
        className="offline-banner offline-banner--sending"
        role="status"
        data-testid="offline-banner"
      >
        <strong>Back online.</strong> Sending {parts.join(' and ')} to the hub… {link}
      </div>
    );
  }
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>Offline: the hub cannot be reached.</strong> Coupons are still checked and redeemed
      here, and sent to the hub when it is back
      {health.lastSuccessAt ? (
        <>
          {' '}
          (last contact{' '}
          <ZonedTime iso={health.lastSuccessAt} zone={zones.zoneOf(null)} alwaysLabel />)
        </>
      ) : null}
      .{' '}
      <span data-testid="offline-waiting">
        {waiting === 0 ? 'Nothing is waiting.' : `Waiting to be sent: ${parts.join(' and ')}.`}
      </span>{' '}
      {link}
    </div>
  );
};
