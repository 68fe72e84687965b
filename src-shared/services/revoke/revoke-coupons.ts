import Papa from 'papaparse';
import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import type { CustomerRef, IdentifierKind } from '#shared/domain/customer';
import { validateIdentifier } from '#shared/engine/identifier';
import type { SqlPort } from '#shared/sql/port';
import { findCustomersByIdentifiers, normalizeIdentifier, refEntry } from '../customers/index';
import { closeIssuance, closesIssuance, requireOffer } from '../offers/index';
import { audit } from '../shared/audit';
import { actorOf } from '../shared/clock';
import { cell, isBlankRow, markEmptyLines, readColumns } from '../uploads/index';

type RevokeInput = OpParsedInput<'coupons-revoke'>;
type RevokeOutput = OpOutput<'coupons-revoke'>;
type UnknownCustomer = RevokeOutput['unknownCustomers'][number];

/** A revoke of millions of coupons reports its count in full but lists at most this many codes. */
export const MAX_REVOKED_CODES_LISTED = 10_000;

/**
 * Never a redeemed coupon: redemption_count holds live (unreversed) redemptions, so a coupon
 * whose every redemption was reversed is unredeemed again and may be revoked.
 */
const revokeSql = {
  ALL_UNREDEEMED: /* sql */ `WITH r AS (
      UPDATE coupons c SET state = 'REVOKED', revoked_at = $2, last_status_change_on = $2
       WHERE c.offer_id = $1 AND c.state = 'ACTIVE' AND c.redemption_count = 0
       RETURNING c.code)
    SELECT (SELECT count(*) FROM r)::int AS n, ARRAY(SELECT code FROM r LIMIT $3) AS codes`,
  UNISSUED: /* sql */ `WITH r AS (
      UPDATE coupons c SET state = 'REVOKED', revoked_at = $2, last_status_change_on = $2
       WHERE c.offer_id = $1 AND c.state = 'ACTIVE' AND c.redemption_count = 0
         AND c.issued_at IS NULL AND c.customer_id IS NULL
       RETURNING c.code)
    SELECT (SELECT count(*) FROM r)::int AS n, ARRAY(SELECT code FROM r LIMIT $3) AS codes`,
  CUSTOMERS: /* sql */ `WITH r AS (
      UPDATE coupons c SET state = 'REVOKED', revoked_at = $2, last_status_change_on = $2
       WHERE c.offer_id = $1 AND c.state = 'ACTIVE' AND c.redemption_count = 0
         AND c.customer_id = ANY($4::text[])
       RETURNING c.code)
    SELECT (SELECT count(*) FROM r)::int AS n, ARRAY(SELECT code FROM r LIMIT $3) AS codes`,
} as const;

/** The coupons each mode revokes, counted without changing them (the preview's question). */
const countSql = {
  ALL_UNREDEEMED: /* sql */ `SELECT count(*)::int AS n FROM coupons c
    WHERE c.offer_id = $1 AND c.state = 'ACTIVE' AND c.redemption_count = 0`,
  UNISSUED: /* sql */ `SELECT count(*)::int AS n FROM coupons c
    WHERE c.offer_id = $1 AND c.state = 'ACTIVE' AND c.redemption_count = 0
      AND c.issued_at IS NULL AND c.customer_id IS NULL`,
  CUSTOMERS: /* sql */ `SELECT count(*)::int AS n FROM coupons c
    WHERE c.offer_id = $1 AND c.state = 'ACTIVE' AND c.redemption_count = 0
      AND c.customer_id = ANY($2::text[])`,
} as const;

type Wanted = { row: number; kind: IdentifierKind; raw: string };

function wantedFromRefs(refs: readonly CustomerRef[]): Wanted[] {
  return refs.map((ref, i) => {
    const e = refEntry(ref);
    return { row: i + 1, kind: e.kind, raw: e.value };
  });
}

/** Row numbers count the header as row 1, so the first customer is row 2. */
function wantedFromCsv(text: string): Wanted[] {
  const source = text.replace(/^\uFEFF/, '');
  const rows = Papa.parse<string[]>(source, { skipEmptyLines: false }).data;
  // Empty lines are skipped; a row of only "" or spaces is reported (its identifier is empty).
  markEmptyLines(source, rows);
  const header = rows[0];
  if (!header || isBlankRow(header)) {
    throw new ApiError('INVALID_INPUT', 'customersCsv is empty: give a header row such as userId', {
      field: 'customersCsv',
    });
  }
  const cols = readColumns(header, { identifier: 'required', code: 'forbidden', issuedAt: false });
  if (!cols.ok) {
    throw new ApiError('INVALID_INPUT', cols.reasons[0]?.message ?? 'bad header', {
      field: 'customersCsv',
      reasons: cols.reasons,
    });
  }
  const id = cols.value.identifier as { kind: IdentifierKind; index: number };
  const wanted: Wanted[] = [];
  rows.forEach((row, i) => {
    if (i === 0 || isBlankRow(row)) return;
    wanted.push({ row: i + 1, kind: id.kind, raw: cell(row, id.index) });
  });
  return wanted;
}

