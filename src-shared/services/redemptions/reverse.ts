import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { Principal } from '#shared/api/roles';
import { reason } from '#shared/domain/reasons';
import type { TillFact } from '#shared/sync/facts';
import { ruleFailed } from '../shared/errors';
import { newId } from '../shared/ids';
import { isoOf } from '../shared/values';
import { lockCoupon } from './find-coupon';
import type { ReversalJournalRecord } from './journal';
import { applyReversal, type ReversalRecord } from './ledger';
import { redemptionByIdSql, redemptionFromRow, type RedemptionRow } from './redemption-row';

type ReverseInput = OpParsedInput<'redemptions-reverse'>;
type ReverseOutput = OpOutput<'redemptions-reverse'>;

/** Store-scoped people and tills reverse only their own store's redemptions. */
export function assertStoreScope(principal: Principal, storeId: string, what: string): void {
  if (principal.kind === 'user' && principal.storeIds !== null) {
    if (!principal.storeIds.includes(storeId)) {
      throw new ApiError(
        'FORBIDDEN',
        `${principal.username} may not act on ${what} of store ${storeId}`,
        {
          storeId,
        },
      );
    }
  }
  if (principal.kind === 'device' && principal.storeId !== storeId) {
    throw new ApiError(
      'FORBIDDEN',
      `till ${principal.tillId} may not act on ${what} of store ${storeId}`,
      {
        storeId,
      },
    );
  }
}

/**
 * Reverses a redemption: a new fact on it (reversed_at, reversal id, reason), never a delete;
 * the coupon and offer get the use back and the coupon shows isReversed. Idempotent by client
 * id. A revoked coupon's redemption is not reversed (seed: revoked coupons "cannot be redeemed
 * or reversed").
 */
export async function reverseRedemption(
  input: ReverseInput,
  ctx: HandlerContext,
): Promise<ReverseOutput> {
  const at = ctx.now().toISOString();
  return ctx.sql.transaction(async (tx) => {
    const before = await tx.query<RedemptionRow>(redemptionByIdSql, [input.id]);
    const first = before[0];
    if (!first) {
      throw new ApiError('NOT_FOUND', `Redemption ${input.id} does not exist`, { field: 'id' });
    }
    assertStoreScope(ctx.principal, first.storeId, 'redemptions');
    const { coupon } = await lockCoupon(tx, first.offerId, first.couponId);
    const rows = await tx.query<RedemptionRow>(`${redemptionByIdSql} FOR UPDATE OF r`, [input.id]);
    const current = rows[0] as RedemptionRow;
    if (current.reversedAt !== null) {
      if (input.clientId !== undefined && current.reversalId === input.clientId) {
        return { redemption: redemptionFromRow(current), replayed: true };
      }
      throw new ApiError(
        'CONFLICT',
        `Redemption ${input.id} of code ${current.code} was already reversed at ${isoOf(current.reversedAt)}`,
        { field: 'id', reversalId: current.reversalId },
      );
    }
    const reversalId = input.clientId ?? newId(ctx.now().getTime());
    if (input.clientId !== undefined) {
      const used = await tx.query<{ id: string }>(
        'SELECT id FROM redemptions WHERE reversal_id = $1',
        [input.clientId],
      );
      if (used[0]) {
        throw new ApiError(
          'CONFLICT',
          `Client id ${input.clientId} already reversed redemption ${used[0].id}; use a new client id`,
          { field: 'clientId', redemptionId: used[0].id },
        );
      }
    }
    if (coupon.state === 'REVOKED') {
      throw ruleFailed(`Code ${coupon.code} was revoked; its redemptions cannot be reversed`, [
        reason(
          'COUPON_REVOKED',
          `Code ${coupon.code} was revoked, and revoked coupons cannot be redeemed or reversed`,
          'id',
        ),
      ]);
    }
    const record: ReversalRecord = {
      redemptionId: input.id,
      reversalId,
      reversedAt: at,
      reason: input.reason,
    };
    await applyReversal(tx, record);
    let fact: TillFact | null = null;
    if (ctx.recordFact) {
      fact = {
        kind: 'REVERSAL',
        clientId: reversalId,
        deviceTime: at,
        leaseId: null,
        payload: { ...record },
      };
      await ctx.recordFact(tx, fact);
    }
    if (ctx.journal) {
      const entry: ReversalJournalRecord = { type: 'REVERSAL', reversal: record, fact };
      await ctx.journal.append(entry);
    }
    const after = await tx.query<RedemptionRow>(redemptionByIdSql, [input.id]);
    return { redemption: redemptionFromRow(after[0] as RedemptionRow), replayed: false };
  });
}
