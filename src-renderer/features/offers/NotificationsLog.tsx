import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '#shared/api/operations';
import type { NotificationStatus } from '#shared/notifications/types';
import { send } from '#renderer/api/client';
import { useConnection } from '#renderer/app/connection-store';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { Table, type Column, type RowDetail } from '#renderer/ui/Table';
import { useTimeZones } from '#renderer/lib/time-zones';
import { formatInstant } from '#renderer/lib/time-format';
import { formatCount } from '#renderer/ui/format';
import { describeKind, statusLabels, statusOrder, totalOf, whyOf } from './notification-labels';

type Log = OpOutput<'notifications-list'>;
type Filter = NotificationStatus | 'ALL';

const pollMs = 10_000;
const pageLimit = 200;

type Item = Log['items'][number];

const columns = (
  when: (iso: string | null) => string,
  open: ReadonlySet<string>,
  toggle: (id: string) => void,
): Column<Item>[] => [
  {
    header: 'Kind',
    cell: (n) => (
      <>
        <button
          type="button"
          className="button--link notif-kind"
          aria-expanded={open.has(n.id)}
          aria-controls={`notif-${n.id}`}
          onClick={() => toggle(n.id)}
        >
          {describeKind(n)}
        </button>
        {n.couponCode ? (
          <div>
            <code>{n.couponCode}</code>
          </div>
        ) : null}
      </>
    ),
  },
  { header: 'Channel', cell: (n) => (n.channel === 'SMS' ? 'SMS' : 'Email') },
  { header: 'Recipient', className: 'notif-recipient', cell: (n) => n.recipient ?? '—' },
  {
    header: 'Status',
    cell: (n) => <span className={`status status--${n.status}`}>{statusLabels[n.status]}</span>,
  },
  { header: 'Attempts', numeric: true, cell: (n) => n.attempts },
  { header: 'Last error or skip reason', className: 'notif-why', cell: (n) => whyOf(n) || '—' },
  {
    header: 'Due at',
    className: 'notif-when',
    cell: (n) => (
      <>
        {when(n.dueAt)}
        {n.status === 'PENDING' && n.nextAttemptAt && n.nextAttemptAt !== n.dueAt ? (
          <div className="muted">next try {when(n.nextAttemptAt)}</div>
        ) : null}
      </>
    ),
  },
  { header: 'Sent at', className: 'notif-when', cell: (n) => when(n.sentAt) },
];

/** The message as sent, opened under its row. */
const messageOf = (n: Item): RowDetail => ({
  id: `notif-${n.id}`,
  className: 'notif-message',
  content:
    n.text === null ? (
      <span className="muted">The message is written when it is sent; nothing was sent yet.</span>
    ) : (
      <>
        {n.subject ? (
          <div>
            <strong>Subject:</strong> {n.subject}
          </div>
        ) : null}
        <pre>{n.text}</pre>
      </>
    ),
});

/**
 * The offer's notification log (the Notifications tab): every reminder, alert and resend with
 * its status, attempts and why it failed or was skipped, newest due first; the message as sent
 * opens under its row. The hub sends them, so a till says where to look instead.
 */
export const NotificationsLog = ({ offerId }: { offerId: string }) => {
  const health = useConnection((s) => s.health);
  const onTill = health?.host === 'till';
  // Reminders are planned on the org's calendar: their times are read in the org's zone.
  const zone = useTimeZones().orgZone;
  const when = (iso: string | null) => formatInstant(iso, zone);
  const [filter, setFilter] = useState<Filter>('ALL');
  const [log, setLog] = useState<Log | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await send('notifications-list', {
        id: offerId,
        limit: pageLimit,
        ...(filter === 'ALL' ? {} : { status: filter }),
      });
      setLog(r);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [offerId, filter]);

  useEffect(() => {
    if (onTill) return;
    void load();
    // Reminders go out on the hub's schedule; keep the open log current.
    const t = setInterval(() => void load(), pollMs);
    return () => clearInterval(t);
  }, [load, onTill]);

  if (onTill) {
    return (
      <p role="status" data-testid="notifications-on-till">
        Reminders and resends are sent by the hub, which keeps their log.{' '}
        {health.hubUrl ? (
          <>
            Open the back office at <a href={health.hubUrl}>{health.hubUrl}</a>.
          </>
        ) : (
          'This till is not connected to a hub.'
        )}
      </p>
    );
  }

  const counts: Partial<Record<NotificationStatus, number>> = log?.counts ?? {};
  const shown = log?.items.length ?? 0;
  const matching = filter === 'ALL' ? totalOf(counts) : (counts[filter] ?? 0);
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const filterButton = (f: Filter, label: string, n: number) => (
    <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
      {label} ({formatCount(n)})
    </button>
  );

  return (
    <div className="notif-log">
      <div className="notif-filters" role="group" aria-label="Show notifications by status">
        {filterButton('ALL', 'All', totalOf(counts))}
        {statusOrder.map((s) => filterButton(s, statusLabels[s], counts[s] ?? 0))}
        <button type="button" className="button--link" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={error} />
      <p className="muted" role="status" aria-live="polite">
        {loading && !log
          ? 'Loading…'
          : shown < matching
            ? `Newest ${formatCount(shown)} of ${formatCount(matching)}`
            : `${formatCount(shown)} ${shown === 1 ? 'notification' : 'notifications'}`}
      </p>
      {log ? (
        <Table
          label="Notifications"
          className="notif-table"
          columns={columns(when, open, toggle)}
          rows={log.items}
          rowKey={(n) => n.id}
          detail={(n) => (open.has(n.id) ? messageOf(n) : null)}
          empty={
            filter === 'ALL'
              ? 'Nothing planned or sent yet. Reminders are planned as coupons near their expiry.'
              : `No ${statusLabels[filter].toLowerCase()} notifications.`
          }
        />
      ) : null}
    </div>
  );
};