/** Resolves identifiers to customer ids in one statement per identifier kind. */
async function resolveCustomers(
  sql: SqlPort,
  wanted: readonly Wanted[],
): Promise<{ ids: string[]; unknown: UnknownCustomer[] }> {
  const unknown: UnknownCustomer[] = [];
  const valid: (Wanted & { value: string })[] = [];
  for (const w of wanted) {
    const checked = validateIdentifier(w.kind, w.raw);
    if (checked.ok) valid.push({ ...w, value: normalizeIdentifier(w.kind, checked.value) });
    else {
      const message = checked.reasons.map((r) => r.message).join('; ');
      unknown.push({ row: w.row, identifier: `${w.kind}:${w.raw}`, message });
    }
  }
  const ids = new Set<string>();
  const kinds = [...new Set(valid.map((v) => v.kind))];
  for (const kind of kinds) {
    const ofKind = valid.filter((v) => v.kind === kind);
    const found = await findCustomersByIdentifiers(
      sql,
      kind,
      ofKind.map((v) => v.value),
    );
    for (const v of ofKind) {
      const customer = found.get(v.value);
      if (customer) ids.add(customer.id);
      else {
        unknown.push({
          row: v.row,
          identifier: `${kind}:${v.raw}`,
          message: `No customer with ${kind} ${v.raw}; check the identifier`,
        });
      }
    }
  }
  unknown.sort((a, b) => a.row - b.row);
  return { ids: [...ids], unknown };
}

/** The customers a CUSTOMERS revoke names, resolved; none for the offer-wide modes. */
async function customersOf(
  input: RevokeInput | OpParsedInput<'coupons-revoke-preview'>,
  sql: SqlPort,
): Promise<{ ids: string[]; unknown: UnknownCustomer[] }> {
  if (input.mode !== 'CUSTOMERS') return { ids: [], unknown: [] };
  const wanted = [
    ...(input.customers ? wantedFromRefs(input.customers) : []),
    ...(input.customersCsv !== undefined ? wantedFromCsv(input.customersCsv) : []),
  ];
  if (input.customers === undefined && input.customersCsv === undefined) {
    throw new ApiError(
      'INVALID_INPUT',
      'mode CUSTOMERS needs customers (a list of identifiers) or customersCsv',
      { field: 'customers' },
    );
  }
  return resolveCustomers(sql, wanted);
}

/** What a revoke would do, done by nobody: the count a person confirms against. */
export async function previewRevoke(
  input: OpParsedInput<'coupons-revoke-preview'>,
  ctx: HandlerContext,
): Promise<OpOutput<'coupons-revoke-preview'>> {
  const { ids, unknown } = await customersOf(input, ctx.sql);
  const offer = await requireOffer(ctx.sql, input.id);
  const params: unknown[] = input.mode === 'CUSTOMERS' ? [offer.id, ids] : [offer.id];
  const rows = await ctx.sql.query<{ n: unknown }>(countSql[input.mode], params);
  return {
    coupons: Number(rows[0]?.n ?? 0),
    unknownCustomers: unknown,
    closesIssuance: input.mode !== 'CUSTOMERS' && closesIssuance(offer),
  };
}

/**
 * Revokes coupons of an offer: all unredeemed (issued and unissued), only unissued, or every
 * unredeemed coupon of listed customers. Redeemed coupons are never revoked (seed). Audited.
 * On an offer that makes its codes at issue time, "unissued" are the coupons it has yet to
 * issue: both offer-wide modes close it to further issuance (issuance-closure.ts).
 */
export async function revokeCoupons(
  input: RevokeInput,
  ctx: HandlerContext,
): Promise<RevokeOutput> {
  const at = ctx.now().toISOString();
  const { ids: customerIds, unknown: unknownCustomers } = await customersOf(input, ctx.sql);
  return ctx.sql.transaction(async (tx) => {
    const offer = await requireOffer(tx, input.id, true);
    const params: unknown[] = [offer.id, at, MAX_REVOKED_CODES_LISTED];
    if (input.mode === 'CUSTOMERS') params.push(customerIds);
    const rows = await tx.query<{ n: unknown; codes: unknown }>(revokeSql[input.mode], params);
    const revoked = Number(rows[0]?.n ?? 0);
    const codes = [...new Set((rows[0]?.codes as string[] | null) ?? [])];
    // Codes made at issue time have no unissued rows: revoking them closes issuance instead.
    const closure =
      input.mode !== 'CUSTOMERS' && closesIssuance(offer)
        ? await closeIssuance(tx, offer.id, at, actorOf(ctx.principal))
        : null;
    await audit(tx, {
      at,
      actor: actorOf(ctx.principal),
      action: 'coupons.revoke',
      entityType: 'offer',
      entityId: offer.id,
      details: {
        mode: input.mode,
        revoked,
        customerIds: customerIds.slice(0, 1000),
        unknownCustomers: unknownCustomers.length,
        codes: codes.slice(0, 100),
        issuanceClosedAt: closure?.at ?? null,
      },
    });
    return { revoked, codes, unknownCustomers, issuanceClosedAt: closure?.at ?? null };
  });
}
