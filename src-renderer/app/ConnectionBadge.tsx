import { useConnection } from './connection-store';
import { formatDateTime } from '../ui/format';

const labels = { unknown: 'Checking…', online: 'Online', offline: 'Offline' } as const;

/** Always in the header: whether this device reaches its backend (or the hub, once sync lands). */
export const ConnectionBadge = () => {
  const { status, source, checkedAt, message } = useConnection();
  const what = source === 'sync-health' ? 'hub' : 'service';
  const title = `${labels[status]} (${what})${checkedAt ? ` · checked ${formatDateTime(checkedAt)}` : ''}${message ? ` · ${message}` : ''}`;
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
    </span>
  );
};
