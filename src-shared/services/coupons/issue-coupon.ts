import { ApiError } from '#shared/api/errors';
import type { HandlerContext } from '#shared/api/handlers';
import type { OpOutput, OpParsedInput } from '#shared/api/operations';
import { normalizeCode } from '#shared/codes/normalize';
import type { Coupon } from '#shared/domain/coupon';
import type { Customer } from '#shared/domain/customer';
import type { Offer } from '#shared/domain/offer';
import { reason } from '#shared/domain/reasons';
import { couponExpiresAt } from '#shared/engine/coupon-expiry';
import { checkIssuance } from '#shared/engine/issuance';
import { futureIssuedAtReason } from '#shared/engine/issued-at';
import type { SqlPort } from '#shared/sql/port';
import { readsAudience } from '../audience/index';
import { findCustomerByRef, refToString } from '../customers/index';
import {
  closesIssuance,
  issuanceClosedReason,
  loadIssuanceClosure,
  requireOffer,
} from '../offers/index';
import { ruleFailed } from '../shared/errors';
import { newId } from '../shared/ids';
import {
  assertUniqueCapacity,
  commonCodeOf,
  nextRandomizedCodes,
  uniqueCodeGenerator,
} from './code-allocation';
import { couponColumns, couponFromRow, describeCoupon, type CouponRow } from './coupon-row';
import { loadIssuanceFacts } from './issuance-facts';
import { withOfflineChecks } from './offline-check';
import { issuanceTimeZone } from './time-zone';

type IssueInput = OpParsedInput<'coupons-issue'>;
type IssueOutput = OpOutput<'coupons-issue'>;

/** Redraws of a unique code that clashed with one already in the offer before giving up. */
const MAX_UNIQUE_ATTEMPTS = 20;

const insertSql = /* sql */ `INSERT INTO coupons AS c (id, offer_id, code, code_unique, customer_id,
    state, issued_at, expires_at, last_status_change_on, created_at)
  VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $7, $8, $8)
  ON CONFLICT (code, offer_id, (CASE WHEN code_unique THEN '' ELSE id END)) DO NOTHING
  RETURNING ${couponColumns}`;

type NewCoupon = {
  offer: Offer;
  customer: Customer;
  issuedAt: string;
  expiresAt: string | null;
  now: string;
  /** Coupons the offer already holds (offers.issued_count), for the unique code space check. */
  existingCount: number;
};

async function insertCoupon(
  tx: SqlPort,
  c: NewCoupon,
  code: string,
  unique: boolean,
): Promise<Coupon | null> {
  const rows = await tx.query<CouponRow>(insertSql, [
    newId(),
    c.offer.id,
    code,
    unique,
    c.customer.id,
    c.issuedAt,
    c.expiresAt,
    c.now,
  ]);
  return rows[0] ? couponFromRow(rows[0]) : null;
}

/** Hands an unissued uploaded code (the one asked for, or the oldest) to the customer. */
async function issueUploaded(tx: SqlPort, c: NewCoupon, wanted?: string): Promise<Coupon> {
  const params = [c.offer.id, c.customer.id, c.issuedAt, c.expiresAt, c.now];
  if (wanted !== undefined) {
    const code = normalizeCode(wanted);
    const rows = await tx.query<CouponRow>(
      `SELECT ${couponColumns} FROM coupons c WHERE c.offer_id = $1 AND c.code = $2 FOR UPDATE`,
      [c.offer.id, code],
    );
    const row = rows[0];
    if (!row) {
      throw new ApiError(
        'NOT_FOUND',
        `Code ${code} is not an uploaded code of offer "${c.offer.name}"; upload it first`,
        { field: 'code', code },
      );
    }
    if (row.issued_at !== null || row.customer_id !== null || row.state !== 'ACTIVE') {
      throw new ApiError(
        'CONFLICT',
        `Code ${code} of offer "${c.offer.name}" is already ${row.state === 'REVOKED' ? 'revoked' : 'issued'}; choose an unissued code or leave code empty`,
        { field: 'code', code },
      );
    }
    const updated = await tx.query<CouponRow>(
      `UPDATE coupons c SET customer_id = $2, issued_at = $3, expires_at = $4,
              last_status_change_on = $5
        WHERE c.id = $6 AND c.offer_id = $1 RETURNING ${couponColumns}`,
      [...params, row.id],
    );
    return couponFromRow(updated[0] as CouponRow);
  }
  const taken = await tx.query<CouponRow>(
    `UPDATE coupons c SET customer_id = $2, issued_at = $3, expires_at = $4,
            last_status_change_on = $5
      WHERE c.id = (SELECT u.id FROM coupons u
                     WHERE u.offer_id = $1 AND u.issued_at IS NULL AND u.customer_id IS NULL
                       AND u.state = 'ACTIVE'
                     ORDER BY u.created_at, u.id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING ${couponColumns}`,
    params,
  );
  if (!taken[0]) {
    throw ruleFailed(`Offer "${c.offer.name}" has no unissued codes left`, [
      reason(
        'NO_CODES_LEFT',
        `Every uploaded code of offer "${c.offer.name}" has been issued; upload more codes`,
        'code',
      ),
    ]);
  }
  return couponFromRow(taken[0]);
}

