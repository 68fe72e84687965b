import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { summaryColumns, summaryFromRow, type SummaryRow } from '../offers/index';
import { getOrgSettings } from '../org/index';
import { nowIso } from '../shared/clock';

/**
 * Offers tagged directly to the given tills, stores, zones or concepts (seed: "API to fetch
 * all coupons"). Direct tags only: a zone returns zone-tagged offers, not those of its stores;
 * ids are not validated, an unknown id simply matches nothing; one entity type per request.
 */
export async function listSeriesByOrgEntity(
  input: OpParsedInput<'series-list'>,
  ctx: Pick<HandlerContext, 'sql' | 'now'>,
): Promise<OpOutput<'series-list'>> {
  const ids = [
    ...new Set(input.orgEntityIds.flatMap((v) => v.split(',')).map((v) => v.trim())),
  ].filter((v) => v !== '');
  if (ids.length === 0) return { items: [] };
  const org = await getOrgSettings(ctx.sql);
  const rows = await ctx.sql.query<SummaryRow>(
    `SELECT ${summaryColumns} FROM offers o
      WHERE o.id IN (SELECT t.offer_id FROM offer_store_tags t
                      WHERE t.entity_type = $2 AND t.entity_id = ANY($3::text[]))
      ORDER BY o.modified_at DESC, o.id DESC`,
    [nowIso(ctx), input.orgEntityType, ids],
  );
  return { items: rows.map((r) => summaryFromRow(r, org.currency)) };
}
