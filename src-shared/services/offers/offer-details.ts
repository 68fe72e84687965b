import { DateTime } from 'luxon';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput } from '#shared/api/operations';
import type { Offer } from '#shared/domain/offer';
import { analyzeSample } from '#shared/codes/randomized-series';
import { uniqueCodeLimit } from '#shared/codes/unique-capacity';
import type { SqlPort } from '#shared/sql/port';
import { getOrgSettings } from '../org/index';
import { isoOrNull, numOf } from '../shared/values';
import { loadIssuanceClosure } from './issuance-closure';
import { requireOffer } from './offer-repo';

type StatsRow = {
  coupon_count: unknown;
  issued: unknown;
  revoked: unknown;
  unissued_live: unknown;
  last_issued_at: unknown;
};

/** How many more coupons the offer can hand out: its issual limit and its code space. */
function remainingIssuable(offer: Offer, issued: number, unissuedLive: number): number | null {
  const caps: number[] = [];
  if (offer.issuance.totalLimit !== null) caps.push(offer.issuance.totalLimit - issued);
  const gen = offer.codeGeneration;
  if (gen.method === 'UPLOADED') caps.push(unissuedLive);
  if (gen.method === 'RANDOMIZED_COMMON') {
    const shape = analyzeSample(gen.sample);
    if (shape.ok) caps.push(shape.value.size - issued);
  }
  if (gen.method === 'UNIQUE_AUTO') caps.push(uniqueCodeLimit(gen) - issued);
  return caps.length === 0 ? null : Math.max(0, Math.min(...caps));
}

/** Offer configuration with its issuance and redemption figures, counted from the facts. */
export async function getOfferDetails(sql: SqlPort, id: string): Promise<OpOutput<'offers-get'>> {
  const offer = await requireOffer(sql, id);
  const [stats] = await sql.query<StatsRow>(
    `SELECT count(*)::int AS coupon_count,
            count(*) FILTER (WHERE issued_at IS NOT NULL)::int AS issued,
            count(*) FILTER (WHERE state = 'REVOKED')::int AS revoked,
            count(*) FILTER (WHERE issued_at IS NULL AND state = 'ACTIVE')::int AS unissued_live,
            max(issued_at) AS last_issued_at
       FROM coupons WHERE offer_id = $1`,
    [id],
  );
  const [red] = await sql.query<{ redeemed: unknown; last_redeemed_at: unknown }>(
    `SELECT count(*) FILTER (WHERE reversed_at IS NULL)::int AS redeemed,
            max(redeemed_at) FILTER (WHERE reversed_at IS NULL) AS last_redeemed_at
       FROM redemptions WHERE offer_id = $1`,
    [id],
  );
  const issued = numOf(stats?.issued ?? 0);
  const redeemed = numOf(red?.redeemed ?? 0);
  const closure = await loadIssuanceClosure(sql, id);
  return {
    offer,
    issuanceClosed: closure,
    stats: {
      couponCount: numOf(stats?.coupon_count ?? 0),
      issuedCount: issued,
      redeemedCount: redeemed,
      revokedCount: numOf(stats?.revoked ?? 0),
      // A common code can be redeemed without issuance, so the rate may exceed 1.
      redemptionRate: issued === 0 ? 0 : Math.round((redeemed / issued) * 10_000) / 10_000,
      lastIssuedAt: isoOrNull(stats?.last_issued_at),
      lastRedeemedAt: isoOrNull(red?.last_redeemed_at),
      remainingIssuable:
        closure !== null ? 0 : remainingIssuable(offer, issued, numOf(stats?.unissued_live ?? 0)),
    },
  };
}

/** Longest run of days the timeline fills with zeros (ten years). */
const MAX_DAYS = 3_660;

/**
 * Issuals and live redemptions per calendar day in the org's time zone, every day from the
 * first to the last with activity (zeros included, so a chart needs no gap logic).
 */
export async function getOfferTimeline(
  id: string,
  ctx: Pick<HandlerContext, 'sql'>,
): Promise<OpOutput<'offers-timeline'>> {
  await requireOffer(ctx.sql, id);
  const { timeZone } = await getOrgSettings(ctx.sql);
  const issued = await ctx.sql.query<{ day: string; n: unknown }>(
    `SELECT to_char(issued_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, count(*)::int AS n
       FROM coupons WHERE offer_id = $1 AND issued_at IS NOT NULL GROUP BY 1`,
    [id, timeZone],
  );
  const redeemed = await ctx.sql.query<{ day: string; n: unknown }>(
    `SELECT to_char(redeemed_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, count(*)::int AS n
       FROM redemptions WHERE offer_id = $1 AND reversed_at IS NULL GROUP BY 1`,
    [id, timeZone],
  );
  const byDay = new Map<string, { issued: number; redeemed: number }>();
  const slot = (day: string) => {
    let s = byDay.get(day);
    if (!s) byDay.set(day, (s = { issued: 0, redeemed: 0 }));
    return s;
  };
  for (const r of issued) slot(r.day).issued += numOf(r.n);
  for (const r of redeemed) slot(r.day).redeemed += numOf(r.n);
  const days = [...byDay.keys()].sort();
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return { days: [] };
  const out: OpOutput<'offers-timeline'>['days'] = [];
  let d = DateTime.fromISO(first, { zone: 'UTC' });
  const end = DateTime.fromISO(last, { zone: 'UTC' });
  while (d <= end && out.length < MAX_DAYS) {
    const date = d.toISODate() as string;
    out.push({ date, ...(byDay.get(date) ?? { issued: 0, redeemed: 0 }) });
    d = d.plus({ days: 1 });
  }
  return { days: out };
}
