import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpParsedInput } from '#shared/api/operations';
import type { Claim } from '#shared/domain/offer';
import { reason } from '#shared/domain/reasons';
import { checkClaim, offerStatusAt } from '#shared/engine/index';
import { requireOffer } from '../offers/index';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { issuesOf } from '../shared/errors';

/**
 * Claims an offer for one consuming service (DVS, outbound, timeline, loyalty). The engine's
 * checkClaim decides: an offer claimed by one consumer is unavailable to every other, an
 * outbound campaign holds exactly one offer, the same consumer claiming again is a no-op that
 * answers the existing claim. The offer row is locked, and the consumer is serialized with a
 * transaction-scoped advisory lock, so two concurrent claims cannot both pass the
 * one-offer-per-outbound-campaign count.
 */
export async function claimOffer(
  input: OpParsedInput<'offers-claim'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<Claim> {
  const at = nowIso(ctx);
  return ctx.sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `claim:${input.consumerType}:${input.consumerId}`,
    ]);
    const offer = await requireOffer(tx, input.id, true);
    const [held] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM offers
        WHERE claim_consumer_type = $1 AND claim_consumer_id = $2 AND id <> $3`,
      [input.consumerType, input.consumerId, input.id],
    );
    const decision = checkClaim(
      offer,
      offer.claim,
      input.consumerType,
      input.consumerId,
      Number(held?.n ?? 0),
    );
    if (!decision.ok) {
      throw new ApiError('CONFLICT', decision.reasons.map((r) => r.message).join('; '), {
        reasons: decision.reasons,
        issues: issuesOf(decision.reasons),
      });
    }
    if (decision.value.alreadyClaimed && offer.claim) return offer.claim;
    if (offerStatusAt(offer, at) === 'EXPIRED') {
      const why = reason('OFFER_EXPIRED', `Offer "${offer.name}" has ended and cannot be claimed`);
      throw new ApiError('RULE_FAILED', why.message, { reasons: [why] });
    }
    const claim: Claim = {
      consumerType: input.consumerType,
      consumerId: input.consumerId,
      consumerName: input.consumerName,
      claimedAt: at,
    };
    // version and modified_at move so change feeds and open editors see the claim.
    await tx.query(
      `UPDATE offers SET claim_consumer_type = $2, claim_consumer_id = $3,
              claim_consumer_name = $4, claimed_at = $5, modified_at = $5, version = version + 1
        WHERE id = $1`,
      [input.id, claim.consumerType, claim.consumerId, claim.consumerName, at],
    );
    await audit(tx, {
      at,
      actor: actorOf(ctx.principal),
      action: 'offer.claim',
      entityType: 'offer',
      entityId: input.id,
      details: { ...claim },
    });
    return claim;
  });
}
