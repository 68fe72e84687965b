import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { db, type ActivityRow } from '#renderer/db/local-db';
import { formatInstant } from '#renderer/lib/time-format';
import { useTimeZones } from '#renderer/lib/time-zones';

/** What this device did lately (kept locally, so it survives a restart). */
export const RecentActivity = () => {
  const [rows, setRows] = useState<ActivityRow[]>([]);
  const zone = useTimeZones().orgZone;
  useEffect(() => {
    const sub = liveQuery(() => db.activity.orderBy('id').reverse().limit(8).toArray()).subscribe({
      next: setRows,
      error: () => setRows([]),
    });
    return () => sub.unsubscribe();
  }, []);
  if (rows.length === 0) return null;
  return (
    <details className="card recent-activity">
      <summary>Recent activity on this device</summary>
      <ul>
        {rows.map((r) => (
          <li key={r.id}>
            <span className="muted">{formatInstant(r.at, zone)}</span> ·{' '}
            {r.link ? <Link to={r.link}>{r.text}</Link> : r.text}
          </li>
        ))}
      </ul>
    </details>
  );
};
