import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { reason } from '#shared/domain/reasons';
import { consumerLabel } from '#shared/engine/claim';
import { requireOffer } from '../offers/index';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';

/**
 * Releases an offer from the consuming service holding it, so any service may claim it again.
 * The caller names the holder it means to release: if the claim changed since they looked
 * (released, or another service claimed it), nothing happens and the answer says who holds it.
 * Coupons already issued keep what they were issued with.
 */
export async function releaseClaim(
  input: OpParsedInput<'offers-claim-release'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<OpOutput<'offers-claim-release'>> {
  const at = nowIso(ctx);
  return ctx.sql.transaction(async (tx) => {
    const offer = await requireOffer(tx, input.id, true);
    const held = offer.claim;
    if (held === null) {
      const why = reason(
        'NOT_CLAIMED',
        `Offer "${offer.name}" is not claimed by any service; there is nothing to release`,
        'id',
      );
      throw new ApiError('CONFLICT', why.message, { reasons: [why] });
    }
    if (held.consumerType !== input.consumerType || held.consumerId !== input.consumerId) {
      const why = reason(
        'CLAIMED_BY_OTHER',
        `Offer "${offer.name}" is claimed by ${consumerLabel[held.consumerType]} "${held.consumerName}" (${held.consumerId}), not by the ${consumerLabel[input.consumerType]} ${input.consumerId}; reload the offer and release its current claim if you mean to`,
        'consumerId',
      );
      throw new ApiError('CONFLICT', why.message, { reasons: [why], claim: held });
    }
    // version and modified_at move so change feeds and open editors see the release.
    await tx.query(
      `UPDATE offers SET claim_consumer_type = NULL, claim_consumer_id = NULL,
              claim_consumer_name = NULL, claimed_at = NULL, modified_at = $2,
              version = version + 1
        WHERE id = $1`,
      [input.id, at],
    );
    await audit(tx, {
      at,
      actor: actorOf(ctx.principal),
      action: 'offer.claim-release',
      entityType: 'offer',
      entityId: input.id,
      details: { ...held, reason: input.reason },
    });
    return { released: held };
  });
}
