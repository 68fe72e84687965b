import { orgName, useOrg } from '../../app/org-store';
import { useTimeZones } from '../../lib/time-zones';
import { ZonedTime } from '../../lib/ZonedTime';
import { classificationLabels, resolutionLabels } from './labels';
import type { ReconItem } from './reconciliation-store';
import { ResolveForm } from './ResolveForm';

/** One offline redemption the hub flagged: what happened, why it matters, and the decision. */
export const ReconItemCard = ({ item }: { item: ReconItem }) => {
  const org = useOrg((s) => s.items);
  // The queue spans stores: every time is the item's store's, with its zone named.
  const zone = useTimeZones().zoneOf(item.storeId);
  return (
    <article className="card recon-item" aria-labelledby={`recon-${item.id}`}>
      <header className="recon-item__head">
        <h2 id={`recon-${item.id}`}>
          <code>{item.code}</code> · {item.offerName}
        </h2>
        <span className={`status status--${item.status === 'OPEN' ? 'FAILED' : 'DONE'}`}>
          {classificationLabels[item.classification] ?? item.classification}
        </span>
      </header>
      <p>{item.meaning}</p>
      {item.reasons.length > 0 ? (
        <ul className="reasons">
          {item.reasons.map((r) => (
            <li key={r.code}>{r.message}</li>
          ))}
        </ul>
      ) : null}
      <dl className="facts">
        <dt>Store / till</dt>
        <dd>
          {orgName(org, item.storeId)} / {orgName(org, item.tillId)}
        </dd>
        <dt>Discount given</dt>
        <dd>
          {item.discount} {item.currency}
        </dd>
        <dt>Redeemed</dt>
        <dd>
          <ZonedTime iso={item.redeemedAt} zone={zone} alwaysLabel /> (reached the hub{' '}
          <ZonedTime iso={item.receivedAt} zone={zone} alwaysLabel />)
        </dd>
      </dl>
      {item.status === 'RESOLVED' && item.resolution ? (
        <p className="banner banner--ok">
          {resolutionLabels[item.resolution].label} by {item.resolvedBy ?? 'someone'} on{' '}
          <ZonedTime iso={item.resolvedAt} zone={zone} alwaysLabel />: “{item.resolutionReason}”
        </p>
      ) : (
        <ResolveForm item={item} />
      )}
    </article>
  );
};
