import { DateTime } from 'luxon';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { OfferConfig } from '#shared/domain/offer';
import { reason, type Reason } from '#shared/domain/reasons';
import { RESTRICTED_LOOKBACK_MONTHS } from '#shared/engine/issuance';
import type { SqlPort } from '#shared/sql/port';
import { nowIso } from '../shared/clock';
import { isoOrNull } from '../shared/values';
import { containsPattern } from './offer-list';

/**
 * "Restrict based on past issuals" (seed): the offers to choose from are those that could have
 * issued a coupon in the look-back window — started by now and not ended before it began.
 * Walks offer_list newest-modified first and stops at the limit; a match on the offer code
 * reads the offers row of each candidate only.
 */
const searchSql = /* sql */ `
  SELECT o.id, o.name, o.offer_code, o.ends_at, o.last_issued_at
    FROM offer_list l JOIN offers o ON o.id = l.offer_id
   WHERE l.starts_at <= $1::timestamptz
     AND (l.ends_at IS NULL OR l.ends_at >= $2::timestamptz)
     AND ($3::text IS NULL OR l.name_lower LIKE $3::text OR lower(o.offer_code) LIKE $3::text)
     AND ($4::text IS NULL OR l.offer_id <> $4::text)
   ORDER BY l.modified_at DESC, l.offer_id DESC
   LIMIT $5`;

type Row = {
  id: string;
  name: string;
  offer_code: string;
  ends_at: unknown;
  last_issued_at: unknown;
};

/** The start of the look-back window, as the engine applies it (calendar months, UTC). */
export const pastIssualWindowStart = (at: string): string =>
  DateTime.fromISO(at, { zone: 'utc' }).minus({ months: RESTRICTED_LOOKBACK_MONTHS }).toISO() ?? at;

export async function searchPastIssualOffers(
  input: OpParsedInput<'offers-past-issual-search'>,
  ctx: Pick<HandlerContext, 'sql' | 'now'>,
): Promise<OpOutput<'offers-past-issual-search'>> {
  const at = nowIso(ctx);
  const since = pastIssualWindowStart(at);
  const q = input.q?.trim() ? containsPattern(input.q.trim()) : null;
  const rows = await ctx.sql.query<Row>(searchSql, [
    at,
    since,
    q,
    input.excludeId ?? null,
    input.limit,
  ]);
  return {
    since,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      offerCode: r.offer_code,
      endsAt: isoOrNull(r.ends_at),
      lastIssuedAt: isoOrNull(r.last_issued_at),
    })),
  };
}

/**
 * Every offer named in "restrict based on past issuals" must exist: an id typed by hand or
 * copied from another system would otherwise restrict nobody, silently.
 */
export async function checkPastIssualRefs(sql: SqlPort, config: OfferConfig): Promise<Reason[]> {
  const ids = config.issuance.restrictPastIssualsOfOfferIds;
  if (ids.length === 0) return [];
  const found = await sql.query<{ id: string }>(
    'SELECT id FROM offers WHERE id = ANY($1::text[])',
    [[...new Set(ids)]],
  );
  const known = new Set(found.map((r) => r.id));
  return ids.flatMap((id, i) =>
    known.has(id)
      ? []
      : [
          reason(
            'UNKNOWN_OFFER',
            `No offer has the id "${id}"; remove it and choose offers by searching their name or offer code`,
            `issuance.restrictPastIssualsOfOfferIds.${i}`,
          ),
        ],
  );
}
