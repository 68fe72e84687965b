import { useEffect } from 'react';
import { isStandalone, useConnection, type SyncHealth } from '#renderer/app/connection-store';
import { orgName, useOrg, type OrgEntity } from '#renderer/app/org-store';
import { useTimeZones } from '#renderer/lib/time-zones';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { formatInstant } from '#renderer/lib/time-format';
import { formatCount } from '#renderer/ui/format';
import { Table, type Column } from '#renderer/ui/Table';
import { hubErrorText, silentFor, staleAfterMinutes } from './sync-words';

type TillRow = SyncHealth['tills'][number];
type LeaseRow = SyncHealth['leases'][number];

const tillColumns = (
  org: readonly OrgEntity[] | null,
  zoneOf: (id: string | null | undefined) => string,
  now: Date,
): Column<TillRow>[] => [
  {
    header: 'Till',
    cell: (t) => (
      <>
        {orgName(org, t.tillId)}
        <div className="muted">{orgName(org, t.storeId)}</div>
      </>
    ),
  },
  {
    header: 'Last seen',
    cell: (t) => {
      const silent = silentFor(t.lastSeenAt, now);
      return (
        <>
          <ZonedTime iso={t.lastSeenAt} zone={zoneOf(t.storeId)} />
          {silent ? <div className="status status--FAILED">Not seen for {silent}</div> : null}
        </>
      );
    },
  },
  {
    header: 'Changes not yet received',
    numeric: true,
    cell: (t) => (t.lag === null ? '—' : formatCount(t.lag)),
  },
  { header: 'Offline redemptions to review', numeric: true, cell: (t) => formatCount(t.openItems) },
];

const leaseColumns = (zone: string): Column<LeaseRow>[] => [
  { header: 'Offer', cell: (l) => l.offerName },
  {
    header: 'Left',
    numeric: true,
    cell: (l) => `${formatCount(l.remaining)} / ${formatCount(l.granted)}`,
  },
  { header: 'Until', cell: (l) => <ZonedTime iso={l.expiresAt} zone={zone} /> },
];

/**
 * Sync health of this till: whether the hub answers, what waits to be sent, how far behind the
 * hub it is, and the offline allowance (lease) left per offer.
 */
export const SyncHealthPanel = () => {
  const { status, health, checkedAt, check, message } = useConnection();
  const zones = useTimeZones();
  const org = useOrg((o) => o.items);
  const now = new Date();
  // This till's times are its store's; on the hub (no till) the org's.
  const here = zones.zoneOf(health?.tillId);
  useEffect(() => {
    void check();
  }, [check]);

  return (
    <section
      className={`card sync-health${health?.host === 'hub' ? ' sync-health--hub' : ''}`}
      aria-labelledby="sync-health-title"
    >
      <h2 id="sync-health-title">Sync health</h2>
      {isStandalone(health) ? (
        <p className="banner banner--warn" role="status" data-testid="sync-health-none">
          Not connected to a hub. This till works on its own; sync health shows here once it is
          registered with a hub.
        </p>
      ) : health ? (
        <>
          <p role="status">
            <span className={`badge badge--${status}`}>
              <span className="badge__dot" aria-hidden="true" />
              {health.host === 'hub'
                ? 'This is the hub'
                : status === 'online'
                  ? 'Hub reachable'
                  : 'Hub unreachable'}
            </span>
          </p>
          <dl className="facts">
            {health.hubUrl ? (
              <>
                <dt>Hub</dt>
                <dd>{health.hubUrl}</dd>
              </>
            ) : null}
            <dt>Last sync</dt>
            <dd>
              <ZonedTime iso={health.lastSuccessAt} zone={here} />
            </dd>
            {health.lastError ? (
              <>
                <dt>Last error</dt>
                <dd className="field__error">
                  {hubErrorText(health.lastError)}
                  <details>
                    <summary>Technical detail</summary>
                    <code>{health.lastError}</code>
                  </details>
                </dd>
              </>
            ) : null}
            <dt>Waiting to send</dt>
            <dd>
              {formatCount(health.pendingFacts)} redemptions/reversals ·{' '}
              {formatCount(health.pendingCommands)} changes
            </dd>
            <dt>Changes from the hub not yet received</dt>
            <dd>{health.lag === null ? '—' : formatCount(health.lag)}</dd>
          </dl>
          <Table
            caption={`Tills (flagged when not seen for ${staleAfterMinutes} minutes or more)`}
            compact
            columns={tillColumns(org, zones.zoneOf, now)}
            rows={health.tills}
            rowKey={(t) => t.tillId}
            rowClassName={(t) => (silentFor(t.lastSeenAt, now) ? 'row--warn' : undefined)}
            empty={null}
          />
          <Table
            caption="Offline allowance left"
            compact
            columns={leaseColumns(here)}
            rows={health.leases}
            rowKey={(l) => l.offerId}
            empty={null}
          />
        </>
      ) : null}
      {message && !health ? <p className="field__error">{message}</p> : null}
      <p className="muted">Checked {formatInstant(checkedAt, here)}</p>
      <button type="button" onClick={() => void check()}>
        Check now
      </button>
    </section>
  );
};
