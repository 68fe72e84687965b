import { useConnection } from './connection-store';
import { formatInstant } from '../lib/time-format';
import { useTimeZones } from '../lib/time-zones';

const labels = { unknown: 'Checking…', online: 'Online', offline: 'Offline' } as const;

/**
 * Always in the header. A till syncing with a hub shows whether the hub answers (and how many
 * facts wait to be sent); otherwise whether this screen reaches its backend.
 */
export const ConnectionBadge = () => {
  const { status, source, checkedAt, message, health } = useConnection();
  const zone = useTimeZones().orgZone;
  const pending = source === 'hub' && health ? health.pendingFacts : 0;
  const title = [
    `${labels[status]} — ${source === 'hub' ? `hub ${health?.hubUrl ?? ''}` : 'service'}`,
    checkedAt ? `checked ${formatInstant(checkedAt, zone)}` : '',
    message ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span
      className={`badge badge--${status}`}
      role="status"
      aria-live="polite"
      title={title}
      data-testid="connection-badge"
    >
      <span className="badge__dot" aria-hidden="true" />
      {labels[status]}
      {pending > 0 ? ` · ${pending} to send` : ''}
    </span>
  );
};
