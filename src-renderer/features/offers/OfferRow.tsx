import type { CSSProperties } from 'react';
import { formatDiscount } from '#renderer/lib/money-format';
import { Link } from 'react-router';
import type { OfferSummary } from '#shared/api/operations/offers';
import { useTimeZones } from '#renderer/lib/time-zones';
import { formatInstant } from '#renderer/lib/time-format';
import { formatCount } from '#renderer/ui/format';

const codeMethodLabels: Record<string, string> = {
  UNIQUE_AUTO: 'Unique codes',
  COMMON: 'Common code',
  RANDOMIZED_COMMON: 'Randomized common',
  UPLOADED: 'Uploaded codes',
};

/** Where an offer stands, in words and the badge colour that goes with it. */
export const offerStatus: Record<OfferSummary['status'], { label: string; badge: string }> = {
  SCHEDULED: { label: 'Not started', badge: 'QUEUED' },
  ACTIVE: { label: 'Active', badge: 'ACTIVE' },
  ENDED: { label: 'Ended', badge: 'EXPIRED' },
};

export const OfferRowHeader = () => (
  <div role="rowgroup" className="offer-table__head">
    <div role="row" className="offer-row offer-row--head" aria-rowindex={1}>
      <span role="columnheader">Name</span>
      <span role="columnheader">Status</span>
      <span role="columnheader">Discount</span>
      <span role="columnheader">Expiry</span>
      <span role="columnheader">Claimed by</span>
      <span role="columnheader" className="num">
        Issued
      </span>
      <span role="columnheader" className="num">
        Redeemed
      </span>
      <span role="columnheader" className="offer-row__created">
        Created
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
  // An offer spans stores: its dates are the org's calendar days.
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
  const status = offerStatus[offer.status];
  return (
    <div role="row" className="offer-row" style={style} aria-rowindex={index + 2}>
      <span role="cell" className="offer-row__name">
        <Link to={`/offers/${offer.id}`}>{offer.name}</Link>
        <span className="offer-row__sub">{codeMethodLabels[offer.codeMethod] ?? 'Codes'}</span>
      </span>
      <span role="cell">
        <span className={`status status--${status.badge}`}>{status.label}</span>
      </span>
      <span role="cell" className="offer-row__wrap">
        {formatDiscount(offer.discountParts)}
      </span>
      <span role="cell" className="offer-row__wrap">
        {offer.expiresAt
          ? formatInstant(offer.expiresAt, orgZone, { style: 'date' })
          : 'With campaign'}
      </span>
      <span role="cell" className="offer-row__wrap">
        {offer.claimedBy ?? '—'}
      </span>
      <span role="cell" className="num">
        {formatCount(offer.issuedCount)}
      </span>
      <span role="cell" className="num">
        {formatCount(offer.redeemedCount)}
      </span>
      <span role="cell" className="offer-row__created offer-row__wrap">
        {formatInstant(offer.createdAt, orgZone, { style: 'date' })}
        {offer.createdBy ? <span className="offer-row__sub">by {offer.createdBy}</span> : null}
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
