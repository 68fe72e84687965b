import type { OpOutput } from '../../../src-shared/api/operations';
import { formatCount, formatDateTime, formatRate } from '../../ui/format';

const consumerLabels = {
  DVS: 'DVS (bounce-back) campaign',
  OUTBOUND: 'Outbound campaign',
  TIMELINE: 'Timeline campaign',
  LOYALTY: 'Loyalty program',
} as const;

/** The Information tab: dates, counts, redemption rate, claim, offer id and code. */
export const OfferInfo = ({ details }: { details: OpOutput<'offers-get'> }) => {
  const { offer: o, stats: s } = details;
  return (
    <dl className="facts">
      <dt>Offer id</dt>
      <dd>
        <code>{o.id}</code>
      </dd>
      <dt>Offer code</dt>
      <dd>
        <code>{o.offerCode}</code>
      </dd>
      {o.fixedPart ? (
        <>
          <dt>Fixed part of codes</dt>
          <dd>
            <code>{o.fixedPart}</code>
          </dd>
        </>
      ) : null}
      <dt>Created</dt>
      <dd>{formatDateTime(o.createdAt)}</dd>
      <dt>Modified</dt>
      <dd>{formatDateTime(o.modifiedAt)}</dd>
      <dt>Last issued</dt>
      <dd>{formatDateTime(s.lastIssuedAt)}</dd>
      <dt>Last redeemed</dt>
      <dd>{formatDateTime(s.lastRedeemedAt)}</dd>
      <dt>Coupons</dt>
      <dd>
        {formatCount(s.couponCount)} created · {formatCount(s.issuedCount)} issued ·{' '}
        {formatCount(s.redeemedCount)} redeemed · {formatCount(s.revokedCount)} revoked
      </dd>
      <dt>Redemption rate</dt>
      <dd>{formatRate(s.redemptionRate)}</dd>
      {s.remainingIssuable !== null ? (
        <>
          <dt>Still issuable</dt>
          <dd>{formatCount(s.remainingIssuable)}</dd>
        </>
      ) : null}
      <dt>Claimed by</dt>
      <dd>
        {o.claim
          ? `${consumerLabels[o.claim.consumerType]} “${o.claim.consumerName}” (${o.claim.consumerId}), ${formatDateTime(o.claim.claimedAt)}`
          : 'Not claimed'}
      </dd>
    </dl>
  );
};
