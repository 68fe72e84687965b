import { Decimal } from 'decimal.js';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { CurrencyRate } from '#shared/domain/org';
import { reason, type Reason } from '#shared/domain/reasons';
import type { SqlPort } from '#shared/sql/port';
import { audit } from '../shared/audit';
import { actorOf, nowIso } from '../shared/clock';
import { invalidInput } from '../shared/errors';
import { isoOf } from '../shared/values';

type RateRow = { from_ccy: string; to_ccy: string; rate: unknown; effective_from: unknown };

/** numeric(24,10) comes back padded ("83.1200000000"); rates travel in their shortest form. */
const rateText = (v: unknown): string => new Decimal(String(v)).toFixed();

/** Every exchange rate, as the engine's findRate wants them (it picks the one in effect). */
export async function loadCurrencyRates(sql: SqlPort): Promise<CurrencyRate[]> {
  const rows = await sql.query<RateRow>(
    `SELECT from_ccy, to_ccy, rate, effective_from FROM currency_rates
      ORDER BY from_ccy, to_ccy, effective_from`,
  );
  return rows.map((r) => ({
    from: r.from_ccy,
    to: r.to_ccy,
    rate: rateText(r.rate),
    effectiveFrom: isoOf(r.effective_from),
  }));
}

/**
 * Adds rates, each effective from an instant; re-sending a rate for the same pair and instant
 * replaces it (a correction), so the call is idempotent.
 */
export async function putCurrencyRates(
  input: OpParsedInput<'currency-rates-put'>,
  ctx: Pick<HandlerContext, 'sql' | 'now' | 'principal'>,
): Promise<OpOutput<'currency-rates-put'>> {
  const reasons: Reason[] = [];
  input.rates.forEach((r, i) => {
    if (r.from === r.to) {
      reasons.push(
        reason('INVALID_FIELD', `a rate from ${r.from} to itself is always 1`, `rates.${i}.to`),
      );
    }
    if (new Decimal(r.rate).lte(0)) {
      reasons.push(
        reason('INVALID_FIELD', `rate must be more than 0, got ${r.rate}`, `rates.${i}.rate`),
      );
    }
  });
  if (reasons.length > 0) throw invalidInput(reasons);
  const at = nowIso(ctx);
  // One row per pair and instant (the last given wins): a statement may not upsert a row twice.
  const byKey = new Map(
    input.rates.map((r) => [`${r.from}/${r.to}/${Date.parse(r.effectiveFrom)}`, r]),
  );
  const rates = [...byKey.values()];
  await ctx.sql.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO currency_rates (from_ccy, to_ccy, rate, effective_from)
       SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[], $4::timestamptz[])
       ON CONFLICT (from_ccy, to_ccy, effective_from) DO UPDATE SET rate = EXCLUDED.rate`,
      [
        rates.map((r) => r.from),
        rates.map((r) => r.to),
        rates.map((r) => r.rate),
        rates.map((r) => r.effectiveFrom),
      ],
    );
    await audit(tx, {
      at,
      actor: actorOf(ctx.principal),
      action: 'rates.put',
      entityType: 'currency_rates',
      entityId: at,
      details: { count: input.rates.length },
    });
  });
  return { count: input.rates.length };
}
