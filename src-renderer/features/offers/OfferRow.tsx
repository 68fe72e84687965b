import type { CSSProperties } from 'react';
import { formatDiscount } from '../../lib/money-format';
import { Link } from 'react-router';
import type { OfferSummary } from '../../../src-shared/api/operations/offers';
import { useTimeZones } from '../../lib/time-zones';
import { formatInstant } from '../../lib/time-format';
import { formatCount } from '../../ui/format';

const codeMethodLabels: Record<string, string> = {
  UNIQUE_AUTO: 'Unique codes',
  COMMON: 'Common code',
  RANDOMIZED_COMMON: 'Randomized common',
  UPLOADED: 'Uploaded codes',
};

export const OfferRowHeader = () => (
  <div role="rowgroup">
    <div role="row" className="offer-row offer-row--head" aria-rowindex={1}>
      <span role="columnheader">Name</span>
      <span role="columnheader">Type</span>
      <span role="columnheader">Discount</span>
      <span role="columnheader">Expiry</span>
      <span role="columnheader">Claimed by</span>
      <span role="columnheader" className="num">
        Redeemed
      </span>
      <span role="columnheader">Actions</span>
    </div>
  </div>
);

/** One summary row; a placeholder while its page is loading. */
export const OfferRow = ({
  index,
  offer,
  style,
}: {
  index: number;
  offer: OfferSummary | undefined;
  style: CSSProperties;
}) => {
  // An offer spans stores: its end date is the org's calendar day.
  const orgZone = useTimeZones().orgZone;
  if (!offer) {
    return (
      <div
        role="row"
        className="offer-row offer-row--loading"
        style={style}
        aria-rowindex={index + 2}
      >
        <span role="cell">Loading…</span>
      </div>
    );
  }
  return (
    <div role="row" className="offer-row" style={style} aria-rowindex={index + 2}>
      <span role="cell" className="offer-row__name">
        <Link to={`/offers/${offer.id}`}>{offer.name}</Link>
        {!offer.active ? <span className="status status--EXPIRED">inactive</span> : null}
      </span>
      <span role="cell">{codeMethodLabels[offer.codeMethod] ?? offer.codeMethod}</span>
      <span role="cell">{formatDiscount(offer.discountParts)}</span>
      <span role="cell">
        {offer.expiresAt
          ? formatInstant(offer.expiresAt, orgZone, { style: 'date' })
          : 'With campaign'}
      </span>
      <span role="cell">{offer.claimedBy ?? '—'}</span>
      <span role="cell" className="num">
        {formatCount(offer.redeemedCount)}
      </span>
      <span role="cell" className="offer-row__actions">
        <Link to={`/offers/${offer.id}/edit`} aria-label={`Edit ${offer.name}`}>
          Edit
        </Link>
        <Link to={`/offers/${offer.id}/uploads`} aria-label={`Upload customers for ${offer.name}`}>
          Upload
        </Link>
        <Link to={`/offers/${offer.id}/revoke`} aria-label={`Revoke coupons of ${offer.name}`}>
          Revoke
        </Link>
      </span>
    </div>
  );
};
