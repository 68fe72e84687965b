import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { getOrgSettings } from '../org/index';
import { nowIso } from '../shared/clock';
import { numOf } from '../shared/values';
import { summaryColumns, summaryFromRow, type SummaryRow } from './offer-summary';

/** LIKE pattern for "contains", with the user's %, _ and \ taken literally. */
export const containsPattern = (q: string): string =>
  `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// The places whose redemption scope takes in store $4: the store, its zone and concept (up the
// tree), and its tills (docs/architecture.md, "Domain": a reference to any of them allows it).
const storePlaces = /* sql */ `
  SELECT $4::text
  UNION SELECT e.parent_id FROM org_entities e WHERE e.id = $4::text
  UNION SELECT z.parent_id FROM org_entities e JOIN org_entities z ON z.id = e.parent_id
         WHERE e.id = $4::text
  UNION SELECT t.id FROM org_entities t WHERE t.parent_id = $4::text AND t.type = 'TILL'`;

// Filters and sorts read offer_list (migration 0005), a narrow copy of offers kept by trigger:
// counting every match scans ~100 bytes per offer instead of the wide offers heap. Filters are
// always present and switched off by NULL parameters, so the statement text stays constant.
const where = /* sql */ `
  WHERE ($2::text IS NULL OR l.name_lower LIKE $2::text)
    AND (NOT $3::boolean
         OR (l.starts_at <= $1::timestamptz AND (l.ends_at IS NULL OR l.ends_at >= $1::timestamptz)))
    AND ($4::text IS NULL OR EXISTS (
         SELECT 1 FROM offers r WHERE r.id = l.offer_id
            AND (jsonb_array_length(COALESCE(r.config->'redemption'->'stores', '[]'::jsonb)) = 0
                 OR EXISTS (SELECT 1 FROM jsonb_array_elements(r.config->'redemption'->'stores') x
                             WHERE x->>'id' IN (${storePlaces})))))`;

// ORDER BY cannot take a parameter: one constant statement per sort, each walking its index;
// only the page's rows are joined to offers for their summary columns.
const pageSql = {
  modified: `WITH page AS (
               SELECT l.offer_id, l.modified_at FROM offer_list l ${where}
                ORDER BY l.modified_at DESC, l.offer_id DESC LIMIT $5 OFFSET $6)
             SELECT ${summaryColumns} FROM page JOIN offers o ON o.id = page.offer_id
              ORDER BY page.modified_at DESC, page.offer_id DESC`,
  created: `WITH page AS (
              SELECT l.offer_id, l.created_at FROM offer_list l ${where}
               ORDER BY l.created_at DESC, l.offer_id DESC LIMIT $5 OFFSET $6)
            SELECT ${summaryColumns} FROM page JOIN offers o ON o.id = page.offer_id
             ORDER BY page.created_at DESC, page.offer_id DESC`,
} as const;
const countSql = `SELECT count(*)::int AS total FROM offer_list l ${where}`;

/**
 * One page of offers, newest first by last modification or creation, optionally filtered by a
 * case-insensitive name substring, to offers active now and to offers redeemable at a store;
 * `total` counts every match.
 */
export async function listOffers(
  input: OpParsedInput<'offers-list'>,
  ctx: Pick<HandlerContext, 'sql' | 'now'>,
): Promise<OpOutput<'offers-list'>> {
  const q = input.q?.trim() ? containsPattern(input.q.trim()) : null;
  const activeOnly = input.activeOnly ?? false;
  const at = nowIso(ctx);
  const org = await getOrgSettings(ctx.sql);
  const filters = [at, q, activeOnly, input.redeemableAt ?? null];
  const rows = await ctx.sql.query<SummaryRow>(pageSql[input.sort], [
    ...filters,
    input.limit,
    input.offset,
  ]);
  const counted = await ctx.sql.query<{ total: unknown }>(countSql, filters);
  return {
    items: rows.map((r) => summaryFromRow(r, org.currency)),
    total: numOf(counted[0]?.total ?? 0),
  };
}
