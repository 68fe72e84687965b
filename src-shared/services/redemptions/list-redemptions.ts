import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { redemptionColumns, redemptionFromRow, type RedemptionRow } from './redemption-row';

type ListInput = OpParsedInput<'redemptions-list'>;
type ListOutput = OpOutput<'redemptions-list'>;

/**
 * Recent redemptions, newest first. The WHERE clause is assembled from constant fragments,
 * one per filter given, each with its own $n parameter, so every combination can use its
 * index (till_id, or offer_id with redeemed_at). Store-scoped principals see only their stores.
 */
export async function listRedemptions(input: ListInput, ctx: HandlerContext): Promise<ListOutput> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (fragment: (n: number) => string, value: unknown): void => {
    params.push(value);
    where.push(fragment(params.length));
  };
  if (input.tillId !== undefined) add((n) => `r.till_id = $${n}`, input.tillId);
  if (input.storeId !== undefined) add((n) => `r.store_id = $${n}`, input.storeId);
  if (input.offerId !== undefined) add((n) => `r.offer_id = $${n}`, input.offerId);
  const p = ctx.principal;
  if (p.kind === 'user' && p.storeIds !== null)
    add((n) => `r.store_id = ANY($${n}::text[])`, p.storeIds);
  if (p.kind === 'device') add((n) => `r.store_id = $${n}`, p.storeId);
  params.push(input.limit);
  const sql = `SELECT ${redemptionColumns} FROM redemptions r JOIN offers o ON o.id = r.offer_id
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY r.redeemed_at DESC, r.id DESC LIMIT $${params.length}`;
  const rows = await ctx.sql.query<RedemptionRow>(sql, params);
  return { items: rows.map(redemptionFromRow) };
}
