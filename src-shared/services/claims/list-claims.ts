import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { ConsumerType } from '#shared/domain/offer';
import { getOrgSettings } from '../org/index';
import { nowIso } from '../shared/clock';
import { isoOf } from '../shared/values';
import { summaryColumns, summaryFromRow, type SummaryRow } from '../offers/index';

type ClaimRow = SummaryRow & {
  claim_consumer_id: string;
  claimed_at: unknown;
};

// Both filters are always present and switched off by NULL, so the statement text is constant;
// with a consumer given it walks offers_claim (claim_consumer_type, claim_consumer_id).
const listSql = /* sql */ `SELECT ${summaryColumns}, o.claim_consumer_id, o.claimed_at
  FROM offers o
 WHERE o.claim_consumer_type IS NOT NULL
   AND ($2::text IS NULL OR o.claim_consumer_type = $2::text)
   AND ($3::text IS NULL OR o.claim_consumer_id = $3::text)
 ORDER BY o.claimed_at DESC, o.id DESC`;

/** The offers a consuming service holds, each with its claim; newest claim first. */
export async function listClaims(
  input: OpParsedInput<'claims-list'>,
  ctx: Pick<HandlerContext, 'sql' | 'now'>,
): Promise<OpOutput<'claims-list'>> {
  const org = await getOrgSettings(ctx.sql);
  const rows = await ctx.sql.query<ClaimRow>(listSql, [
    nowIso(ctx),
    input.consumerType ?? null,
    input.consumerId?.trim() || null,
  ]);
  return {
    items: rows.map((r) => ({
      ...summaryFromRow(r, org.currency),
      claim: {
        consumerType: r.claim_consumer_type as ConsumerType,
        consumerId: r.claim_consumer_id,
        consumerName: r.claim_consumer_name ?? '',
        claimedAt: isoOf(r.claimed_at),
      },
    })),
  };
}
