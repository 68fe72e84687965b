import { useEffect } from 'react';
import { isStandalone, useConnection } from '../../app/connection-store';
import { orgName, useOrg } from '../../app/org-store';
import { useTimeZones } from '../../lib/time-zones';
import { ZonedTime } from '../../lib/ZonedTime';
import { formatInstant } from '../../lib/time-format';
import { formatCount } from '../../ui/format';
import { hubErrorText, silentFor, staleAfterMinutes } from './sync-words';

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
    <section className="card sync-health" aria-labelledby="sync-health-title">
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
          {health.tills.length > 0 ? (
            <table className="table table--compact">
              <caption className="muted">
                Tills (flagged when not seen for {staleAfterMinutes} minutes or more)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Till</th>
                  <th scope="col">Last seen</th>
                  <th scope="col" className="num">
                    Changes not yet received
                  </th>
                  <th scope="col" className="num">
                    Offline redemptions to review
                  </th>
                </tr>
              </thead>
              <tbody>
                {health.tills.map((t) => {
                  const silent = silentFor(t.lastSeenAt, now);
                  return (
                    <tr key={t.tillId} className={silent ? 'row--warn' : undefined}>
                      <td>
                        {orgName(org, t.tillId)}
                        <div className="muted">{orgName(org, t.storeId)}</div>
                      </td>
                      <td>
                        <ZonedTime iso={t.lastSeenAt} zone={zones.zoneOf(t.storeId)} />
                        {silent ? (
                          <div className="status status--FAILED">Not seen for {silent}</div>
                        ) : null}
                      </td>
                      <td className="num">{t.lag === null ? '—' : formatCount(t.lag)}</td>
                      <td className="num">{formatCount(t.openItems)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          {health.leases.length > 0 ? (
            <table className="table table--compact">
              <caption className="muted">Offline allowance left</caption>
              <thead>
                <tr>
                  <th scope="col">Offer</th>
                  <th scope="col" className="num">
                    Left
                  </th>
                  <th scope="col">Until</th>
                </tr>
              </thead>
              <tbody>
                {health.leases.map((l) => (
                  <tr key={l.offerId}>
                    <td>{l.offerName}</td>
                    <td className="num">
                      {formatCount(l.remaining)} / {formatCount(l.granted)}
                    </td>
                    <td>
                      <ZonedTime iso={l.expiresAt} zone={here} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
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