async function allocateAndInsert(tx: SqlPort, c: NewCoupon, input: IssueInput): Promise<Coupon> {
  const method = c.offer.codeGeneration.method;
  if (input.code !== undefined && method !== 'UPLOADED') {
    throw new ApiError(
      'INVALID_INPUT',
      `Offer "${c.offer.name}" makes its own codes (${method}); leave code empty`,
      { field: 'code' },
    );
  }
  switch (method) {
    case 'UPLOADED':
      return issueUploaded(tx, c, input.code);
    case 'COMMON': {
      const inserted = await insertCoupon(tx, c, commonCodeOf(c.offer), false);
      return inserted as Coupon;
    }
    case 'RANDOMIZED_COMMON': {
      const [code] = await withOfflineChecks(
        tx,
        c.offer,
        await nextRandomizedCodes(tx, c.offer, 1),
        [c.customer.id],
      );
      const inserted = await insertCoupon(tx, c, code as string, true);
      if (!inserted) throw new ApiError('INTERNAL', `Randomized code ${code} already exists`);
      return inserted;
    }
    case 'UNIQUE_AUTO': {
      const existing = c.existingCount;
      assertUniqueCapacity(c.offer, 1, existing);
      const generator = uniqueCodeGenerator(c.offer, existing, 16);
      for (let attempt = 0; attempt < MAX_UNIQUE_ATTEMPTS; attempt++) {
        const [code] = await withOfflineChecks(tx, c.offer, generator.next(1), [c.customer.id]);
        const inserted = await insertCoupon(tx, c, code as string, true);
        if (inserted) return inserted;
      }
      throw new ApiError(
        'UNAVAILABLE',
        `No free code found for offer "${c.offer.name}" in ${MAX_UNIQUE_ATTEMPTS} draws; the code space is nearly full`,
      );
    }
  }
}

/**
 * Issues one coupon: the offer row is locked so limits are checked against committed counts,
 * the engine decides (issue, resend the existing coupon, or every reason not to), and at a
 * till the ISSUANCE fact is recorded in the same transaction.
 */
export async function issueCoupon(input: IssueInput, ctx: HandlerContext): Promise<IssueOutput> {
  const now = ctx.now().toISOString();
  if (input.issuedAt !== undefined) {
    const issuedMs = Date.parse(input.issuedAt);
    const future = futureIssuedAtReason(input.issuedAt, issuedMs, Date.parse(now));
    if (future !== null) {
      throw new ApiError('INVALID_INPUT', future.message, { field: 'issuedAt', reasons: [future] });
    }
  }
  const customer = await findCustomerByRef(ctx.sql, input.customer);
  if (!customer) {
    const identifier = refToString(input.customer);
    throw new ApiError('NOT_FOUND', `No customer with ${identifier}; register the customer first`, {
      field: 'customer',
      identifier,
    });
  }
  const timeZone = await issuanceTimeZone(ctx.sql, ctx.principal);
  return ctx.sql.transaction(async (tx) => {
    const offer = await requireOffer(tx, input.id, true);
    const closure = closesIssuance(offer) ? await loadIssuanceClosure(tx, offer.id) : null;
    if (closure !== null) {
      const why = issuanceClosedReason(offer, closure);
      throw ruleFailed(`Cannot issue offer "${offer.name}": ${why.message}`, [why]);
    }
    // A till that follows a hub holds no customer lists (they are not replicated): the hub
    // issues such offers.
    if (ctx.recordFact && readsAudience(offer)) {
      throw new ApiError(
        'FORBIDDEN',
        `Offer "${offer.name}" is issued only to the customers on its list, which the hub keeps; issue it from the back office on the hub`,
        { reason: 'AUDIENCE_AT_HUB' },
      );
    }
    const facts = await loadIssuanceFacts(tx, offer, customer, now, timeZone);
    const decision = checkIssuance(facts);
    if (!decision.ok) {
      const first = decision.reasons[0]?.message ?? 'issuance rules not met';
      throw ruleFailed(`Cannot issue offer "${offer.name}": ${first}`, decision.reasons);
    }
    if (decision.value.action === 'SEND_EXISTING') {
      const rows = await tx.query<CouponRow>(
        `SELECT ${couponColumns} FROM coupons c WHERE c.id = $1`,
        [decision.value.couponId],
      );
      const existing = couponFromRow(rows[0] as CouponRow);
      return {
        coupon: describeCoupon(existing, offer, now),
        resent: true,
        thresholdReached: false,
      };
    }
    // Migrated coupons keep their issue time; expiry counts from it.
    const issuedAt = input.issuedAt ? new Date(input.issuedAt).toISOString() : now;
    const expiresAt = input.issuedAt
      ? couponExpiresAt(offer, issuedAt, timeZone)
      : decision.value.expiresAt;
    const coupon = await allocateAndInsert(
      tx,
      { offer, customer, issuedAt, expiresAt, now, existingCount: facts.offerIssuedCount },
      input,
    );
    await tx.query(
      `UPDATE offers SET issued_count = issued_count + 1,
              last_issued_at = GREATEST(COALESCE(last_issued_at, $2), $2)
        WHERE id = $1`,
      [offer.id, issuedAt],
    );
    if (ctx.recordFact) {
      await ctx.recordFact(tx, {
        kind: 'ISSUANCE',
        clientId: coupon.id,
        deviceTime: now,
        leaseId: null,
        payload: {
          couponId: coupon.id,
          offerId: offer.id,
          code: coupon.code,
          customerId: customer.id,
          issuedAt,
          expiresAt,
        },
      });
    }
    return {
      coupon: describeCoupon(coupon, offer, now),
      resent: false,
      thresholdReached: decision.value.thresholdReached,
    };
  });
}
