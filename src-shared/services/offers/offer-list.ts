import type { HandlerContext } from '../../api/handlers';
import type { OpOutput, OpParsedInput } from '../../api/operations';
import { getOrgSettings } from '../org/org-settings';
import { nowIso } from '../shared/clock';
import { numOf } from '../shared/values';
import { summaryColumns, summaryFromRow, type SummaryRow } from './offer-summary';

/** LIKE pattern for "contains", with the user's %, _ and \ taken literally. */
export const containsPattern = (q: string): string =>
  `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Filters are always present and switched off by NULL parameters, so the text stays constant.
const where = /* sql */ `
  WHERE ($2::text IS NULL OR lower(o.name) LIKE $2::text)
    AND (NOT $3::boolean
         OR (o.starts_at <= $1::timestamptz AND (o.ends_at IS NULL OR o.ends_at >= $1::timestamptz)))`;

// ORDER BY cannot take a parameter: one constant statement per sort, each walking its index.
const pageSql = {
  modified: `SELECT ${summaryColumns} FROM offers o ${where}
             ORDER BY o.modified_at DESC, o.id DESC LIMIT $4 OFFSET $5`,
  created: `SELECT ${summaryColumns} FROM offers o ${where}
            ORDER BY o.created_at DESC, o.id DESC LIMIT $4 OFFSET $5`,
} as const;
const countSql = `SELECT count(*)::int AS total FROM offers o ${where}`;

/**
 * One page of offers, newest first by last modification or creation, optionally filtered by a
 * case-insensitive name substring and to offers active now; `total` counts every match.
 */
export async function listOffers(
  input: OpParsedInput<'offers-list'>,
  ctx: Pick<HandlerContext, 'sql' | 'now'>,
): Promise<OpOutput<'offers-list'>> {
  const q = input.q?.trim() ? containsPattern(input.q.trim()) : null;
  const activeOnly = input.activeOnly ?? false;
  const at = nowIso(ctx);
  const org = await getOrgSettings(ctx.sql);
  const rows = await ctx.sql.query<SummaryRow>(pageSql[input.sort], [
    at,
    q,
    activeOnly,
    input.limit,
    input.offset,
  ]);
  const counted = await ctx.sql.query<{ total: unknown }>(countSql, [at, q, activeOnly]);
  return {
    items: rows.map((r) => summaryFromRow(r, org.currency)),
    total: numOf(counted[0]?.total ?? 0),
  };
}
