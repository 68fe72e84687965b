import type { OpOutput } from '#shared/api/operations';
import { useTimeZones } from '#renderer/lib/time-zones';
import { formatInstant } from '#renderer/lib/time-format';
import { ZonedTime } from '#renderer/lib/ZonedTime';
import { formatCount, formatRate } from '#renderer/ui/format';

const consumerLabels = {
  DVS: 'DVS (bounce-back) campaign',
  OUTBOUND: 'Outbound campaign',
  TIMELINE: 'Timeline campaign',
  LOYALTY: 'Loyalty program',
} as const;

/** The Information tab: dates, counts, redemption rate, claim, offer id and code. */
export const OfferInfo = ({ details }: { details: OpOutput<'offers-get'> }) => {
  const { offer: o, stats: s } = details;
  // An offer spans stores: its times are in the org's zone.
  const zone = useTimeZones().orgZone;
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
      <dd>
        <ZonedTime iso={o.createdAt} zone={zone} />
      </dd>
      <dt>Modified</dt>
      <dd>
        <ZonedTime iso={o.modifiedAt} zone={zone} />
      </dd>
      <dt>Last issued</dt>
      <dd>
        <ZonedTime iso={s.lastIssuedAt} zone={zone} />
      </dd>
      <dt>Last redeemed</dt>
      <dd>
        <ZonedTime iso={s.lastRedeemedAt} zone={zone} />
      </dd>
      <dt>Coupons</dt>
      <dd>
        {formatCount(s.couponCount)} created · {formatCount(s.issuedCount)} issued ·{' '}
        {formatCount(s.redeemedCount)} redeemed · {formatCount(s.revokedCount)} revoked
      </dd>
      <dt>Redemption rate</dt>
      <dd>{formatRate(s.redemptionRate)}</dd>
      {details.issuanceClosed ? (
        <>
          <dt>Issuance</dt>
          <dd data-testid="issuance-closed">
            Closed: unissued coupons revoked {formatInstant(details.issuanceClosed.at, zone)}
            {details.issuanceClosed.by ? ` by ${details.issuanceClosed.by}` : ''}
          </dd>
        </>
      ) : null}
      {s.remainingIssuable !== null ? (
        <>
          <dt>Still issuable</dt>
          <dd>{formatCount(s.remainingIssuable)}</dd>
        </>
      ) : null}
      <dt>Claimed by</dt>
      <dd>
        {o.claim
          ? `${consumerLabels[o.claim.consumerType]} “${o.claim.consumerName}” (${o.claim.consumerId}), ${formatInstant(o.claim.claimedAt, zone)}`
          : 'Not claimed'}
      </dd>
    </dl>
  );
};
