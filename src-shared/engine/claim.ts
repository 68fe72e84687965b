import type { Claim, ConsumerType, Offer } from '../domain/offer';
import { fail, ok, reason, type Reason, type Result } from '../domain/reasons';
import type { ClaimDecision } from './types';

/** How a consuming service is named in messages ("loyalty program \"Gold\""). */
export const consumerLabel: Record<ConsumerType, string> = {
  DVS: 'DVS (bounce-back) campaign',
  OUTBOUND: 'outbound campaign',
  TIMELINE: 'timeline campaign',
  LOYALTY: 'loyalty program',
};

/**
 * May this consumer claim the offer? An offer claimed by one consumer is unavailable to every
 * other; the same consumer claiming again is a no-op. DVS, timeline and loyalty consumers may
 * hold many offers, an outbound campaign exactly one (`claimsOfConsumer` = offers it holds now).
 */
export const checkClaim = (
  offer: Offer,
  existingClaim: Claim | null,
  consumerType: ConsumerType,
  consumerId: string,
  claimsOfConsumer: number,
): Result<ClaimDecision> => {
  if (
    existingClaim !== null &&
    existingClaim.consumerType === consumerType &&
    existingClaim.consumerId === consumerId
  ) {
    return ok({ alreadyClaimed: true });
  }
  const reasons: Reason[] = [];
  if (existingClaim !== null) {
    reasons.push(
      reason(
        'ALREADY_CLAIMED',
        `Offer "${offer.name}" is already used by ${consumerLabel[existingClaim.consumerType]} "${existingClaim.consumerName}" and is not available to any other`,
        'claim',
      ),
    );
  }
  if (consumerType === 'OUTBOUND' && claimsOfConsumer >= 1) {
    reasons.push(
      reason(
        'OUTBOUND_ALREADY_HAS_OFFER',
        `Outbound campaign ${consumerId} already uses an offer; an outbound campaign can use only one`,
        'consumerId',
      ),
    );
  }
  return reasons.length > 0 ? fail(...reasons) : ok({ alreadyClaimed: false });
};
